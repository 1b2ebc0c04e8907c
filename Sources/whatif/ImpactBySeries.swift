import ArgumentParser
import Foundation
import WhatIf

/// `whatif impact DATA.csv --by COLUMN`: one impact analysis per series of a long-format
/// table (one series per value of COLUMN: a store, a region), run over all cores.
///
/// Each series is analysed exactly as `whatif impact` analyses a file holding only its rows
/// (without the key column): the same periods (time-index values, or row numbers within the
/// series), options and seed. A series that cannot be analysed (too short for its periods,
/// a missing column) is named with its error in the results and does not stop the others.
struct ImpactBySeries {
    /// The key column.
    let column: String
    /// Where the JSON document goes (`-`: standard output, instead of the table), if anywhere.
    let json: String?
    /// The checked analysis of one series' table.
    let specification: (Table) throws -> ImpactSpecification
    /// The checks and additions the options ask for, on one series' outcome (as `whatif impact` adds them).
    let additions: @Sendable (Table, ImpactSpecification, ImpactOutcome) throws -> ImpactAdditions
    /// Series analysed at once (`--threads`, default every core).
    let threads: Int

    /// One series' outcome: its analysis, or the one-line error that stopped it.
    struct SeriesOutcome: Sendable {
        /// The key value naming the series.
        let key: String
        /// The series' number of rows.
        let rows: Int
        /// The analysis, when it ran.
        let outcome: ImpactOutcome?
        /// Its checks and additions, when it ran.
        let additions: ImpactAdditions?
        /// Why it did not, as `whatif impact` on the series alone would say.
        let error: String?
    }

    /// Analyses every series of `table` and writes the table of results (or the JSON document).
    func run(_ table: Table) throws {
        let parts = try table.groups(by: column)
        guard !parts.isEmpty else { throw ValidationError("\(table.source) has no rows, so no series to analyse by '\(column)'") }
        let jsonFile = try json.map(OutputFile.init(path:))
        // Each series' periods and options are checked here, its analysis on the workers.
        let prepared: [(specification: ImpactSpecification?, error: String?)] = parts.map { part in
            do { return (try specification(part.table), nil) } catch { return (nil, oneLine("\(error)")) }
        }
        let progress = ProgressLine("series")
        let additions = self.additions
        let outcomes = try runReplications(count: parts.count, threads: threads,
                                           progress: { progress.update($0, $1) }) { index in
            let (key, part) = parts[index]
            guard let specification = prepared[index].specification else {
                return SeriesOutcome(key: key, rows: part.rowCount, outcome: nil, additions: nil, error: prepared[index].error)
            }
            do {
                let outcome = try ImpactAnalysis.outcome(table: part, specification: specification)
                let added = try additions(part, specification, outcome)
                return SeriesOutcome(key: key, rows: part.rowCount, outcome: outcome, additions: added, error: nil)
            } catch {
                return SeriesOutcome(key: key, rows: part.rowCount, outcome: nil, additions: nil, error: oneLine("\(error)"))
            }
        }
        progress.finish()
        try jsonFile?.write(document(outcomes).rendered() + "\n")
        try OutputFile.commit([jsonFile])
        if json != "-" { try printOut(summary(outcomes)) }
        let failed = outcomes.filter { $0.error != nil }
        if !failed.isEmpty {
            let named = failed.prefix(10).map { $0.key }.joined(separator: ", ") + (failed.count > 10 ? ", …" : "")
            printWarning("\(failed.count) of \(outcomes.count) series failed: \(named)")
        }
        if failed.count == outcomes.count { throw ExitCode(1) }
    }

    /// `{"by": COLUMN, "series": [{"key", "rows", "result": the --json document} or
    /// {"key", "rows", "error"}], "failed": [keys]}`.
    func document(_ outcomes: [SeriesOutcome]) -> JSONValue {
        .object([
            ("by", .string(column)),
            ("series", .array(outcomes.map { series in
                var members: [(String, JSONValue)] = [("key", .string(series.key)), ("rows", .integer(series.rows))]
                if let outcome = series.outcome, let additions = series.additions {
                    members.append(("result", outcome.jsonValue(adding: additions)))
                }
                if let error = series.error { members.append(("error", .string(error))) }
                return .object(members)
            })),
            ("failed", .strings(outcomes.filter { $0.error != nil }.map(\.key))),
        ])
    }

    /// One line per series: the average effect with its interval, the relative effect and
    /// the tail probability; then the errors of the series that failed.
    func summary(_ outcomes: [SeriesOutcome]) -> String {
        let level = outcomes.lazy.compactMap(\.outcome).first?.intervalLevel ?? "95%"
        var rows: [[String]] = [[column, "rows", "actual", "predicted", "effect", "\(level) interval", "relative", "p"]]
        var notes: [String] = []
        for series in outcomes {
            guard let outcome = series.outcome else {
                rows.append([series.key, String(series.rows), "failed"])
                notes.append("\(series.key): \(series.error ?? "failed")")
                continue
            }
            guard let summary = outcome.result?.summary else {
                rows.append([series.key, String(series.rows), "no inference"])
                notes.append("\(series.key): \(outcome.data.noInferenceReason ?? "no model was fit")")
                continue
            }
            let average = summary.average
            let effect = average.absoluteEffect
            rows.append([series.key, String(series.rows), NumberFormatting.significant(average.actual),
                         NumberFormatting.significant(average.predicted.mean), NumberFormatting.significant(effect.mean),
                         "[\(NumberFormatting.significant(effect.lower)), \(NumberFormatting.significant(effect.upper))]",
                         summary.baselineCrossesZero ? "—" : NumberFormatting.percent(average.relativeEffect.mean),
                         NumberFormatting.probability(summary.tailProbability)])
        }
        let failed = outcomes.filter { $0.error != nil }.count
        var lines = ["Impact by \(column): \(outcomes.count) series"
                     + (failed > 0 ? ", \(failed) failed" : ""), ""]
        lines += TextTable(rows: rows, leftAligned: 1, rulesHeader: true).lines()
        if !notes.isEmpty { lines += [""] + notes }
        return lines.map { $0 + "\n" }.joined()
    }
}
