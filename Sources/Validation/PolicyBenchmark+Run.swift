import MachineResources
import CausalModel
import Estimators
import Foundation
import Probability
import Tabular

extension PolicyBenchmark {
    /// The true values of the target and the logging policy (see `PolicyBenchmark`):
    /// exact by enumeration when every noise term is discrete (and the cells are few
    /// enough), otherwise Monte Carlo over `options.truthUnits` units, exact over actions.
    public func truth() throws -> PolicyValue {
        let seed = StreamKey(seed: options.seed).appending(0).state
        if let exact = try exactTruth(seed: seed) { return exact }
        let k = actionCount, n = options.truthUnits
        try MemoryBudget.require(n, bytesEach: 3 * k * 8, option: "truth units", what: "\(n) truth units",
                                 purpose: "(\(3 * k) columns: both policies' probabilities and the rewards of \(k) actions)", unit: "units")
        let selections = try self.selections(targetProbabilities, prefix: "pi") + self.selections(trueLoggingProbabilities, prefix: "pb")
            + rewardSelections(prefix: "q")
        let table = try StructuralCausalModel.sample(rows: n, seed: seed, selections: selections,
                                                     options: SamplingOptions(threads: options.threads))
        let pi = try (0..<k).map { try table.numbers("pi\($0)") }, pb = try (0..<k).map { try table.numbers("pb\($0)") }
        let q = try (0..<k).map { try table.numbers("q\($0)") }
        var target = [Double](repeating: 0, count: n), logging = [Double](repeating: 0, count: n)
        for a in 0..<k {
            for i in 0..<n {
                target[i] += pi[a][i] * q[a][i]
                logging[i] += pb[a][i] * q[a][i]
            }
        }
        guard let value = TruthValue.weightedMean(target), let loggingValue = TruthValue.weightedMean(logging) else {
            throw BenchmarkError.truthFailed(units: n, seed: seed, message: "the policy values are not finite")
        }
        let rewards = rewardMean != nil ? "the reward's conditional mean E[\(reward) | parents] under each action"
            : "each unit's \(reward) under each action from its own noise"
        return PolicyValue(value: value, loggingValue: loggingValue,
                           method: "Monte Carlo over \(n) units, summed exactly over the \(k) actions with \(rewards)")
    }

    /// The exact values when every noise term of the model and of the target is discrete
    /// and enumeration applies; nil otherwise.
    private func exactTruth(seed: UInt64) throws -> PolicyValue? {
        guard (model.noiseTerms + targetModel.noiseTerms).allSatisfy(\.family.isDiscrete) else { return nil }
        let counterfactual = CounterfactualOptions(samples: 1, seed: seed, threads: options.threads)
        let target = try targetModel.counterfactualExpectation(of: reward, given: Evidence(), doing: [], options: counterfactual)
        let logging = try model.counterfactualExpectation(of: reward, given: Evidence(), doing: [], options: counterfactual)
        guard target.method == .enumeration || target.method == .exactInversion, logging.method == target.method else { return nil }
        return PolicyValue(value: TruthValue(value: target.value, standardError: 0),
                           loggingValue: TruthValue(value: logging.value, standardError: 0),
                           method: "exact: every noise term is discrete, enumerated")
    }

    /// Replication r's logged rounds (0-based r), with the seconds the reward model took
    /// to fit. Sampled with `Benchmark.sampleSeed(seed, replication: r)`.
    public func logged(replication r: Int) throws -> (data: LoggedBandit, rewardModelSeconds: Double) {
        let k = actionCount
        var selections = [try ColumnSelection(model, variables: [action, reward] + context)]
        selections += try self.selections(targetProbabilities, prefix: "pi") + self.selections(loggedProbabilities, prefix: "pb")
        if options.rewardModel == .truth { selections += try rewardSelections(prefix: "q") }
        let table = try StructuralCausalModel.sample(rows: options.rows, seed: Benchmark.sampleSeed(options.seed, replication: r),
                                                     selections: selections, options: SamplingOptions(threads: 1))
        let logged = try table.numbers(action), rewards = try table.numbers(reward)
        let pi = try (0..<k).map { try table.numbers("pi\($0)") }, pb = try (0..<k).map { try table.numbers("pb\($0)") }
        let n = options.rows
        var actions = [Int](repeating: 0, count: n), propensities = [Double](repeating: 0, count: n)
        var target = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            guard logged[i] >= 0, logged[i] < Double(k), logged[i] == logged[i].rounded() else {
                throw ModelError("row \(i + 1): the logging policy drew \(action) = \(logged[i]), not one of 0…\(k - 1)")
            }
            actions[i] = Int(logged[i])
            propensities[i] = pb[actions[i]][i]
            for a in 0..<k { target[i * k + a] = pi[a][i] }
        }
        let clock = ContinuousClock(), start = clock.now
        let predictions: [Double]?
        switch options.rewardModel {
        case .none: predictions = nil
        case .constant: predictions = try RewardModelFit.actionMeans(actions: actions, rewards: rewards, actionCount: k)
        case .fitted:
            predictions = try RewardModelFit.linear(actions: actions, rewards: rewards,
                                                    context: try context.map { ($0, try table.numbers($0)) }, actionCount: k)
        case .truth:
            let q = try (0..<k).map { try table.numbers("q\($0)") }
            predictions = (0..<(n * k)).map { q[$0 % k][$0 / k] }
        }
        let seconds = Benchmark.seconds(start.duration(to: clock.now))
        let names = LoggedBandit.Names(propensity: "logging propensity of \(action)", target: (0..<k).map { "π(\(action) = \($0))" })
        let data = try LoggedBandit(actions: actions, rewards: rewards, propensities: propensities, actionCount: k,
                                    targetProbabilities: target, rewardModel: predictions, names: names)
        return (data, seconds)
    }

    /// Computes the truth, runs the replications (in parallel on `options.threads`
    /// workers) and scores every estimator against the truth.
    public func run() throws -> PolicyBenchmarkReport {
        let clock = ContinuousClock(), start = clock.now
        let truth: PolicyValue
        do {
            truth = try self.truth()
        } catch let error as BenchmarkError {
            throw error
        } catch {
            throw BenchmarkError.truthFailed(units: options.truthUnits, seed: StreamKey(seed: options.seed).appending(0).state,
                                             message: "\(error)")
        }
        let options = self.options, benchmark = self
        let runs = try runReplications(count: options.replications, threads: options.threads, progress: options.progress,
                                       failure: { error, r in
            BenchmarkError.replicationFailed(replication: r + 1, replications: options.replications,
                                             sampleSeed: Benchmark.sampleSeed(options.seed, replication: r), message: "\(error)")
        }) { r in try benchmark.replicate(r) }
        let performance = estimators.indices.map { k in
            EstimatorPerformance(name: estimators[k].name, runs: runs.map { $0[k] }, truthOf: { $0 == .policyValue ? truth.value : nil })
        }
        return PolicyBenchmarkReport(benchmark: self, truth: truth, estimators: performance,
                                     seconds: Benchmark.seconds(start.duration(to: clock.now)))
    }

    /// Every estimator on replication r's rounds; the DM family's seconds include the reward model's fit.
    func replicate(_ r: Int) throws -> [EstimatorRun] {
        let (data, fitSeconds) = try logged(replication: r)
        let clock = ContinuousClock()
        return estimators.enumerated().map { k, estimator in
            let randomness = RandomStream(seed: options.seed, path: [2, UInt64(r), UInt64(k)])
            let start = clock.now
            let fit = estimator.method.needsRewardModel ? fitSeconds : 0
            do {
                let estimate = try estimator.estimate(data, randomness: randomness)
                return EstimatorRun(seconds: fit + Benchmark.seconds(start.duration(to: clock.now)), estimate: estimate)
            } catch {
                return EstimatorRun(seconds: fit + Benchmark.seconds(start.duration(to: clock.now)), estimate: nil, failure: "\(error)")
            }
        }
    }
}
