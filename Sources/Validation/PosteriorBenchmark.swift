import CausalModel
import Estimators
import Probability
import Reporting

/// A benchmark over posterior draws: the data-generating model is uncertain, so each
/// replication draws its sample from one draw's model and each estimate is judged against
/// that draw's own truth.
///
/// With K draws and R ≥ K replications, draw k (0-based) runs replications
/// ⌊kR/K⌋ ..< ⌊(k+1)R/K⌋ as an ordinary `Benchmark` of its model, with the seed of the
/// stream (s, 3, k) (so draws never share samples). Over all replications r of an
/// estimator, with eᵣ = θ̂ᵣ − θ_{k(r)} the error against the truth of its draw: bias
/// ē = (1/N)Σeᵣ with standard error √(s²_e/N + Σₖ(nₖ/N)²SE(θₖ)²) (s_e the sd of the
/// errors, nₖ draw k's estimates), RMSE √((1/N)Σeᵣ²), and coverage the share of
/// intervals holding their own draw's truth. Each estimand's truth is reported as a
/// posterior summary over the draws (`PosteriorSummary`).
public struct PosteriorBenchmark: Sendable {
    /// One benchmark per draw, in order.
    public let benchmarks: [Benchmark]

    /// Prepares a benchmark of every draw in `models` (at least two); `options.replications`
    /// (at least one per draw) is split evenly across them.
    public init(models: [StructuralCausalModel], treatment: String, outcome: String, options: BenchmarkOptions) throws {
        _ = try Self.options(options, draw: 0, of: models.count)
        benchmarks = try models.enumerated().map { index, model in
            try Benchmark(model: model, treatment: treatment, outcome: outcome,
                          options: Self.options(options, draw: index, of: models.count))
        }
        let names = benchmarks[0].estimators.map(\.name)
        if let other = benchmarks.firstIndex(where: { $0.estimators.map(\.name) != names }) {
            throw BenchmarkError.invalidOption(option: "estimators", detail: "draw \(other + 1) runs "
                + benchmarks[other].estimators.map(\.name).joined(separator: ", ") + " but draw 1 runs "
                + names.joined(separator: ", ") + "; name the estimators with --estimators")
        }
    }

    /// The options of draw k's (0-based) benchmark out of `count`: its share of the
    /// replications, ⌊(k+1)R/K⌋ − ⌊kR/K⌋, and the seed of the stream (s, 3, k). Throws
    /// with fewer than two draws or fewer replications than draws.
    static func options(_ options: BenchmarkOptions, draw k: Int, of count: Int) throws -> BenchmarkOptions {
        guard count >= 2 else {
            throw BenchmarkError.invalidOption(option: "draws", detail: "need at least 2 posterior draws (got \(count))")
        }
        guard options.replications >= count else {
            throw BenchmarkError.invalidOption(option: "replications", detail: "must be at least the number of posterior draws, "
                + "\(count), so that every draw runs (got \(options.replications))")
        }
        var drawOptions = options
        drawOptions.replications = (k + 1) * options.replications / count - k * options.replications / count
        drawOptions.seed = StreamKey(seed: options.seed).appending(3).appending(UInt64(k)).state
        drawOptions.progress = nil
        return drawOptions
    }

    /// Runs every draw's benchmark (reporting (draws done, draws) to `progress`) and pools them.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> PosteriorBenchmarkReport {
        try PosteriorBenchmarkReport(draws: Self.runEach(benchmarks, progress: progress) { try $0.run() })
    }

    /// `run` of each draw's benchmark in order, reporting (draws done, draws) to `progress` after each.
    static func runEach<Draw, Report>(_ draws: [Draw], progress: (@Sendable (Int, Int) -> Void)?,
                                      _ run: (Draw) throws -> Report) rethrows -> [Report] {
        var reports: [Report] = []
        for draw in draws {
            reports.append(try run(draw))
            progress?(reports.count, draws.count)
        }
        return reports
    }
}

/// An estimator's performance pooled over the draws of a `PosteriorBenchmark`.
public struct PooledPerformance: Sendable {
    /// The estimator's name.
    public let name: String
    /// Its estimand.
    public let estimand: Estimand?
    /// Replications attempted and failed.
    public let runs: Int, failures: Int
    /// The mean estimate over all replications.
    public let meanEstimate: Double
    /// The mean error against each replication's own draw's truth, its standard error, and the RMSE.
    public let bias: Double?, biasStandardError: Double?, rmse: Double?
    /// The share of intervals holding their own draw's truth.
    public let coverage: Double?

    /// Pools the per-draw performances of one estimator.
    init(_ draws: [EstimatorPerformance]) {
        name = draws[0].name
        estimand = draws.lazy.compactMap(\.estimand).first
        runs = draws.reduce(0) { $0 + $1.runs }
        failures = draws.reduce(0) { $0 + $1.failures }
        var errors: [Double] = [], estimates: [Double] = [], truthVariance = 0.0, covered = 0.0, judged = 0
        for p in draws {
            let finite = p.estimates.filter(\.isFinite)
            estimates += finite
            guard let truth = p.truth, let coverage = p.coverage else { continue }
            errors += finite.map { $0 - truth.value }
            truthVariance += Double(finite.count * finite.count) * truth.standardError * truth.standardError
            covered += coverage * Double(finite.count)
            judged += finite.count
        }
        meanEstimate = estimates.isEmpty ? .nan : estimates.reduce(0, +) / Double(estimates.count)
        guard judged > 0 else {
            (bias, biasStandardError, rmse, coverage) = (nil, nil, nil, nil)
            return
        }
        let n = Double(judged)
        let mean = errors.reduce(0, +) / n
        let spread = judged > 1 ? errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / n : 0
        bias = mean
        biasStandardError = (spread + truthVariance / (n * n)).squareRoot()
        rmse = (errors.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        coverage = covered / n
    }

    /// Whether |bias| exceeds 3 standard errors.
    public var isBiased: Bool {
        guard let bias, let biasStandardError, biasStandardError > 0 else { return false }
        return abs(bias) > 3 * biasStandardError
    }
}
