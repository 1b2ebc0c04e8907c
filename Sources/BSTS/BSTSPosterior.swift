import Probability

/// The posterior mean of one scalar parameter with its MCMC diagnostics, over the
/// draws kept after each chain's burn-in.
public struct ParameterSummary: Sendable, Equatable {
    /// "sigma.obs", "sigma.level", "sigma.slope", "sigma.seasonal", "sigma.<covariate>"
    /// (dynamic regression) or "beta.<covariate>".
    public let name: String
    /// The posterior mean.
    public let mean: Double
    /// The posterior standard deviation (n − 1 denominator over the kept draws).
    public let posteriorSD: Double
    /// Effective sample size over all chains (`MCMCDiagnostics.effectiveSampleSize`);
    /// NaN when every kept draw is equal (e.g. a never-included coefficient).
    public let effectiveSampleSize: Double
    /// Split R̂ over the chains (`MCMCDiagnostics.splitRHat`); nil with one chain.
    public let splitRHat: Double?

    /// The Monte Carlo standard error of `mean`: posteriorSD / √ESS (0 when every draw is equal).
    public var monteCarloStandardError: Double {
        posteriorSD == 0 ? 0 : posteriorSD / effectiveSampleSize.squareRoot()
    }
}

/// Posterior draws of a fitted structural time-series model, after burn-in.
/// Kept draws of all chains are concatenated in chain order.
public struct BSTSPosterior: Sendable {
    /// Per kept draw k: S[k, t] = trend + seasonal + dynamic regression + x_tᵀβ for
    /// t in 0..<n, on the scale of the response given to `fit`. The static
    /// regression's intercept is folded into the trend, as bsts does.
    public let stateContributions: [[Double]]
    /// σ_obs per kept draw.
    public let observationSD: [Double]
    /// The burn-in of each chain (`SuggestBurn(0.1)` on its log-likelihood trace; floor(0.1·N)
    /// with Student-t errors).
    public let burnIn: [Int]
    /// The number of kept draws of each chain (iterations − burn-in).
    public let keptDraws: [Int]
    /// Per covariate (intercept excluded): the fraction of kept draws that include it.
    /// Empty for a dynamic regression or without covariates.
    public let inclusionProbabilities: [Double]
    /// Per covariate: the posterior mean of β_j, counting excluded draws as 0.
    /// Empty for a dynamic regression or without covariates.
    public let coefficientMeans: [Double]
    /// Per covariate: β_j at every kept draw (0 when excluded), chains concatenated.
    /// Empty for a dynamic regression or without covariates.
    public let coefficientDraws: [[Double]]
    /// The covariate names, as given to `fit`.
    public let covariateNames: [String]
    /// Posterior means and diagnostics of σ_obs and every state σ ("sigma.level",
    /// "sigma.slope", "sigma.seasonal", "sigma.<covariate>" for a dynamic regression).
    public let standardDeviations: [ParameterSummary]
    /// Posterior means and diagnostics of the static coefficients ("beta.<covariate>").
    public let coefficients: [ParameterSummary]
    /// Posterior means and diagnostics of the state components' other parameters, under
    /// bsts' names: "AR1.coefficients" (AR(1); "AR<p>.coefficients.<i>" for AR(p)),
    /// "trend.slope.mean" and "trend.slope.ar.coefficient" (semilocal linear trend),
    /// "<event>.<day>" per day of each event's window ("July4.-1", "July4.0", "July4.+1"), and
    /// "observation.df" (ν of Student-t observation errors).
    public let componentParameters: [ParameterSummary]
    /// Each chain's full log-likelihood trace (burn-in included), the input of the burn-in rule
    /// (with Student-t errors, given each sweep's weights, and not used for the burn-in).
    public let logLikelihood: [[Double]]
    /// sd of the observed response, the scale of the priors.
    public let responseSD: Double

    /// Every monitored parameter: the standard deviations, then the coefficients.
    public var diagnostics: [ParameterSummary] { standardDeviations + componentParameters + coefficients }

    /// A posterior made from given kept draws, as if from one chain — for code
    /// downstream of the sampler (summaries, reports) to be tested without MCMC.
    /// σ_obs gets a summary; coefficient draws, diagnostics and traces are empty.
    public init(stateContributions: [[Double]], observationSD: [Double], burnIn: Int = 0,
                covariateNames: [String] = [], inclusionProbabilities: [Double] = [],
                coefficientMeans: [Double] = [], responseSD: Double = 1) {
        self.stateContributions = stateContributions
        self.observationSD = observationSD
        self.burnIn = [burnIn]
        keptDraws = [stateContributions.count]
        self.covariateNames = covariateNames
        self.inclusionProbabilities = inclusionProbabilities
        self.coefficientMeans = coefficientMeans
        coefficientDraws = []
        coefficients = []
        componentParameters = []
        logLikelihood = []
        self.responseSD = responseSD
        let mean = observationSD.reduce(0, +) / Double(max(1, observationSD.count))
        let variance = observationSD.count > 1
            ? observationSD.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(observationSD.count - 1) : 0
        standardDeviations = [ParameterSummary(name: "sigma.obs", mean: mean, posteriorSD: variance.squareRoot(),
                                               effectiveSampleSize: MCMCDiagnostics.effectiveSampleSize([observationSD]),
                                               splitRHat: nil)]
    }

    init(specification: ModelSpecification, chains: [ChainDraws]) {
        let burn = chains.map {
            specification.observationErrors == .student
                ? BurnIn.withoutLikelihood(iterations: $0.logLikelihood.count)
                : BurnIn.suggest(logLikelihood: $0.logLikelihood)
        }
        let kept = zip(chains, burn).map { $0.logLikelihood.count - $1 }
        func afterBurnIn<T>(_ series: [T], chain c: Int) -> ArraySlice<T> { series[burn[c]...] }

        burnIn = burn
        keptDraws = kept
        logLikelihood = chains.map(\.logLikelihood)
        responseSD = specification.sdy
        covariateNames = specification.covariateNames
        stateContributions = chains.indices.flatMap { afterBurnIn(chains[$0].contributions, chain: $0) }
        observationSD = chains.indices.flatMap { afterBurnIn(chains[$0].observationSD, chain: $0) }

        func summary(_ name: String, _ perChain: [[Double]]) -> ParameterSummary {
            let kept = perChain.indices.map { Array(afterBurnIn(perChain[$0], chain: $0)) }
            let all = kept.flatMap { $0 }
            let mean = all.reduce(0, +) / Double(all.count)
            let variance = all.count > 1 ? all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count - 1) : 0
            return ParameterSummary(
                name: name, mean: mean, posteriorSD: variance.squareRoot(),
                effectiveSampleSize: MCMCDiagnostics.effectiveSampleSize(kept),
                splitRHat: kept.count > 1 ? MCMCDiagnostics.splitRHat(kept) : nil)
        }
        var deviations = [summary("sigma.obs", chains.map(\.observationSD))]
        for (d, name) in specification.stack.deviationNames.enumerated() {
            deviations.append(summary(name, chains.map { $0.stateSD[d] }))
        }
        standardDeviations = deviations
        componentParameters = specification.parameterNames.enumerated().map { i, name in
            summary(name, chains.map { $0.parameters[i] })
        }

        let staticCovariates = chains.first?.coefficients.count ?? 0
        coefficients = (0..<staticCovariates).map { j in
            summary("beta.\(specification.covariateNames[j])", chains.map { $0.coefficients[j] })
        }
        coefficientMeans = coefficients.map(\.mean)
        coefficientDraws = (0..<staticCovariates).map { j in
            chains.indices.flatMap { afterBurnIn(chains[$0].coefficients[j], chain: $0) }
        }
        let totalKept = Double(kept.reduce(0, +))
        inclusionProbabilities = (0..<staticCovariates).map { j in
            let count = chains.indices.reduce(0) { total, c in
                total + afterBurnIn(chains[c].included[j], chain: c).reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            return Double(count) / totalKept
        }
    }
}
