import CausalModel
import Estimators
import Reporting

/// The result of a mediation benchmark: the model's natural direct and indirect effects
/// and how every mediation estimator's estimates of each did against them (bias, RMSE,
/// coverage; `EstimatorPerformance`). `text()` for people, `jsonText()` for programs.
public struct MediationBenchmarkReport: Sendable {
    /// The treatment, mediator and outcome.
    public let treatment: String, mediator: String, outcome: String
    /// The covariates the estimators adjusted for.
    public let covariates: [String]
    /// The true effects.
    public let truth: MediationEffects
    /// Per estimator, its direct then its indirect performance.
    public let estimators: [EstimatorPerformance]
    /// The options of the run.
    public let rows: Int, replications: Int, seed: UInt64, level: Double
    /// Wall-clock seconds of the whole run.
    public let seconds: Double

    init(benchmark: MediationBenchmark, truth: MediationEffects, estimators: [EstimatorPerformance], seconds: Double) {
        treatment = benchmark.treatment
        mediator = benchmark.mediator
        outcome = benchmark.outcome
        covariates = benchmark.covariates
        self.truth = truth
        self.estimators = estimators
        rows = benchmark.options.rows
        replications = benchmark.options.replications
        seed = benchmark.options.seed
        level = benchmark.options.level
        self.seconds = seconds
    }

    /// The performance of estimator `name` for `estimand` (`.naturalDirectEffect` or `.naturalIndirectEffect`).
    public func performance(of name: String, _ estimand: Estimand) -> EstimatorPerformance? {
        let index = estimand == .naturalDirectEffect ? 0 : 1
        return estimators.filter { $0.name == name }.dropFirst(index).first
    }

    /// The report for people: the run, the truths, a table per effect, warnings and failures.
    public func text(title: String? = nil) -> String {
        let adjusted = covariates.isEmpty ? "none" : covariates.joined(separator: ", ")
        let run = "\(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(rows, "row")) (seed \(seed)); "
            + "\(NumberFormatting.significant(100 * level))% intervals; covariates: \(adjusted); \(NumberFormatting.seconds(seconds)) s"
        let heading = "Mediation benchmark: \(treatment) (0 → 1) on \(outcome) through \(mediator)" + (title.map { " in \($0)" } ?? "")
        var lines = [heading, run, ""]
        for (effect, value, index) in [("natural direct effect", truth.naturalDirect, 0), ("natural indirect effect", truth.naturalIndirect, 1)] {
            lines.append("True \(effect): " + NumberFormatting.significant(value.value, digits: 6)
                + (value.isExact ? " (exact)" : " (Monte Carlo SE \(NumberFormatting.significant(value.standardError, digits: 2)))"))
            let rows = stride(from: index, to: estimators.count, by: 2).map { estimators[$0] }
            var table = TextTable(rows: [["estimator"] + EstimatorPerformance.summaryHeaders]
                + rows.map { [$0.name] + $0.summaryCells(level: level) }, leftAligned: 1, indent: "  ")
            table.leftAlignedColumns = [EstimatorPerformance.summaryHeaders.count]
            lines += table.lines() + [""]
        }
        lines.append("  \(truth.method)")
        if estimators.contains(where: \.isBiased) {
            lines.append("  * biased here: the bias exceeds its Monte Carlo error (two-sided test at "
                + "\(NumberFormatting.significant(100 * EstimatorPerformance.biasFlagProbability))%, Student's t with R − 1 degrees of freedom)")
        }
        lines += EstimatorPerformance.tableNotes(replications: replications, level: level)
        lines += EstimatorPerformance.warningAndFailureLines(estimators) { Benchmark.sampleSeed(seed, replication: $0 - 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON, keys sorted:
    ///
    ///     {"truth": {"naturalDirect": …, "naturalIndirect": …, "total": …, "standardErrors": {…}, "method": "…"},
    ///      "naturalDirect": [estimator performances], "naturalIndirect": [estimator performances],
    ///      "treatment", "mediator", "outcome", "covariates", "rows", "replications", "seed", "level", "seconds"}
    public func jsonText(model: String? = nil) -> String {
        let effects: [(String, TruthValue)] = [("naturalDirect", truth.naturalDirect), ("naturalIndirect", truth.naturalIndirect),
                                               ("total", truth.total)]
        var members: [(String, JSONValue)] = [
            ("truth", .object(effects.map { ($0.0, JSONValue.number($0.1.value)) }
                + [("standardErrors", .object(effects.map { ($0.0, JSONValue.number($0.1.standardError)) })),
                   ("method", .string(truth.method))])),
            ("naturalDirect", .array(stride(from: 0, to: estimators.count, by: 2).map { estimators[$0].json(level: level) })),
            ("naturalIndirect", .array(stride(from: 1, to: estimators.count, by: 2).map { estimators[$0].json(level: level) })),
            ("treatment", .string(treatment)), ("mediator", .string(mediator)), ("outcome", .string(outcome)),
            ("covariates", .strings(covariates)), ("rows", .integer(rows)), ("replications", .integer(replications)),
            ("seed", .unsigned(seed)), ("level", .number(level)), ("seconds", .number(seconds)),
        ]
        if let model { members.append(("model", .string(model))) }
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }
}
