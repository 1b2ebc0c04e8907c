import CausalModel
import Estimators
import Reporting

/// The result of a `PosteriorBenchmark`: each estimand's truth as a posterior summary
/// over the draws, and each estimator's performance pooled over the draws, judged
/// against the truth of the draw that generated each sample.
public struct PosteriorBenchmarkReport: Sendable {
    /// The per-draw reports, in order.
    public let draws: [BenchmarkReport]
    /// Each estimand whose truth every draw has, with its summary over the draws.
    public let truths: [(estimand: Estimand, summary: PosteriorSummary)]
    /// Every estimator, pooled.
    public let estimators: [PooledPerformance]

    /// Pools `draws` (at least two, with the same estimators in the same order).
    public init(draws: [BenchmarkReport]) throws {
        self.draws = draws
        truths = try Estimand.allCases.compactMap { estimand in
            let values = draws.compactMap { $0.truth.value(for: estimand) }
            return values.count == draws.count ? (estimand, try PosteriorSummary(values, level: draws[0].level)) : nil
        }
        estimators = draws[0].estimators.indices.map { k in PooledPerformance(draws.map { $0.estimators[k] }) }
    }

    /// The performance of the estimator called `name`, if it ran.
    public func performance(of name: String) -> PooledPerformance? { estimators.first { $0.name == name } }

    /// The report for people: the run, the truths over the draws, and the pooled estimator table.
    public func text(title: String? = nil) -> String {
        let first = draws[0]
        let replications = draws.reduce(0) { $0 + $1.replications }
        var lines = ["Benchmark over \(draws.count) posterior draws: \(first.design.treatment) on \(first.design.outcome)"
                        + (title.map { " in \($0)" } ?? ""),
                     "\(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(first.rows, "row")), "
                        + "split evenly across the draws; each estimate is judged against its own draw's truth", ""]
        lines += Self.lines(truths: truths.map { ($0.estimand.rawValue, $0.summary) }, estimators: estimators, level: first.level)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON, keys sorted: `{"draws": K, "replications", "rows", "level",
    /// "treatment", "outcome", "truth": {"ATE": PosteriorSummary.json, …},
    /// "estimators": [{"name", "estimand", "meanEstimate", "bias", "biasStandardError",
    /// "rmse", "coverage", "runs", "failures", "biased"}], "model"}`.
    public func jsonText(model: String? = nil) -> String {
        let first = draws[0]
        var members: [(String, JSONValue)] = [
            ("draws", .integer(draws.count)), ("replications", .integer(draws.reduce(0) { $0 + $1.replications })),
            ("rows", .integer(first.rows)), ("level", .number(first.level)),
            ("treatment", .string(first.design.treatment)), ("outcome", .string(first.design.outcome)),
            ("truth", .object(truths.map { ($0.estimand.rawValue, $0.summary.json) })),
            ("estimators", .array(estimators.map(\.json))),
        ]
        if let model { members.append(("model", .string(model))) }
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }

    /// The truth table (each truth's posterior summary) and the pooled estimator table, indented.
    static func lines(truths: [(String, PosteriorSummary)], estimators: [PooledPerformance], level: Double) -> [String] {
        let truthTable = [["true effect"] + PosteriorSummary.headers(level: level)] + truths.map { [$0.0] + $0.1.cells }
        var lines = TextTable(rows: truthTable, leftAligned: 1, indent: "  ").lines() + [""]
        let cells: (PooledPerformance) -> [String] = { p in
            [p.name, p.estimand?.rawValue ?? "", NumberFormatting.significant(p.meanEstimate),
             NumberFormatting.significant(p.bias) + (p.isBiased ? " *" : ""), NumberFormatting.significant(p.biasStandardError, digits: 2),
             NumberFormatting.significant(p.rmse), NumberFormatting.percent(p.coverage), p.failures == 0 ? "" : "\(p.failures)"]
        }
        let header = ["estimator", "estimand", "mean", "bias", "bias SE", "RMSE", "coverage", "failed"]
        var table = TextTable(rows: [header] + estimators.map(cells), leftAligned: 2, indent: "  ")
        table.leftAlignedColumns = [0, 1]
        lines += table.lines()
        lines.append("  bias, RMSE and coverage against the truth of the draw that generated each sample; * |bias| > 3 bias SE")
        lines.append("  the truth's interval is that of the draws' truths; its sd includes their Monte Carlo error (MC error)")
        return lines
    }
}

extension PooledPerformance {
    /// `{"name", "estimand", "meanEstimate", "bias", "biasStandardError", "rmse", "coverage", "runs", "failures", "biased"}`.
    var json: JSONValue {
        .object([("name", .string(name)), ("estimand", .string(estimand?.rawValue)), ("meanEstimate", .number(meanEstimate)),
                 ("bias", .number(bias)), ("biasStandardError", .number(biasStandardError)), ("rmse", .number(rmse)),
                 ("coverage", .number(coverage)), ("runs", .integer(runs)), ("failures", .integer(failures)),
                 ("biased", .bool(isBiased))])
    }
}
