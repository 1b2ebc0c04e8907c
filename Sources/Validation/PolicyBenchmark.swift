import CausalModel
import Estimators
import Foundation
import Probability

/// Where the DM family's reward model q̂(x, a) comes from in a policy benchmark.
public enum RewardModelKind: String, Sendable, CaseIterable {
    /// Per-action least squares on the context (`RewardModelFit.linear`), fitted on each
    /// replication's logged rounds: misspecified unless the expected reward is linear.
    case fitted
    /// The model's own E[R | x, do(A = a)] (`StructuralCausalModel.conditionalMean`): a perfect reward model.
    case truth = "true"
    /// Per-action mean logged reward (`RewardModelFit.actionMeans`): ignores the context,
    /// so it carries the logging policy's confounding.
    case constant
    /// No reward model: only IPS and SNIPS run.
    case none
}

/// How a policy benchmark runs.
public struct PolicyBenchmarkOptions: Sendable {
    /// Logged rounds in each replication.
    public var rows: Int
    /// Independent replications R.
    public var replications: Int
    /// The seed of every replication's rounds, every bootstrap and the truth.
    public var seed: UInt64
    /// Monte Carlo units for the true value (when it is not exact).
    public var truthUnits: Int
    /// The reward model of DM, DR, SNDR and Switch-DR.
    public var rewardModel: RewardModelKind
    /// Switch-DR's threshold λ.
    public var switchLambda: Double
    /// Bootstrap resamples for percentile intervals; nil for CLT intervals.
    public var bootstrapReplications: Int?
    /// The confidence level of the intervals.
    public var level: Double
    /// Replications run in parallel (results do not depend on it).
    public var threads: Int
    /// Called with (replications done, replications in all).
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// Options with the given sizes and defaults for the rest.
    public init(rows: Int, replications: Int, seed: UInt64 = RandomStream.defaultSeed,
                truthUnits: Int = BenchmarkOptions.defaultTruthUnits, rewardModel: RewardModelKind = .fitted,
                switchLambda: Double = OffPolicyDefaults.switchLambda, bootstrapReplications: Int? = nil, level: Double = 0.95,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.rows = rows
        self.replications = replications
        self.seed = seed
        self.truthUnits = truthUnits
        self.rewardModel = rewardModel
        self.switchLambda = switchLambda
        self.bootstrapReplications = bootstrapReplications
        self.level = level
        self.threads = threads
        self.progress = progress
    }

    func validate() throws {
        let checks: [(Bool, String, String)] = [
            (rows >= 10, "rows", "\(rows); need at least 10"), (replications >= 1, "replications", "\(replications); need at least 1"),
            (truthUnits >= 1000, "truth units", "\(truthUnits); need at least 1000"),
            ((bootstrapReplications ?? 2) >= 2, "bootstrap", "\(bootstrapReplications ?? 0) resamples; need at least 2"),
            (level > 0 && level < 1, "level", "\(level) must lie strictly between 0 and 1"),
            (switchLambda >= 0, "switch lambda", "\(switchLambda) is negative"), (threads >= 1, "threads", "\(threads); need at least 1"),
        ]
        if let (_, option, detail) = checks.first(where: { !$0.0 }) { throw BenchmarkError.invalidOption(option: option, detail: detail) }
    }
}

/// The true value of a target policy in a model, with that of the logging policy.
public struct PolicyValue: Sendable {
    /// V(π) = E[Σₐ π(a | x) E[R | x, do(A = a)]], with its Monte Carlo standard error (0 when exact).
    public var value: TruthValue
    /// The logging policy's value E[R] the same way: what the logged rewards average.
    public var loggingValue: TruthValue
    /// How it was computed, in words.
    public var method: String
}

/// A validation of the off-policy estimators against a model's truth: the model's own
/// mechanism of the action A is the logging policy; R replications of n logged rounds
/// are drawn from it, every estimator evaluates the target policy π (a new mechanism for
/// A) on each, and each is scored against the true V(π) by bias, RMSE, interval coverage
/// and time (`EstimatorPerformance`).
///
/// Per round the estimators get the logged action and reward, the logging propensity
/// π_b(aᵢ | xᵢ) (from A's mechanism, or from `assumedLogging` to study wrong propensities),
/// π(a | xᵢ) for every action (from the target's mechanism: a Categorical or Bernoulli
/// draw, or a rule without noise) and the reward model of `options.rewardModel`.
///
/// The truth (`truth()`): exact by enumeration when every noise term of the model under
/// the target is discrete; otherwise the mean over `truthUnits` sampled units of
/// Σₐ π(a | xᵢ) q̃ᵢ(a), summed over actions exactly, with q̃ᵢ(a) the reward's conditional
/// mean given its parents under do(A = a) when its mechanism gives one
/// (`conditionalMean(of:)`) and otherwise the unit's own reward under do(A = a) (its
/// potential outcome, from its own noise); its standard error is s/√N.
///
/// Seeds: replication r's rounds are sampled with `Benchmark.sampleSeed(seed, replication: r)`
/// (so `whatif sample MODEL --rows n --seed S` draws them), estimator k's bootstrap
/// with the stream (seed, 2, r, k), the truth with (seed, 0).
public struct PolicyBenchmark: Sendable {
    /// The model.
    public let model: StructuralCausalModel
    /// The action and reward variables.
    public let action: String, reward: String
    /// The number of actions K (from A's mechanism).
    public let actionCount: Int
    /// The observed variables the fitted reward model regresses on: every observed
    /// variable but A, R and A's descendants.
    public let context: [String]
    /// The options.
    public let options: PolicyBenchmarkOptions
    /// The estimators that run.
    public let estimators: [OffPolicyEstimator]
    let targetProbabilities: [Expr]
    let trueLoggingProbabilities: [Expr]
    let loggedProbabilities: [Expr]
    let rewardMean: Expr?
    let targetModel: StructuralCausalModel

    /// Prepares the benchmark. Throws `BenchmarkError.invalidOption` naming `target` (or
    /// `assumed logging`, `action`, `reward model`) when a mechanism gives no action
    /// probabilities or the reward model cannot be had.
    public init(model: StructuralCausalModel, action: String, reward: String, target: Intervention,
                assumedLogging: Intervention? = nil, options: PolicyBenchmarkOptions) throws {
        try options.validate()
        guard action != reward else { throw BenchmarkError.sameTreatmentAndOutcome(action) }
        for name in [action, reward] {
            guard let i = model.index(of: name) else { throw model.unknownVariable(name) }
            if model.variables[i].isLatent { throw BenchmarkError.latentVariable(name) }
        }
        guard target.variable == action else {
            throw BenchmarkError.invalidOption(option: "target", detail: "gives a mechanism for '\(target.variable)', not for the action '\(action)'")
        }
        guard let k = try model.actionCount(of: action), let logging = try model.actionProbabilities(of: action, actions: k) else {
            throw BenchmarkError.invalidOption(option: "action", detail: "'\(action)' must be drawn by the model as the logging policy: "
                + "\(action) ~ Categorical(w1, …, wK) or \(action) ~ Bernoulli(p), its noise its own")
        }
        self.model = model
        self.action = action
        self.reward = reward
        actionCount = k
        self.options = options
        trueLoggingProbabilities = logging
        targetModel = try model.intervening(target)
        targetProbabilities = try Self.probabilities(in: targetModel, of: action, actions: k, option: "target")
        loggedProbabilities = try assumedLogging.map {
            try Self.probabilities(in: try model.intervening($0), of: action, actions: k, option: "assumed logging")
        } ?? logging
        rewardMean = try model.conditionalMean(of: reward)
        if options.rewardModel == .truth && rewardMean == nil {
            throw BenchmarkError.invalidOption(option: "reward model", detail: "'true' needs E[\(reward) | parents] from the model, "
                + "which \(reward)'s mechanism does not give (a draw such as Bernoulli(p) alone, or noise added to a rule)")
        }
        let descendants = try model.graph.descendants(of: [action])
        context = model.variables.filter { v in
            v.name != action && v.name != reward && !descendants.contains(v.name) && !v.isLatent
        }.map(\.name)
        estimators = OffPolicyEstimator.Method.allCases.filter { options.rewardModel != .none || !$0.needsRewardModel }.map {
            OffPolicyEstimator($0, level: options.level, switchLambda: options.switchLambda,
                               bootstrapReplications: options.bootstrapReplications)
        }
    }

    /// π(a | x) for a = 0 … K − 1 under `model`'s mechanism of the action.
    static func probabilities(in model: StructuralCausalModel, of action: String, actions k: Int, option: String) throws -> [Expr] {
        guard let p = try model.actionProbabilities(of: action, actions: k) else {
            throw BenchmarkError.invalidOption(option: option, detail: "its action probabilities must be known: write "
                + "\(action) ~ Categorical(w1, …, w\(k)), \(action) ~ Bernoulli(p) or \(action) = a rule without noise")
        }
        guard p.count == k else {
            throw BenchmarkError.invalidOption(option: option, detail: "draws from \(p.count) actions; the logging policy has \(k)")
        }
        return p
    }

    /// Columns of `expressions` evaluated per unit: A's mechanism replaced by each.
    func selections(_ expressions: [Expr], prefix: String) throws -> [ColumnSelection] {
        try expressions.enumerated().map { a, e in
            try ColumnSelection(model.intervening(.replace(action, with: e, noise: [])), variables: [action], headers: ["\(prefix)\(a)"])
        }
    }

    /// q̃(a) per unit for a = 0 … K − 1: R's conditional mean under do(A = a) when known,
    /// else R under do(A = a) from the unit's own noise.
    func rewardSelections(prefix: String) throws -> [ColumnSelection] {
        try (0..<actionCount).map { a in
            var actions: [Intervention] = [.set(action, to: Double(a))]
            if let rewardMean { actions.append(.replace(reward, with: rewardMean, noise: [])) }
            return try ColumnSelection(model.intervening(actions), variables: [reward], headers: ["\(prefix)\(a)"])
        }
    }
}
