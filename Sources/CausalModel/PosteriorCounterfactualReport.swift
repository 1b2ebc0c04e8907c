import Reporting

/// A counterfactual question answered once per posterior draw (`CounterfactualReport`
/// for each draw's model) and summarised over the draws (`PosteriorSummary`: posterior
/// mean, equal-tailed interval of the draws' answers, sd and its Monte Carlo part).
public struct PosteriorCounterfactualReport: Sendable {
    /// Each answer's key and label (as in `CounterfactualReport.answers`) and its summary,
    /// nil when some draw leaves it undefined (PN or PS conditioning on probability zero).
    public let answers: [(key: String, label: String, summary: PosteriorSummary?)]
    /// The distinct methods the draws used.
    public let methods: [String]
    /// The draws' warnings, each once.
    public let warnings: [String]
    /// The number of draws.
    public let draws: Int

    /// Summarises `reports`, one per draw (at least two, all answering the same question), at `level`.
    public init(reports: [CounterfactualReport], level: Double = 0.95) throws {
        guard let first = reports.first else { throw ModelError("no posterior draws to summarise") }
        let perDraw = reports.map(\.answers)
        answers = try first.answers.indices.map { i in
            let values = perDraw.compactMap { $0[i].value }
            let summary = values.count == reports.count ? try PosteriorSummary(values, level: level) : nil
            return (first.answers[i].key, first.answers[i].label, summary)
        }
        var methods: [String] = []
        for report in reports {
            for method in report.methodNames where !methods.contains(method) { methods.append(method) }
        }
        self.methods = methods
        var warnings: [String] = []
        for warning in reports.flatMap(\.warnings) where !warnings.contains(warning) { warnings.append(warning) }
        self.warnings = warnings
        draws = reports.count
    }

    /// The answers as an aligned table, then a line naming the draws and the methods.
    public func text() -> String {
        let header = ["counterfactual answer"] + PosteriorSummary.headers(level: answers.first?.summary?.level ?? 0.95)
        let rows = answers.map { [$0.label] + ($0.summary?.cells ?? ["undefined in some draw", "", "", "", ""]) }
        return TextTable(rows: [header] + rows, leftAligned: 1, rulesHeader: true).text()
            + "Over \(draws) posterior draws (\(methods.joined(separator: ", "))); the interval is that of the draws' answers, "
            + "the sd includes the Monte Carlo error (MC error).\n"
    }

    /// The answers as JSON, keys sorted: each answer's key (`expectation`, `probability`,
    /// `pn`, `ps`, `pns`) holds its posterior mean (null when undefined in some draw),
    /// `posteriorIntervals` holds each one's `PosteriorSummary.json`, with `draws`,
    /// `methods` and `warnings` (when any).
    public func jsonText() -> String {
        var members: [(String, JSONValue)] = answers.map { ($0.key, .number($0.summary?.mean)) }
        members += [("draws", .integer(draws)), ("methods", .strings(methods)),
                    ("posteriorIntervals", .object(answers.map { ($0.key, $0.summary?.json ?? .null) }))]
        if !warnings.isEmpty { members.append(("warnings", .strings(warnings))) }
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }
}
