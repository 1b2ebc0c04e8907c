import Reporting

/// A posterior quantity: its point estimate, posterior sd and equal-tailed
/// interval [q(alpha/2), q(1 − alpha/2)] (R type-7 quantiles of the draws).
public struct PosteriorEstimate: Sendable, Equatable {
    /// The point estimate.
    public var mean: Double
    /// The posterior standard deviation (n − 1 denominator over the draws).
    public var sd: Double
    /// The lower end of the interval.
    public var lower: Double
    /// The upper end of the interval.
    public var upper: Double

    /// An estimate from its four numbers.
    public init(mean: Double, sd: Double, lower: Double, upper: Double) {
        self.mean = mean
        self.sd = sd
        self.lower = lower
        self.upper = upper
    }
}

/// One row block of the summary (the post-period average, or its sum), NOTES §5.
///
/// With A the observed mean (sum) of the response, P̄ that of the noise-free
/// prediction (the posterior mean of the state, `point.pred`), and m_k draw k's
/// mean (sum) of the predicted response Y[k, t] = S[k, t] + ε:
/// predicted = (P̄, sd(m), q(m)); absolute effect = (A − P̄, sd(m), [A − q_hi(m), A − q_lo(m)]);
/// relative effect = mean, sd and quantiles of r_k = ΣA / ΣY[k] − 1 (the same in both blocks).
public struct EffectSummary: Sendable, Equatable {
    /// The observed response (mean or sum over the post-period).
    public var actual: Double
    /// The counterfactual prediction.
    public var predicted: PosteriorEstimate
    /// actual − predicted.
    public var absoluteEffect: PosteriorEstimate
    /// The effect as a fraction of the prediction (0.093, not 9.3%): a per-draw ratio of sums.
    public var relativeEffect: PosteriorEstimate

    /// A block from its parts.
    public init(actual: Double, predicted: PosteriorEstimate, absoluteEffect: PosteriorEstimate,
                relativeEffect: PosteriorEstimate) {
        self.actual = actual
        self.predicted = predicted
        self.absoluteEffect = absoluteEffect
        self.relativeEffect = relativeEffect
    }
}

/// The posterior summary of an impact analysis over the post-period.
public struct ImpactSummary: Sendable, Equatable {
    /// Per-time-point averages.
    public var average: EffectSummary
    /// Sums over the post-period.
    public var cumulative: EffectSummary
    /// The one-sided tail-area probability
    /// p = min(#{C ≥ C_obs}, #{C ≤ C_obs}) / (K + 1) over the K draws' post-period sums C_k
    /// and the observed sum C_obs (which counts itself in both).
    public var tailProbability: Double
    /// The interval level is 1 − alpha.
    public var alpha: Double
    /// P(effect > 0): the share of draws whose average effect is positive (NaN when unknown).
    public var probabilityPositive = Double.nan
    /// P(effect < 0): the share of draws whose average effect is negative; with
    /// `probabilityPositive` it adds up to 1 less the share of draws exactly at 0.
    public var probabilityNegative = Double.nan

    /// A summary from its parts.
    public init(average: EffectSummary, cumulative: EffectSummary, tailProbability: Double, alpha: Double) {
        self.average = average
        self.cumulative = cumulative
        self.tailProbability = tailProbability
        self.alpha = alpha
    }

    /// The posterior probability of a causal effect, 1 − p.
    public var probabilityOfCausalEffect: Double { 1 - tailProbability }
    /// Whether the interval of the average absolute effect excludes 0.
    public var intervalExcludesZero: Bool {
        average.absoluteEffect.lower > 0 || average.absoluteEffect.upper < 0
    }
    /// Whether the interval of the predicted average includes 0: the relative effect, a
    /// ratio to the prediction, then means nothing and is not reported.
    public var baselineCrossesZero: Bool { average.predicted.lower <= 0 && average.predicted.upper >= 0 }
    /// Whether the effect is clear: its interval excludes 0 and p < alpha.
    public var isClear: Bool { intervalExcludesZero && tailProbability < alpha }
}

/// Pointwise and cumulative series over every row of the input table (NaN where
/// undefined: rows before the modelled pre-period start or after the post-period
/// end, missing responses; effects in a gap between the periods).
///
/// predicted = posterior mean of S (on the original scale); its interval is the
/// quantiles of Y = S + ε; pointEffect = y − predicted with interval
/// [y − upper, y − lower]. The cumulative effect is 0 before the post-period and
/// the running sum of pointEffect within it, with interval from the quantiles of
/// each draw's running sum of Y.
public struct ImpactSeries: Sendable, Equatable {
    /// The observed response.
    public var actual: [Double]
    /// The counterfactual prediction (noise-free posterior mean).
    public var predicted: [Double]
    /// Lower end of the prediction interval.
    public var predictedLower: [Double]
    /// Upper end of the prediction interval.
    public var predictedUpper: [Double]
    /// actual − predicted.
    public var pointEffect: [Double]
    /// Lower end of the pointwise effect interval.
    public var pointEffectLower: [Double]
    /// Upper end of the pointwise effect interval.
    public var pointEffectUpper: [Double]
    /// The running sum of the effect over the post-period (0 before it).
    public var cumulativeEffect: [Double]
    /// Lower end of the cumulative effect interval.
    public var cumulativeEffectLower: [Double]
    /// Upper end of the cumulative effect interval.
    public var cumulativeEffectUpper: [Double]

    /// Series with every inference missing: only the observed response.
    init(actual: [Double]) {
        self.actual = actual
        let missing = [Double](repeating: .nan, count: actual.count)
        predicted = missing
        predictedLower = missing
        predictedUpper = missing
        pointEffect = missing
        pointEffectLower = missing
        pointEffectUpper = missing
        cumulativeEffect = missing
        cumulativeEffectLower = missing
        cumulativeEffectUpper = missing
    }
}

/// The outcome of an impact analysis.
public struct ImpactResult: Sendable {
    /// The prepared data (periods, columns, scale).
    public let data: ImpactData
    /// The posterior summary.
    public let summary: ImpactSummary
    /// The pointwise and cumulative series over every input row.
    public let series: ImpactSeries
    /// The interval level is 1 − alpha.
    public let alpha: Double
    /// MCMC iterations per chain, as requested.
    public let iterations: Int
    /// The number of posterior draws used (after burn-in, over all chains).
    public let drawCount: Int
    /// What the sampler reports (chains, burn-in, regression, diagnostics), when known.
    public let sampler: SamplerReport?
    /// What weakens the result: too few draws, unobserved seasons, unconverged chains.
    public let warnings: [ImpactWarning]
    /// The posterior draws of the post-period's predicted response and pointwise effect, when kept.
    public let effectDraws: EffectDraws?

    init(data: ImpactData, summary: ImpactSummary, series: ImpactSeries, alpha: Double, iterations: Int,
         drawCount: Int, sampler: SamplerReport? = nil, modelWarnings: [ImpactWarning] = [],
         effectDraws: EffectDraws? = nil) {
        self.effectDraws = effectDraws
        self.data = data
        self.summary = summary
        self.series = series
        self.alpha = alpha
        self.iterations = iterations
        self.drawCount = drawCount
        self.sampler = sampler
        warnings = ImpactWarning.collect(kept: drawCount, alpha: alpha, sampler: sampler, model: modelWarnings)
    }

    /// The interval level 1 − alpha as a percentage, e.g. "95%" or "97.5%".
    public var intervalLevel: String { NumberFormatting.level(alpha) }
}

/// What an impact analysis yields: an inference, or, when the pre-period response
/// cannot be modelled (R CausalImpact's "ill-conditioned" response: fewer than 3
/// observed values, or a constant one), the prepared data and the reason. The
/// command line reports either; `ImpactAnalysis.run` throws in the second case.
public enum ImpactOutcome: Sendable {
    /// The effect was inferred.
    case inferred(ImpactResult)
    /// No model could be fit; `data.noInferenceReason` says why.
    case notInferred(ImpactData, alpha: Double, iterations: Int)

    /// The prepared data.
    public var data: ImpactData {
        switch self {
        case .inferred(let result): return result.data
        case .notInferred(let data, _, _): return data
        }
    }

    /// The pointwise and cumulative series; only the observed response without an inference.
    public var series: ImpactSeries {
        switch self {
        case .inferred(let result): return result.series
        case .notInferred(let data, _, _): return ImpactSeries(actual: data.observed)
        }
    }

    /// The inference, if one was made.
    public var result: ImpactResult? {
        if case .inferred(let result) = self { return result }
        return nil
    }

    /// The interval level is 1 − alpha.
    public var alpha: Double {
        switch self {
        case .inferred(let result): return result.alpha
        case .notInferred(_, let alpha, _): return alpha
        }
    }

    /// MCMC iterations per chain, as requested.
    public var iterations: Int {
        switch self {
        case .inferred(let result): return result.iterations
        case .notInferred(_, _, let iterations): return iterations
        }
    }

    /// The interval level 1 − alpha as a percentage, e.g. "95%".
    public var intervalLevel: String { NumberFormatting.level(alpha) }
}
