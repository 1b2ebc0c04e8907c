import CausalModel
import Estimators
import Plotting
import Reporting

/// The result of a policy benchmark: the true values and how every off-policy estimator
/// did against the target policy's. `text()` gives the table for people, `jsonText()`
/// the command-line contract's JSON and `chart()` the picture of estimates and
/// intervals against the truth.
public struct PolicyBenchmarkReport: Sendable {
    /// The action and reward variables.
    public let action: String, reward: String
    /// The target policy as a model-file equation.
    public let target: String
    /// The number of actions.
    public let actionCount: Int
    /// The true values.
    public let truth: PolicyValue
    /// The options of the run.
    public let rows: Int, replications: Int, seed: UInt64, level: Double, switchLambda: Double
    /// The reward model of the DM family.
    public let rewardModel: RewardModelKind
    /// Per estimator, in the order ips, snips, dm, dr, sndr, switch-dr.
    public let estimators: [EstimatorPerformance]
    /// Wall-clock seconds of the whole run.
    public let seconds: Double

    init(benchmark: PolicyBenchmark, truth: PolicyValue, estimators: [EstimatorPerformance], seconds: Double) {
        action = benchmark.action
        reward = benchmark.reward
        target = benchmark.targetModel.description.split(separator: "\n")
            .first { $0.hasPrefix("\(benchmark.action) = ") || $0.hasPrefix("\(benchmark.action) ~ ") }.map(String.init) ?? benchmark.action
        actionCount = benchmark.actionCount
        self.truth = truth
        rows = benchmark.options.rows
        replications = benchmark.options.replications
        seed = benchmark.options.seed
        level = benchmark.options.level
        switchLambda = benchmark.options.switchLambda
        rewardModel = benchmark.options.rewardModel
        self.estimators = estimators
        self.seconds = seconds
    }

    /// The performance of the estimator called `name`, if it ran.
    public func performance(of name: String) -> EstimatorPerformance? { estimators.first { $0.name == name } }

    /// The report as JSON, keys in this order (a superset of the command-line contract):
    ///
    ///     {"truth": {"policyValue": …, "standardError": …, "loggingPolicyValue": …,
    ///                "loggingPolicyStandardError": …, "method": "…"},
    ///      "estimators": [{"name": "ips", "meanEstimate": …, "bias": …, "rmse": …, "coverage": …,
    ///                      "seconds": …, …}, …],
    ///      "target": "…", "action": "…", "reward": "…", "actions": K, "rows": n, "replications": R,
    ///      "seed": S, "level": …, "rewardModel": "…", "switchLambda": λ, "totalSeconds": …}
    public func jsonText() -> String {
        let members: [(String, JSONValue)] = [
            ("truth", .object([("policyValue", .number(truth.value.value)), ("standardError", .number(truth.value.standardError)),
                               ("loggingPolicyValue", .number(truth.loggingValue.value)),
                               ("loggingPolicyStandardError", .number(truth.loggingValue.standardError)),
                               ("method", .string(truth.method))])),
            ("estimators", .array(estimators.map { $0.json(level: level) })),
            ("target", .string(target)), ("action", .string(action)), ("reward", .string(reward)), ("actions", .integer(actionCount)),
            ("rows", .integer(rows)), ("replications", .integer(replications)), ("seed", .unsigned(seed)), ("level", .number(level)),
            ("rewardModel", .string(rewardModel.rawValue)), ("switchLambda", .number(switchLambda)), ("totalSeconds", .number(seconds)),
        ]
        return JSONValue.object(members).rendered(.compactArrays) + "\n"
    }

    /// The report for people: the run, the truths, one aligned row per estimator (mean
    /// estimate, bias, RMSE, coverage, mean SE against the spread of the estimates,
    /// seconds, failures), warnings and failures. `title` names the model.
    public func text(title: String? = nil) -> String {
        var lines = ["Off-policy benchmark: the value of \(target)" + (title.map { " in \($0)" } ?? ""),
                     "\(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(rows, "logged round")) "
                         + "(seed \(seed)); reward model: \(rewardModel.rawValue); \(NumberFormatting.significant(100 * level))% "
                         + "intervals; \(NumberFormatting.seconds(seconds)) s", ""]
        func truthText(_ value: TruthValue) -> String {
            NumberFormatting.significant(value.value, digits: 6)
                + (value.isExact ? " (exact)" : " (Monte Carlo SE \(NumberFormatting.significant(value.standardError, digits: 2)))")
        }
        lines.append("True value of the target policy: \(truthText(truth.value))")
        lines.append("True value of the logging policy: \(truthText(truth.loggingValue))")
        lines.append("  \(truth.method)")
        lines.append("")
        var table = TextTable(rows: [["estimator"] + EstimatorPerformance.summaryHeaders]
            + estimators.map { [$0.name] + $0.summaryCells(level: level) }, leftAligned: 1, indent: "  ")
        table.leftAlignedColumns = [EstimatorPerformance.summaryHeaders.count]
        lines += table.lines()
        if estimators.contains(where: \.isBiased) {
            lines.append("  * biased here: the bias exceeds its Monte Carlo error (two-sided test at "
                + "\(NumberFormatting.significant(100 * EstimatorPerformance.biasFlagProbability))%, Student's t with R − 1 degrees of freedom)")
        }
        lines += EstimatorPerformance.tableNotes(replications: replications, level: level)
        lines.append("  dm, dr, sndr and switch-dr: reward model '\(rewardModel.rawValue)'; switch-dr uses it alone on rounds with "
            + "weights above λ = \(NumberFormatting.significant(switchLambda)); their seconds include its fit")
        lines += EstimatorPerformance.warningAndFailureLines(estimators) { Benchmark.sampleSeed(seed, replication: $0 - 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The picture: every estimator's mean estimate, mean interval and middle 95% of
    /// estimates against the true policy value. `title` names the model.
    public func chart(title: String? = nil) -> IntervalChart {
        IntervalChart(
            title: "Estimates of the value of \(target)" + (title.map { " (\($0))" } ?? "")
                + ": \(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(rows, "round"))",
            axisLabel: "value of the target policy (mean \(reward))", rows: estimators.map { $0.chartRow(note: nil) },
            legend: ("mean estimate", "mean \(NumberFormatting.significant(100 * level))% interval", "middle 95% of estimates",
                     "true policy value"),
            missingText: "failed in every replication")
    }
}
