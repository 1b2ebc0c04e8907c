import Probability

/// Named defaults of off-policy evaluation.
public enum OffPolicyDefaults {
    /// Switch-DR's threshold λ unless given: a round whose weight exceeds 10 (the target
    /// takes its action more than ten times as often as the logging policy did) is
    /// scored by the reward model alone. Open Bandit Pipeline's default is λ = ∞, which
    /// makes Switch-DR the DR estimator; Wang, Agarwal & Dudík (2017) tune λ per data set.
    public static let switchLambda = 10.0
    /// Below this Kish effective sample size of the importance weights an estimate is
    /// flagged (`EstimatorWarning.extremeWeights`): the normal approximation behind its
    /// interval needs more than a hundred effective rounds (the same bound as
    /// `CounterfactualDefaults.lowEffectiveSampleSize`).
    public static let minimumEffectiveSampleSize = 100.0
    /// … or below this share of the rounds.
    public static let minimumEffectiveShare = 0.01
    /// The mean weight is flagged when it lies more than this many standard errors from 1
    /// (a two-sided normal tail of 6·10⁻⁵: a false alarm is rare).
    public static let weightMeanZ = 4.0
}

/// An off-policy estimator of a target policy's value V(π) = E_x[Σₐ π(a | x) q(x, a)],
/// q(x, a) = E[R | x, do(A = a)], from rounds logged under another policy π_b.
///
/// With wᵢ = π(aᵢ | xᵢ)/pᵢ the importance weight, w̄ their mean, q̂ᵢ(π) = Σₐ π(a | xᵢ) q̂(xᵢ, a) / Σₐ π(a | xᵢ)
/// the reward model's value of π at xᵢ and εᵢ = rᵢ − q̂(xᵢ, aᵢ), the estimate is the mean of
/// the round values vᵢ:
///
/// | method | vᵢ | |
/// |---|---|---|
/// | `ips` | wᵢ rᵢ | inverse propensity scoring (Horvitz & Thompson 1952) |
/// | `snips` | wᵢ rᵢ / w̄ | self-normalised (Swaminathan & Joachims 2015) |
/// | `dm` | q̂ᵢ(π) | direct method: the reward model alone |
/// | `dr` | q̂ᵢ(π) + wᵢ εᵢ | doubly robust (Dudík, Langford & Li 2011) |
/// | `sndr` | q̂ᵢ(π) + wᵢ εᵢ / w̄ | self-normalised DR |
/// | `switch-dr` | q̂ᵢ(π) + 1{wᵢ ≤ λ} wᵢ εᵢ | Switch-DR (Wang, Agarwal & Dudík 2017) |
///
/// exactly as Open Bandit Pipeline 0.5.7 computes them (no weight clipping). IPS and
/// SNIPS are unbiased (SNIPS consistent) when the propensities are right; DM when the
/// reward model is; DR when either is; Switch-DR when the reward model is right on the
/// rounds with weights above λ.
///
/// Uncertainty. By default (CLT) the standard error is sd(ψ)/√n of the influence values ψᵢ:
/// vᵢ − V̂ for IPS, DM, DR and Switch-DR; wᵢ(rᵢ − V̂)/w̄ for SNIPS and
/// (q̂ᵢ(π) − mean q̂(π)) + wᵢ(εᵢ − θ)/w̄ with θ = Σwε/Σw for SNDR (the delta method, which
/// counts the variance of the denominator w̄); the interval is V̂ ± z·SE. With
/// `bootstrapReplications` B: obp's bootstrap, B resamples of the n round values vᵢ
/// (self-normalising denominators fixed at the full sample's w̄), the SE their standard
/// deviation and the interval their percentile interval (NumPy's linear interpolation).
///
/// Complexity O(nK) time, O(n) memory; the bootstrap adds O(nB).
public struct OffPolicyEstimator: Sendable {
    /// The estimators.
    public enum Method: String, Sendable, CaseIterable {
        /// Inverse propensity scoring: vᵢ = wᵢ rᵢ.
        case ips
        /// Self-normalised IPS: vᵢ = wᵢ rᵢ / w̄.
        case snips
        /// The direct method: vᵢ = q̂ᵢ(π).
        case dm
        /// Doubly robust: vᵢ = q̂ᵢ(π) + wᵢ εᵢ.
        case dr
        /// Self-normalised doubly robust: vᵢ = q̂ᵢ(π) + wᵢ εᵢ / w̄.
        case sndr
        /// Switch-DR: vᵢ = q̂ᵢ(π) + 1{wᵢ ≤ λ} wᵢ εᵢ.
        case switchDR = "switch-dr"

        /// Whether the method reads the reward model.
        public var needsRewardModel: Bool { self == .dm || self == .dr || self == .sndr || self == .switchDR }
        /// Whether the method reads the importance weights.
        public var usesWeights: Bool { self != .dm }
    }

    /// The method.
    public var method: Method
    /// The confidence level of the interval.
    public var level: Double
    /// Switch-DR's threshold λ (ignored by the other methods); ∞ gives DR.
    public var switchLambda: Double
    /// Bootstrap resamples; nil for the normal (CLT) interval.
    public var bootstrapReplications: Int?

    /// The estimator called `method`, with a CLT interval at `level` unless bootstrap
    /// resamples are asked for.
    public init(_ method: Method, level: Double = 0.95, switchLambda: Double = OffPolicyDefaults.switchLambda,
                bootstrapReplications: Int? = nil) {
        self.method = method
        self.level = level
        self.switchLambda = switchLambda
        self.bootstrapReplications = bootstrapReplications
    }

    /// The name reported: the method's (`ips`, …, `switch-dr`).
    public var name: String { method.rawValue }

    /// The estimate of the target policy's value, with its standard error, interval,
    /// weight warnings and diagnostics. `randomness` drives the bootstrap (resample b
    /// draws from its substream b). Throws when the method needs a reward model and the
    /// data have none, or when an option is out of range.
    public func estimate(_ data: LoggedBandit, randomness: RandomStream = RandomStream(seed: RandomStream.defaultSeed))
        throws -> EffectEstimate {
        guard level > 0, level < 1 else {
            throw EstimationError.invalidOption(estimator: name, detail: "level \(level) must lie strictly between 0 and 1")
        }
        guard switchLambda >= 0 else { throw EstimationError.invalidOption(estimator: name, detail: "λ = \(switchLambda) is negative") }
        if method.needsRewardModel && data.rewardModel == nil {
            throw EstimationError.missingRole(estimator: name, role: "a reward model (predictions q̂(x, a) for every action)")
        }
        let rounds = RoundQuantities(data, rewardModel: method.needsRewardModel)
        let v = rounds.values(method, lambda: switchLambda)
        let n = Double(v.count)
        let value = v.reduce(0, +) / n
        let weights = rounds.weightSummary
        var diagnostics = [Diagnostic("effective sample size", weights.effectiveSampleSize), Diagnostic("max weight", weights.maximum)]
        if method == .switchDR { diagnostics.append(Diagnostic("rounds above λ", Double(rounds.w.filter { $0 > switchLambda }.count))) }
        let warnings = method.usesWeights ? weights.warnings : []
        if let b = bootstrapReplications {
            guard b >= 2 else { throw EstimationError.invalidOption(estimator: name, detail: "\(b) bootstrap resamples; need at least 2") }
            let means = Self.resampleMeans(v, replications: b, randomness: randomness)
            let summary = StratifiedBootstrap.summary(means, level: level)
            diagnostics.append(Diagnostic("bootstrap mean", means.reduce(0, +) / Double(b)))
            return EffectEstimate(estimator: name, estimand: .policyValue, value: value, standardError: summary.standardError,
                                  interval: ConfidenceInterval(lower: summary.lower, upper: summary.upper, level: level),
                                  uncertainty: .bootstrap(replications: b, method: "resampled rounds, percentile interval"),
                                  sampleSize: v.count, warnings: warnings, diagnostics: diagnostics)
        }
        let psi = rounds.influence(method, values: v, estimate: value)
        let se = (psi.reduce(0) { $0 + $1 * $1 } / (n * (n - 1))).squareRoot()
        return EffectEstimate(estimator: name, estimand: .policyValue, value: value, standardError: se,
                              method: method == .snips || method == .sndr ? "CLT, delta method" : "CLT", sampleSize: v.count,
                              level: level, warnings: warnings, diagnostics: diagnostics)
    }

    /// The means of `replications` resamples (with replacement, of the same size) of `values`.
    static func resampleMeans(_ values: [Double], replications: Int, randomness: RandomStream) -> [Double] {
        let n = values.count
        return (0..<replications).map { b in
            let stream = randomness.substream(UInt64(b))
            var sum = 0.0
            for _ in 0..<n { sum += values[stream.uniformInt(below: n)] }
            return sum / Double(n)
        }
    }
}

/// The importance weights of a logged data set, summarised.
public struct ImportanceWeightSummary: Sendable, Equatable {
    /// The rounds n.
    public var rounds: Int
    /// w̄ = (1/n) Σ wᵢ: near 1 when the propensities are right.
    public var mean: Double
    /// The standard error of w̄, sd(w)/√n.
    public var meanStandardError: Double
    /// The largest weight.
    public var maximum: Double
    /// Kish's effective sample size (Σw)²/Σw²: n for equal weights, fewer the more uneven.
    public var effectiveSampleSize: Double

    /// The weights' warnings: too small an effective sample size, a mean far from 1.
    public var warnings: [EstimatorWarning] {
        var warnings: [EstimatorWarning] = []
        if effectiveSampleSize < max(OffPolicyDefaults.minimumEffectiveSampleSize, OffPolicyDefaults.minimumEffectiveShare * Double(rounds)) {
            warnings.append(.extremeWeights(effectiveSampleSize: effectiveSampleSize, rounds: rounds, maximum: maximum))
        }
        if abs(mean - 1) > OffPolicyDefaults.weightMeanZ * meanStandardError {
            warnings.append(.weightsMeanNotOne(mean: mean, standardError: meanStandardError))
        }
        return warnings
    }
}

/// The per-round quantities the estimators share: weights wᵢ and, with a reward model,
/// q̂ᵢ(π) and the residuals εᵢ.
struct RoundQuantities {
    let rewards: [Double]
    private(set) var w: [Double]
    private(set) var modelValue: [Double] = []
    private(set) var residual: [Double] = []

    init(_ data: LoggedBandit, rewardModel: Bool) {
        let n = data.rounds, k = data.actionCount
        rewards = data.rewards
        w = [Double](repeating: 0, count: n)
        for i in 0..<n { w[i] = data.targetProbabilities[i * k + data.actions[i]] / data.propensities[i] }
        guard rewardModel, let q = data.rewardModel else { return }
        modelValue = [Double](repeating: 0, count: n)
        residual = [Double](repeating: 0, count: n)
        data.targetProbabilities.withUnsafeBufferPointer { pi in
            q.withUnsafeBufferPointer { q in
                for i in 0..<n {
                    var sum = 0.0, total = 0.0
                    for a in 0..<k {
                        sum += q[i * k + a] * pi[i * k + a]
                        total += pi[i * k + a]
                    }
                    modelValue[i] = sum / total
                    residual[i] = data.rewards[i] - q[i * k + data.actions[i]]
                }
            }
        }
    }

    /// The round values vᵢ of `method`.
    func values(_ method: OffPolicyEstimator.Method, lambda: Double) -> [Double] {
        let n = w.count
        let meanWeight = w.reduce(0, +) / Double(n)
        switch method {
        case .ips: return (0..<n).map { rewards[$0] * w[$0] }
        case .snips: return (0..<n).map { rewards[$0] * w[$0] / meanWeight }
        case .dm: return modelValue
        case .dr: return (0..<n).map { modelValue[$0] + w[$0] * residual[$0] }
        case .sndr: return (0..<n).map { modelValue[$0] + w[$0] * residual[$0] / meanWeight }
        case .switchDR: return (0..<n).map { modelValue[$0] + (w[$0] <= lambda ? w[$0] * residual[$0] : 0) }
        }
    }

    /// The influence values ψᵢ of `method` (see `OffPolicyEstimator`): Σψᵢ = 0 and
    /// SE = √(Σψ²/(n(n − 1))).
    func influence(_ method: OffPolicyEstimator.Method, values v: [Double], estimate: Double) -> [Double] {
        let n = w.count
        let totalWeight = w.reduce(0, +), meanWeight = totalWeight / Double(n)
        switch method {
        case .ips, .dm, .dr, .switchDR:
            return v.map { $0 - estimate }
        case .snips:
            return (0..<n).map { w[$0] * (rewards[$0] - estimate) / meanWeight }
        case .sndr:
            let theta = (0..<n).reduce(0) { $0 + w[$1] * residual[$1] } / totalWeight
            let modelMean = modelValue.reduce(0, +) / Double(n)
            return (0..<n).map { modelValue[$0] - modelMean + w[$0] * (residual[$0] - theta) / meanWeight }
        }
    }

    /// The weights' mean, its standard error, maximum and effective sample size.
    var weightSummary: ImportanceWeightSummary {
        let moments = RunningMoments(w)
        let n = Double(w.count)
        let sum = w.reduce(0, +), squares = w.reduce(0) { $0 + $1 * $1 }
        return ImportanceWeightSummary(rounds: w.count, mean: sum / n, meanStandardError: moments.standardErrorOfMean,
                                       maximum: w.max() ?? .nan, effectiveSampleSize: squares > 0 ? sum * sum / squares : 0)
    }
}
