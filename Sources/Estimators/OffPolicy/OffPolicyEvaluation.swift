import Probability
import Reporting

/// Every off-policy estimator that the logged data allow, on one data set: IPS and
/// SNIPS always, DM, DR, SNDR and Switch-DR when a reward model is given (see
/// `OffPolicyEstimator` for the formulas), with the importance weights summarised.
///
///     let data = try LoggedBandit(table: table, action: "action", reward: "reward", propensity: "pscore",
///                                 targetPrefix: "eval_prob_a", rewardModelPrefix: "q_hat_a")
///     let evaluation = try OffPolicyEvaluation(data)
///     print(evaluation.text())
public struct OffPolicyEvaluation: Sendable {
    /// The rounds n.
    public let rounds: Int
    /// The actions K.
    public let actions: Int
    /// One estimate per estimator, in the order ips, snips, dm, dr, sndr, switch-dr.
    public let estimates: [EffectEstimate]
    /// The importance weights wᵢ = π(aᵢ | xᵢ)/pᵢ, summarised.
    public let weights: ImportanceWeightSummary
    /// Switch-DR's λ.
    public let switchLambda: Double
    /// The confidence level of the intervals.
    public let level: Double

    /// Runs every applicable estimator on `data`. With `bootstrapReplications` the
    /// intervals are bootstrap percentile intervals, estimator E drawing from the
    /// substream of `seed` named by E's position in `OffPolicyEstimator.Method.allCases`.
    public init(_ data: LoggedBandit, level: Double = 0.95, switchLambda: Double = OffPolicyDefaults.switchLambda,
                bootstrapReplications: Int? = nil, seed: UInt64 = RandomStream.defaultSeed) throws {
        rounds = data.rounds
        actions = data.actionCount
        self.switchLambda = switchLambda
        self.level = level
        let methods = OffPolicyEstimator.Method.allCases.filter { data.rewardModel != nil || !$0.needsRewardModel }
        estimates = try methods.enumerated().map { k, method in
            try OffPolicyEstimator(method, level: level, switchLambda: switchLambda, bootstrapReplications: bootstrapReplications)
                .estimate(data, randomness: RandomStream(seed: seed, path: [UInt64(k)]))
        }
        weights = RoundQuantities(data, rewardModel: false).weightSummary
    }

    /// The result as JSON, keys in this order (a superset of the command-line contract):
    ///
    ///     {"rounds": n, "actions": K,
    ///      "estimators": [{"name": "ips", "estimate": …, "standardError": …, "lower": …, "upper": …,
    ///                      "uncertainty": "…", "warnings": […]}, …],
    ///      "weights": {"mean": …, "max": …, "effectiveSampleSize": …, "meanStandardError": …},
    ///      "level": 0.95, "switchLambda": λ}
    ///
    /// An infinite λ is null.
    public func jsonText() -> String {
        let members: [(String, JSONValue)] = [
            ("rounds", .integer(rounds)), ("actions", .integer(actions)),
            ("estimators", .array(estimates.map { e in
                .object([("name", .string(e.estimator)), ("estimate", .number(e.value)), ("standardError", .number(e.standardError)),
                         ("lower", .number(e.interval.lower)), ("upper", .number(e.interval.upper)),
                         ("uncertainty", .string("\(e.uncertainty)")), ("warnings", .strings(e.warnings.map { "\($0)" }))])
            })),
            ("weights", .object([("mean", .number(weights.mean)), ("max", .number(weights.maximum)),
                                 ("effectiveSampleSize", .number(weights.effectiveSampleSize)),
                                 ("meanStandardError", .number(weights.meanStandardError))])),
            ("level", .number(level)), ("switchLambda", .number(switchLambda)),
        ]
        return JSONValue.object(members).rendered(.compactArrays) + "\n"
    }

    /// The result for people: one aligned row per estimator (estimate, SE, interval),
    /// how the intervals were made, the weights and any warnings.
    public func text() -> String {
        let percent = NumberFormatting.significant(100 * level)
        var lines = ["Off-policy evaluation of the target policy on \(NumberFormatting.count(rounds, "logged round")), "
            + "\(NumberFormatting.count(actions, "action"))", ""]
        let rows = estimates.map { e in
            [e.estimator, NumberFormatting.significant(e.value, digits: 5), NumberFormatting.significant(e.standardError, digits: 3),
             NumberFormatting.significant(e.interval.lower, digits: 5), NumberFormatting.significant(e.interval.upper, digits: 5)]
        }
        lines += TextTable(rows: [["estimator", "estimate", "SE", "\(percent)% lower", "upper"]] + rows, leftAligned: 1, indent: "  ").lines()
        lines.append("")
        var kinds: [String] = []
        for e in estimates where !kinds.contains("\(e.uncertainty)") { kinds.append("\(e.uncertainty)") }
        lines.append("  intervals: " + kinds.joined(separator: "; "))
        if estimates.contains(where: { $0.estimator == OffPolicyEstimator.Method.switchDR.rawValue }) {
            lines.append("  switch-dr: rounds with weight above λ = \(NumberFormatting.significant(switchLambda)) use the reward model alone")
        }
        if !estimates.contains(where: { $0.estimator == OffPolicyEstimator.Method.dm.rawValue }) {
            lines.append("  dm, dr, sndr and switch-dr need a reward model (--reward-model-prefix)")
        }
        lines.append("  weights π(a|x)/p: mean \(NumberFormatting.significant(weights.mean, digits: 4)) (SE "
            + "\(NumberFormatting.significant(weights.meanStandardError, digits: 2)); 1 expected), largest "
            + "\(NumberFormatting.significant(weights.maximum, digits: 4)), effective sample size "
            + "\(NumberFormatting.significant(weights.effectiveSampleSize, digits: 4)) of \(rounds)")
        for warning in weights.warnings { lines.append("  warning: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
