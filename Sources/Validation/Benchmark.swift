import MachineResources
import CausalModel
import Estimators
import Foundation
import Probability
import Reporting
import Tabular

/// A validation run of the estimator library against a model's ground truth.
///
/// The design (roles) comes from the model's graph and equations (`BenchmarkDesign`),
/// the truth from a large Monte Carlo sample of potential outcomes (`TrueEffects`).
/// Then R independent samples of n rows are drawn, every chosen estimator runs on
/// each, and the results are summarised per estimator against the truth of its own
/// estimand (`EstimatorPerformance`).
///
/// Seeds: from `options.seed` s, the truth sample uses the stream key (s, 0),
/// replication r's sample (s, 1, r) and estimator E's randomness in replication r the
/// stream (s, 2, r, h(E)) with h a fixed hash of E's name. So results depend neither on
/// the threads nor on which other estimators run.
///
///     let model = try ModelCatalog.load("banner")
///     let benchmark = try Benchmark(model: model, treatment: "banner", outcome: "spend",
///                                   options: BenchmarkOptions(rows: 2000, replications: 100))
///     let report = try benchmark.run()
///     print(report.text())
public struct Benchmark: Sendable {
    /// The model.
    public let model: StructuralCausalModel
    /// The roles read from the model.
    public let design: BenchmarkDesign
    /// The options.
    public let options: BenchmarkOptions
    /// The estimators that will run, in catalog order.
    public let estimators: [any EffectEstimator]
    /// The catalog's other estimators and why they cannot run on this design (empty
    /// when `options.estimators` names the estimators to run).
    public let notApplicable: [(name: String, reason: String)]

    /// Prepares a benchmark of the effect of `treatment` on `outcome`: derives the
    /// design, checks the options, and picks the estimators that apply to a sample of
    /// the data (or checks that those named in `options.estimators` do).
    public init(model: StructuralCausalModel, treatment: String, outcome: String, options: BenchmarkOptions) throws {
        try options.validate()
        self.model = model
        self.options = options
        design = try BenchmarkDesign(model: model, treatment: treatment, outcome: outcome)
        let workers = min(options.threads, options.replications)
        let columns = design.roleColumns.count + 2
        try MemoryBudget.require(
            options.rows, bytesEach: columns * 8 * Self.workingCopies * workers, option: "rows",
            what: "\(options.rows) rows per replication",
            purpose: "(\(columns) columns in about \(Self.workingCopies) working copies, \(NumberFormatting.count(workers, "replication")) "
                + "at a time)", unit: "rows")
        let pilot: CausalData
        do {
            pilot = try CausalData(table: StructuralCausalModel.sample(
                rows: options.rows, seed: Self.sampleSeed(options.seed, replication: 0),
                selections: [ColumnSelection(model, variables: design.roleColumns)], options: SamplingOptions(threads: 1)),
                                   roles: design.roles)
        } catch {
            throw Self.replicationFailure(error, at: 0, options: options)
        }
        let description = pilot.describe()
        let catalog = EstimatorCatalog.standard(level: options.level, bootstrapReplications: options.bootstrapReplications)
        var chosen: [any EffectEstimator] = []
        var skipped: [(String, String)] = []
        for estimator in catalog {
            let wanted = options.estimators?.contains(estimator.name) ?? true
            switch estimator.applicability(to: description) {
            case .applicable where wanted: chosen.append(estimator)
            case .notApplicable(let reason) where wanted && options.estimators != nil:
                throw BenchmarkError.notApplicable(name: estimator.name, reason: reason)
            case .notApplicable(let reason) where options.estimators == nil: skipped.append((estimator.name, reason))
            default: break
            }
        }
        for name in options.estimators ?? [] where !catalog.contains(where: { $0.name == name }) {
            throw BenchmarkError.unknownEstimator(name: name, known: catalog.map(\.name))
        }
        guard !chosen.isEmpty else {
            var reasons: [String] = []
            for (_, reason) in skipped where !reasons.contains(reason) { reasons.append(reason) }
            throw BenchmarkError.noApplicableEstimator(treatment: treatment, outcome: outcome, reasons: reasons,
                                                       frontDoorSet: design.frontDoorSet)
        }
        try MemoryBudget.require(
            options.replications, bytesEach: chosen.count * MemoryBudget.bytesPerEstimatorRun, option: "replications",
            what: "\(options.replications) replications of \(NumberFormatting.count(chosen.count, "estimator"))",
            purpose: "to keep their results", unit: "replications")
        estimators = chosen
        notApplicable = skipped
    }

    /// The copies of a replication's sampled columns alive at once: the sampled table,
    /// the estimators' data and their design matrices or sorted features.
    static let workingCopies = 4

    /// `error` from replication r (0-based), named by its 1-based number and sample seed.
    static func replicationFailure(_ error: any Error, at r: Int, options: BenchmarkOptions) -> BenchmarkError {
        .replicationFailed(replication: r + 1, replications: options.replications,
                           sampleSeed: sampleSeed(options.seed, replication: r), message: "\(error)")
    }

    /// Runs the truth computation and the replications (in parallel on
    /// `options.threads` workers) and summarises them.
    public func run() throws -> BenchmarkReport {
        let clock = ContinuousClock()
        let start = clock.now
        let truthSeed = Self.truthSeed(options.seed)
        let truth: TrueEffects
        do {
            truth = try TrueEffects(model: model, design: design, units: options.truthUnits, seed: truthSeed,
                                    options: SamplingOptions(threads: options.threads))
        } catch let error as BenchmarkError {
            throw error
        } catch {
            throw BenchmarkError.truthFailed(units: options.truthUnits, seed: truthSeed, message: "\(error)")
        }
        let replicate = try Replicator(benchmark: self, truth: truth)
        let options = self.options
        let runs = try runReplications(count: options.replications, threads: options.threads, progress: options.progress,
                                       failure: { Self.replicationFailure($0, at: $1, options: options) }, replicate.callAsFunction)
        let performance = estimators.indices.map { k in
            EstimatorPerformance(name: estimators[k].name, runs: runs.map { $0[k] }, truth: truth)
        }
        return BenchmarkReport(design: design, truth: truth, options: options, estimators: performance,
                               notApplicable: notApplicable, seconds: Self.seconds(start.duration(to: clock.now)))
    }

    /// The seed of the truth's Monte Carlo sample: the stream (s, 0).
    static func truthSeed(_ seed: UInt64) -> UInt64 { StreamKey(seed: seed).appending(0).state }

    /// The seed of replication r's sample (r 0-based): sampling the model with it
    /// (`whatif sample MODEL --rows N --seed S`) gives the same rows.
    public static func sampleSeed(_ seed: UInt64, replication r: Int) -> UInt64 {
        StreamKey(seed: seed).appending(1).appending(UInt64(r)).state
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

extension BenchmarkDesign {
    /// The columns the roles name, each once, in the order outcome, treatment,
    /// covariates, instrument, running variable, group, period.
    var roleColumns: [String] {
        let all = [roles.outcome] + [roles.treatment].compactMap { $0 } + roles.covariates
            + [roles.instrument, roles.runningVariable, roles.group, roles.period].compactMap { $0 }
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }
}

/// Runs every estimator of a benchmark on one replication's sample.
struct Replicator: Sendable {
    let benchmark: Benchmark
    let truth: TrueEffects
    let selections: [ColumnSelection]
    let potential: PotentialOutcomes
    /// Whether some estimator predicts conditional effects (then Y(0) and Y(1) are sampled too).
    let scoresConditionalEffects: Bool

    init(benchmark: Benchmark, truth: TrueEffects) throws {
        self.benchmark = benchmark
        self.truth = truth
        let design = benchmark.design
        potential = try PotentialOutcomes(treatment: design.treatment, outcome: design.outcome)
        scoresConditionalEffects = benchmark.estimators.contains { $0 is any ConditionalEffectEstimator }
        var selections = [try ColumnSelection(benchmark.model, variables: design.roleColumns)]
        if scoresConditionalEffects { selections += try potential.selections(for: benchmark.model).dropFirst().prefix(2) }
        self.selections = selections
    }

    func callAsFunction(_ r: Int) throws -> [EstimatorRun] {
        let options = benchmark.options
        let table = try StructuralCausalModel.sample(rows: options.rows, seed: Benchmark.sampleSeed(options.seed, replication: r),
                                                     selections: selections, options: SamplingOptions(threads: 1))
        let data = try CausalData(table: table, roles: benchmark.design.roles)
        var delta: [Double] = []
        var binValues: [Double] = []
        if scoresConditionalEffects {
            delta = zip(try table.numbers(potential.header(for: 1)), try table.numbers(potential.header(for: 0))).map { $0 - $1 }
            if let binned = truth.conditional { binValues = try table.numbers(binned.covariate) }
        }
        let clock = ContinuousClock()
        return benchmark.estimators.map { estimator in
            let randomness = RandomStream(seed: options.seed, path: [2, UInt64(r), Self.streamWord(estimator.name)])
            let start = clock.now
            do {
                guard let conditional = estimator as? any ConditionalEffectEstimator else {
                    let estimate = try estimator.estimate(data, randomness: randomness)
                    return EstimatorRun(seconds: Benchmark.seconds(start.duration(to: clock.now)), estimate: estimate)
                }
                let result = try conditional.estimateWithConditionalEffects(data, randomness: randomness)
                let seconds = Benchmark.seconds(start.duration(to: clock.now))
                guard let tau = result.conditionalEffects else { return EstimatorRun(seconds: seconds, estimate: result.estimate) }
                var squared = 0.0
                for i in tau.indices { squared += (tau[i] - delta[i]) * (tau[i] - delta[i]) }
                return EstimatorRun(seconds: seconds, estimate: result.estimate,
                                    binnedCATEError: truth.conditional?.error(predictions: tau, covariateValues: binValues),
                                    unitEffectError: (squared / Double(max(1, tau.count))).squareRoot())
            } catch {
                return EstimatorRun(seconds: Benchmark.seconds(start.duration(to: clock.now)), estimate: nil, failure: "\(error)")
            }
        }
    }

    /// A fixed 64-bit hash of an estimator's name (FNV-1a), so its random stream does not
    /// depend on which other estimators run.
    static func streamWord(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
