import CausalModel
import Estimators
import MachineResources
import Probability
import Reporting
import Tabular

/// A benchmark of the mediation estimators (`MediationEstimators.standard`) against a
/// model's exact natural direct and indirect effects of a treatment T (0 → 1) on an
/// outcome Y through a mediator M (`StructuralCausalModel.mediationEffects`).
///
/// The covariates C are the observed variables that T does not cause (other than M
/// and Y): the pre-treatment variables, which block the T–M, T–Y and M–Y confounding
/// when that confounding is observed. Seeds follow `Benchmark`: the truth from the
/// stream (s, 0), replication r's sample from `Benchmark.sampleSeed(s, replication: r)`,
/// estimator E's simulation draws from (s, 2, r, h(E)); results do not depend on the threads.
///
///     let benchmark = try MediationBenchmark(model: ModelCatalog.load("mediator"), treatment: "rain",
///                                            mediator: "requests", outcome: "profit",
///                                            options: BenchmarkOptions(rows: 1000, replications: 50))
///     print(try benchmark.run().text())
public struct MediationBenchmark: Sendable {
    /// The model.
    public let model: StructuralCausalModel
    /// The treatment, mediator and outcome.
    public let treatment: String, mediator: String, outcome: String
    /// The covariates every estimator adjusts for.
    public let covariates: [String]
    /// The estimators that run, in report order.
    public let estimators: [any MediationEstimator]
    /// The options (`bootstrapReplications` is not used).
    public let options: BenchmarkOptions

    /// Prepares the benchmark: checks the options and the roles, picks the estimators
    /// (all, or those `options.estimators` names) and the covariates.
    public init(model: StructuralCausalModel, treatment: String, mediator: String, outcome: String,
                options: BenchmarkOptions) throws {
        try options.validate()
        guard Set([treatment, mediator, outcome]).count == 3 else {
            throw BenchmarkError.invalidOption(option: "mediation", detail: "treatment, mediator and outcome must be three different "
                + "variables (got \(treatment):\(mediator):\(outcome))")
        }
        for name in [treatment, mediator, outcome] {
            let variable = try model.variable(named: name)
            if variable.isLatent { throw BenchmarkError.latentVariable(name) }
        }
        let all = MediationEstimators.standard
        for name in options.estimators ?? [] where !all.contains(where: { $0.name == name }) {
            throw BenchmarkError.unknownEstimator(name: name, known: all.map(\.name))
        }
        let downstream = try model.causalDiagram.descendants(of: [treatment])
        self.model = model
        self.treatment = treatment
        self.mediator = mediator
        self.outcome = outcome
        covariates = model.variables.filter { !$0.isLatent && !downstream.contains($0.name) && $0.name != treatment }.map(\.name)
        estimators = all.filter { estimator in options.estimators?.contains(estimator.name) ?? true }
        self.options = options
    }

    /// Computes the truth, runs the replications (in parallel) and scores every estimator's
    /// direct and indirect estimates against the natural direct and indirect effects.
    public func run() throws -> MediationBenchmarkReport {
        let clock = ContinuousClock()
        let start = clock.now
        let truthSeed = Benchmark.truthSeed(options.seed)
        let truth: MediationEffects
        do {
            truth = try model.mediationEffects(treatment: treatment, mediator: mediator, outcome: outcome,
                                               rows: options.truthUnits, seed: truthSeed)
        } catch {
            throw BenchmarkError.truthFailed(units: options.truthUnits, seed: truthSeed, message: "\(error)")
        }
        let selection = try ColumnSelection(model, variables: [treatment, mediator, outcome] + covariates)
        let benchmark = self
        let options = self.options
        let runs = try runReplications(count: options.replications, threads: options.threads, progress: options.progress,
                                       failure: { Benchmark.replicationFailure($0, at: $1, options: options) }) { r in
            try benchmark.replicate(r, selection: selection)
        }
        var performance: [EstimatorPerformance] = []
        for (k, estimator) in estimators.enumerated() {
            for effect in 0..<2 {
                performance.append(EstimatorPerformance(name: estimator.name, runs: runs.map { $0[k][effect] }, truthOf: {
                    $0 == .naturalDirectEffect ? truth.naturalDirect : $0 == .naturalIndirectEffect ? truth.naturalIndirect : nil
                }))
            }
        }
        return MediationBenchmarkReport(benchmark: self, truth: truth, estimators: performance,
                                        seconds: Benchmark.seconds(start.duration(to: clock.now)))
    }

    /// Replication r: per estimator, its direct and its indirect run.
    private func replicate(_ r: Int, selection: ColumnSelection) throws -> [[EstimatorRun]] {
        let table = try StructuralCausalModel.sample(rows: options.rows, seed: Benchmark.sampleSeed(options.seed, replication: r),
                                                     selections: [selection], options: SamplingOptions(threads: 1))
        let data = try MediationData(table: table, treatment: treatment, mediator: mediator, outcome: outcome, covariates: covariates)
        let clock = ContinuousClock()
        return estimators.map { estimator in
            let randomness = RandomStream(seed: options.seed, path: [2, UInt64(r), Replicator.streamWord(estimator.name)])
            let start = clock.now
            do {
                let estimate = try estimator.estimate(data, level: options.level, randomness: randomness)
                let seconds = Benchmark.seconds(start.duration(to: clock.now))
                return [EstimatorRun(seconds: seconds, estimate: estimate.direct),
                        EstimatorRun(seconds: seconds, estimate: estimate.indirect)]
            } catch {
                let run = EstimatorRun(seconds: Benchmark.seconds(start.duration(to: clock.now)), estimate: nil, failure: "\(error)")
                return [run, run]
            }
        }
    }
}
