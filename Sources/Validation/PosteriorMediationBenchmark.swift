import CausalModel
import Estimators
import Reporting

/// A mediation benchmark over posterior draws: the replications are split across the
/// draws as in `PosteriorBenchmark` (same shares and seeds), each draw runs a
/// `MediationBenchmark` of its model, and every estimator's direct and indirect
/// estimates are pooled against the natural effects of their own draw
/// (`PooledPerformance`). The true effects are reported as posterior summaries.
public struct PosteriorMediationBenchmark: Sendable {
    /// One mediation benchmark per draw, in order.
    public let benchmarks: [MediationBenchmark]

    /// Prepares the benchmark of every draw in `models` (at least two, with at least one replication each).
    public init(models: [StructuralCausalModel], treatment: String, mediator: String, outcome: String,
                options: BenchmarkOptions) throws {
        _ = try PosteriorBenchmark.options(options, draw: 0, of: models.count)
        benchmarks = try models.enumerated().map { index, model in
            try MediationBenchmark(model: model, treatment: treatment, mediator: mediator, outcome: outcome,
                                   options: PosteriorBenchmark.options(options, draw: index, of: models.count))
        }
    }

    /// Runs every draw's benchmark (reporting (draws done, draws) to `progress`) and pools them.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> PosteriorMediationReport {
        try PosteriorMediationReport(draws: PosteriorBenchmark.runEach(benchmarks, progress: progress) { try $0.run() })
    }
}

/// The result of a `PosteriorMediationBenchmark`.
public struct PosteriorMediationReport: Sendable {
    /// The per-draw reports, in order.
    public let draws: [MediationBenchmarkReport]
    /// The natural direct and indirect effects' posterior summaries over the draws.
    public let naturalDirect: PosteriorSummary, naturalIndirect: PosteriorSummary
    /// Per estimator, its pooled direct then indirect performance.
    public let estimators: [PooledPerformance]

    /// Pools `draws` (at least two, with the same estimators).
    public init(draws: [MediationBenchmarkReport]) throws {
        guard let first = draws.first else { throw BenchmarkError.invalidOption(option: "draws", detail: "no posterior draws") }
        self.draws = draws
        naturalDirect = try PosteriorSummary(draws.map(\.truth.naturalDirect), level: first.level)
        naturalIndirect = try PosteriorSummary(draws.map(\.truth.naturalIndirect), level: first.level)
        estimators = first.estimators.indices.map { k in PooledPerformance(draws.map { $0.estimators[k] }) }
    }

    /// The pooled performance of estimator `name` for `estimand`.
    public func performance(of name: String, _ estimand: Estimand) -> PooledPerformance? {
        estimators.first { $0.name == name && $0.estimand == estimand }
    }

    /// The report for people: the run, the true effects over the draws, the pooled table.
    public func text(title: String? = nil) -> String {
        let first = draws[0]
        let replications = draws.reduce(0) { $0 + $1.replications }
        let adjusted = first.covariates.isEmpty ? "none" : first.covariates.joined(separator: ", ")
        let heading = "Mediation benchmark over \(draws.count) posterior draws: \(first.treatment) (0 → 1) on \(first.outcome) "
            + "through \(first.mediator)" + (title.map { " in \($0)" } ?? "")
        let run = "\(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(first.rows, "row")), "
            + "split evenly across the draws; covariates: \(adjusted)"
        var lines = [heading, run, ""]
        lines += PosteriorBenchmarkReport.lines(truths: [("natural direct effect", naturalDirect), ("natural indirect effect", naturalIndirect)],
                                                estimators: estimators, level: first.level)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON, keys sorted: `{"draws", "replications", "rows", "level", "treatment", "mediator", "outcome",
    /// "truth": {"naturalDirect": PosteriorSummary.json, "naturalIndirect": …}, "estimators": [pooled performances], "model"}`.
    public func jsonText(model: String? = nil) -> String {
        let first = draws[0]
        var members: [(String, JSONValue)] = [
            ("draws", .integer(draws.count)), ("replications", .integer(draws.reduce(0) { $0 + $1.replications })),
            ("rows", .integer(first.rows)), ("level", .number(first.level)), ("treatment", .string(first.treatment)),
            ("mediator", .string(first.mediator)), ("outcome", .string(first.outcome)),
            ("truth", .object([("naturalDirect", naturalDirect.json), ("naturalIndirect", naturalIndirect.json)])),
            ("estimators", .array(estimators.map(\.json))),
        ]
        if let model { members.append(("model", .string(model))) }
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }
}
