import CausalModel
import Foundation
import GSL
import MachineResources
import Probability
import Validation

/// The power of a randomised experiment by simulation: for each total sample size n of a
/// grid and each effect E, R experiments of n fresh units from a `PowerPopulation`, ⌊n/2⌋
/// treated, each tested at level α; the rejection rate estimates the power (the false-positive
/// rate when E = 0: an A/A test), with its Clopper–Pearson interval, beside the closed-form
/// power of the same test (`AnalyticPower`).
///
/// - Effect E: a treated unit's outcome is its outcome under control plus E (for a 0/1
///   outcome: a control-outcome 0 turns 1 with probability E/(1 − p₀), or for E < 0 a 1 turns 0
///   with probability −E/p₀, so that P(Y = 1) moves from p₀ to p₀ + E). Without effects, a
///   model's own effect: each treated unit's outcome under do(T = 1).
/// - Test: Student's t for a continuous outcome, the pooled two-proportion z test for a 0/1 one.
/// - Analytic power: the t test with d = E/σ₀ (σ₀ the standard deviation of the outcome under
///   control, from `pilotUnits` units), or the z test on Cohen's h between p₀ + E and p₀; for a
///   model's own effect E is the average effect and σ₀² the average of the arms' variances.
/// - Sample size for `targetPower`: the analytic 2⌈n₁⌉ and the simulated one, interpolated
///   linearly in n between the grid points around the target.
///
/// Seeds: experiment draws for size n come in chunks of about 2¹⁸ units, chunk c from the key
/// (seed, 1, n, c); the coin flips of a 0/1 outcome's effect from (seed, 2, n, r); the pilot
/// from (seed, 0). Results do not depend on the threads or on the other grid points.
/// Cost: O(R·Σn) model evaluations, each experiment reduced to its arms' sufficient
/// statistics, so every effect of the grid reuses the same draws (common random numbers).
///
///     let sim = PowerSimulation(population: .model(model, treatment: "banner", outcome: "spend"),
///                               options: PowerOptions(rows: [100, 200, 400], effects: [0, 2, 5], replications: 1000))
///     let report = try sim.run()    // report.points: rows, effect, rejection rate, interval, analytic power
public struct PowerSimulation: Sendable {
    /// Where the units come from.
    public var population: PowerPopulation
    /// The grid, the test and the run's settings.
    public var options: PowerOptions

    /// Units drawn at once by one task.
    static let unitsPerChunk = 1 << 18

    /// A simulation of experiments on units of `population`.
    public init(population: PowerPopulation, options: PowerOptions) {
        self.population = population
        self.options = options
    }

    /// Runs the simulation.
    public func run() throws -> PowerReport {
        try options.validate()
        if options.effects == nil, !population.hasOwnEffect {
            throw PowerError.invalidOption(option: "effect", detail: "data carry no treatment effect of their own: give the effects to detect")
        }
        let (rows, replications, alpha, seed) = (options.rows, options.replications, options.alpha, options.seed)
        let clock = ContinuousClock()
        let start = clock.now
        let ownEffect = options.effects == nil
        let selections = try population.selections(treated: ownEffect)
        let baseline = try PowerBaseline(population: population, units: options.pilotUnits, seed: StreamKey(seed: seed).appending(0).state,
                                         selections: selections)
        let test = options.test ?? (baseline.isBinary ? .proportions : .t)
        if test == .proportions, !baseline.isBinary {
            throw PowerError.invalidOption(option: "test", detail: "the proportions test needs a 0/1 outcome; '\(population.outcomeName)' is not")
        }
        let effects = options.effects ?? [baseline.ownEffect ?? 0]
        if test == .proportions, !ownEffect {
            for e in effects where !(0...1).contains(baseline.mean + e) {
                throw PowerError.invalidEffectSize(e, detail: "the share of 1s under control is \(baseline.mean), so it cannot move by \(e)")
            }
        }
        let sizes = rows.sorted()
        let analytic = effects.map { e in sizes.map { n in baseline.analyticPower(test, effect: e, rows: n, alpha: alpha, ownEffect: ownEffect) } }
        if let targetPower = options.targetPower {
            for (k, e) in effects.enumerated() where e != 0 {
                guard let last = analytic[k].last, let power = last, power < targetPower else { continue }
                let needed = baseline.analyticRows(test, effect: e, power: targetPower, alpha: alpha, ownEffect: ownEffect)
                throw PowerError.gridTooSmall(target: targetPower, effect: e, largestRows: sizes.last!, power: (power * 1000).rounded() / 1000,
                                              suggestion: needed.map { " (analytic \(test.analytic.rawValue) test); about \($0) rows are needed" } ?? "")
            }
        }
        let rejections = try simulate(sizes: sizes, effects: effects, test: test, selections: selections, baseline: baseline)
        var points: [PowerPoint] = []
        for (i, n) in sizes.enumerated() {
            for (k, e) in effects.enumerated() {
                let count = rejections[i][k]
                points.append(PowerPoint(rows: n, effect: e, rejections: count, replications: replications,
                                         interval: BinomialInterval(successes: count, trials: replications, level: options.level),
                                         analyticPower: analytic[k][i]))
            }
        }
        var sampleSizes: [PowerSampleSize] = []
        if let targetPower = options.targetPower {
            for e in effects where e != 0 {
                let curve = points.filter { $0.effect == e }
                sampleSizes.append(PowerSampleSize(effect: e, simulatedRows: Self.interpolatedRows(curve, target: targetPower),
                                                   analyticRows: baseline.analyticRows(test, effect: e, power: targetPower,
                                                                                       alpha: alpha, ownEffect: ownEffect)))
            }
        }
        let (seconds, attoseconds) = start.duration(to: clock.now).components
        return PowerReport(population: population, test: test, alpha: alpha, level: options.level, replications: replications,
                           ownEffect: ownEffect, baseline: baseline, points: points, targetPower: options.targetPower,
                           sampleSizes: sampleSizes, seed: seed, seconds: Double(seconds) + Double(attoseconds) * 1e-18)
    }

    /// The rows at which the simulated curve first reaches `target`, interpolated linearly
    /// between the grid points around it; nil when no point reaches it.
    static func interpolatedRows(_ curve: [PowerPoint], target: Double) -> Double? {
        guard let j = curve.firstIndex(where: { $0.rejectionRate >= target }) else { return nil }
        guard j > 0 else { return Double(curve[j].rows) }
        let a = curve[j - 1], b = curve[j]
        let fraction = (target - a.rejectionRate) / (b.rejectionRate - a.rejectionRate)
        return Double(a.rows) + fraction * Double(b.rows - a.rows)
    }

    /// Rejection counts [size][effect], the experiments of each size drawn in chunks run in parallel.
    private func simulate(sizes: [Int], effects: [Double], test: SimulatedTest, selections: [ColumnSelection],
                          baseline: PowerBaseline) throws -> [[Int]] {
        struct Task { let size: Int, chunk: Int, first: Int, count: Int }
        let replications = options.replications
        var planned: [Task] = []
        for (i, n) in sizes.enumerated() {
            let perChunk = max(1, min(replications, Self.unitsPerChunk / n))
            for (c, first) in stride(from: 0, to: replications, by: perChunk).enumerated() {
                planned.append(Task(size: i, chunk: c, first: first, count: min(perChunk, replications - first)))
            }
        }
        let tasks = planned
        let (alpha, seed) = (options.alpha, options.seed)
        let criticals = sizes.map { n in
            test == .t ? SpecialFunctions.studentTQuantile(1 - alpha / 2, degreesOfFreedom: Double(n - 2))
                : SpecialFunctions.normalQuantile(1 - alpha / 2)
        }
        let population = self.population
        let perTask = try runReplications(count: tasks.count, threads: options.threads, progress: options.progress) { t in
            let task = tasks[t], n = sizes[task.size]
            let chunkKey = StreamKey(seed: seed).appending(1).appending(UInt64(n)).appending(UInt64(task.chunk))
            let (control, treated) = try population.draw(rows: n * task.count, seed: chunkKey.state, selections: selections)
            var counts = [Int](repeating: 0, count: effects.count)
            for j in 0..<task.count {
                let r = task.first + j
                let decisions = Self.decide(control: control, treated: treated, offset: j * n, n: n, n1: n / 2, effects: effects,
                                            test: test, critical: criticals[task.size], baselineMean: baseline.mean,
                                            flips: RandomStream(seed: seed, path: [2, UInt64(n), UInt64(r)]))
                for k in effects.indices where decisions[k] { counts[k] += 1 }
            }
            return counts
        }
        var totals = sizes.map { _ in [Int](repeating: 0, count: effects.count) }
        for (t, task) in tasks.enumerated() { for k in effects.indices { totals[task.size][k] += perTask[t][k] } }
        return totals
    }

    /// The test's decision, effect by effect, on the experiment of rows offset..<offset + n
    /// (the first n1 treated).
    private static func decide(control: [Double], treated: [Double]?, offset: Int, n: Int, n1: Int, effects: [Double],
                               test: SimulatedTest, critical: Double, baselineMean p0: Double, flips: RandomStream) -> [Bool] {
        let treatedSource = treated ?? control
        switch test {
        case .t:
            let summary = treatedSource.withUnsafeBufferPointer { t in
                control.withUnsafeBufferPointer { c in
                    TwoArmSummary(treated: UnsafeBufferPointer(rebasing: t[offset..<(offset + n1)]),
                                  control: UnsafeBufferPointer(rebasing: c[(offset + n1)..<(offset + n)]))
                }
            }
            return effects.map { e in summary.tTestRejects(shift: treated == nil ? e : 0, critical: critical) }
        case .proportions:
            var treatedOnes = 0.0, controlOnes = 0.0
            for i in offset..<(offset + n1) { treatedOnes += treatedSource[i] }
            for i in (offset + n1)..<(offset + n) { controlOnes += control[i] }
            return effects.map { e in
                var s1 = treatedOnes
                if treated == nil, e > 0, p0 < 1 {
                    s1 += (try? Binomial(trials: Double(n1) - treatedOnes, probability: min(1, e / (1 - p0))).sample(using: flips)) ?? 0
                } else if treated == nil, e < 0, p0 > 0 {
                    s1 -= (try? Binomial(trials: treatedOnes, probability: min(1, -e / p0)).sample(using: flips)) ?? 0
                }
                return TwoArmSummary.proportionsTestRejects(treatedSuccesses: s1, treated: n1, controlSuccesses: controlOnes,
                                                            control: n - n1, critical: critical)
            }
        }
    }
}
