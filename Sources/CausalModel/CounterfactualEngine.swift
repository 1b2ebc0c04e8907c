import Dispatch
import Foundation

/// Receives finished blocks in block order.
protocol CounterfactualSink {
    /// Takes the rows of one block; rows with log weight −∞ carry nothing.
    mutating func accept(_ slot: BlockSlot)
}

/// Enumeration needed more cells than allowed; the caller falls back to sampling.
struct EnumerationLimitReached: Error {
    let cells: Int
}

/// Runs an abduction plan over every unit of the evidence: blocks of rows are
/// evaluated in parallel waves (block b on worker b mod threads), then handed to
/// the sink in block order, so results do not depend on the number of threads.
///
/// Exact inversion and Gaussian conditioning give one row per unit; likelihood
/// weighting `options.samples` rows per unit (blocks never mix units, so a unit's
/// draws come from streams keyed by (seed, unit, term, block)); enumeration
/// starts from one cell per unit and refines cells until every one is final.
struct CounterfactualEngine {
    let plan: AbductionPlan
    let evidence: EvidenceColumns
    let options: CounterfactualOptions
    let describeUnit: @Sendable (Int) -> String

    func run<Sink: CounterfactualSink>(into sink: inout Sink) throws {
        try run(into: &sink, output: nil)
    }

    /// Runs a plan with one row per unit (exact inversion, Gaussian conditioning),
    /// evaluating world w's variable v of unit u straight into
    /// `output.columns[w · variables + v][u]`: no copy, no sink.
    func run(writingUnitsTo output: ColumnPointers) throws {
        precondition(!plan.isWeighted, "only plans with one row per unit write straight to the output")
        var nothing = Discard()
        try run(into: &nothing, output: output)
    }

    private struct Discard: CounterfactualSink {
        mutating func accept(_ slot: BlockSlot) {}
    }

    private func run<Sink: CounterfactualSink>(into sink: inout Sink, output: ColumnPointers?) throws {
        let threads = max(1, options.threads)
        let workers = (0..<threads).map { _ in
            CounterfactualWorker(plan: plan, evidence: evidence, seed: options.seed, describeUnit: describeUnit)
        }
        let variables = plan.setting.factual.model.variables.count
        let slots = (0..<(threads * 8)).map { _ in
            BlockSlot(worlds: plan.setting.worlds.count, variables: variables, dimensions: plan.dims.count)
        }
        let size = BlockEvaluator.blockSize
        switch plan.method {
        case .exactInversion, .gaussianConditioning:
            let blocks = (evidence.units + size - 1) / size
            try runWaves(count: blocks, workers: workers, slots: slots, sink: &sink, output: output) { b in
                .units(first: b * size, count: min(size, evidence.units - b * size))
            }
        case .likelihoodWeighting:
            let draws = max(1, options.samples)
            let perUnit = (draws + size - 1) / size
            try runWaves(count: evidence.units * perUnit, workers: workers, slots: slots, sink: &sink) { b in
                let index = b % perUnit
                return .particles(unit: b / perUnit, index: index, count: min(size, draws - index * size))
            }
        case .enumeration:
            var pending = CellList.whole(units: evidence.units, dimensions: plan.dims.count)
            var processed = 0
            while !pending.isEmpty {
                processed += pending.count
                guard processed <= options.maximumCells else { throw EnumerationLimitReached(cells: processed) }
                var next = CellList(dimensions: plan.dims.count)
                let cells = pending
                try runWaves(count: (cells.count + size - 1) / size, workers: workers, slots: slots, sink: &sink,
                             collect: { next.append(contentsOf: $0.children) }) { b in
                    .cells(cells, (b * size)..<min(cells.count, (b + 1) * size))
                }
                pending = next
            }
        }
    }

    /// Runs blocks 0..<count in waves of `slots.count`, handing each finished
    /// block to the sink (and to `collect`) in order.
    private func runWaves<Sink: CounterfactualSink>(count: Int, workers: [CounterfactualWorker], slots: [BlockSlot],
                                                     sink: inout Sink, output: ColumnPointers? = nil,
                                                     collect: (BlockSlot) -> Void = { _ in },
                                                     block: (Int) -> CounterfactualBlock) throws {
        var start = 0
        while start < count {
            let wave = (start..<min(count, start + slots.count)).map(block)
            try inParallel(wave.count, threads: workers.count) { worker, i in
                try workers[worker].run(wave[i], into: slots[i], output: output)
            }
            for i in wave.indices {
                sink.accept(slots[i])
                collect(slots[i])
            }
            start += wave.count
        }
    }
}

extension CounterfactualEngine {
    /// Plans and runs the three steps for `evidence` into a sink made for the plan,
    /// falling back from enumeration to likelihood weighting (with a warning) when
    /// enumeration needs more than `options.maximumCells` cells.
    static func run<Sink: CounterfactualSink>(_ setting: CounterfactualSetting, isObserved: [Bool], queries: [[Int]],
                                              purpose: CounterfactualPurpose, evidence: EvidenceColumns,
                                              options: CounterfactualOptions,
                                              describeUnit: @escaping @Sendable (Int) -> String,
                                              sink makeSink: (AbductionPlan) -> Sink) throws
        -> (sink: Sink, plan: AbductionPlan, warnings: [String]) {
        func attempt(forceSampling: Bool) throws -> (Sink, AbductionPlan) {
            let plan = AbductionPlan(setting: setting, isObserved: isObserved, queries: queries, purpose: purpose,
                                     forceSampling: forceSampling)
            var sink = makeSink(plan)
            try CounterfactualEngine(plan: plan, evidence: evidence, options: options, describeUnit: describeUnit).run(into: &sink)
            return (sink, plan)
        }
        do {
            let (sink, plan) = try attempt(forceSampling: options.forceSampling)
            return (sink, plan, [])
        } catch let limit as EnumerationLimitReached {
            let (sink, plan) = try attempt(forceSampling: true)
            return (sink, plan, ["exact enumeration would visit more than \(limit.cells - 1) cells; likelihood weighting was used instead"])
        }
    }
}

/// Per-unit weighted means of every variable in every world: the unit-level
/// counterfactual answers of plans with several rows per unit. Each mean is
/// kept as a running weighted mean, m ← m + (w / W)(x − m), which returns a
/// constant exactly; the weights are accumulated relative to a running maximum
/// log weight per unit.
struct UnitMeans: CounterfactualSink {
    /// means[world][variable][unit].
    private(set) var means: [[[Double]]]
    private var shift: [Double]
    private var total: [Double]
    private var squares: [Double]

    init(worlds: Int, variables: Int, units: Int) {
        means = Array(repeating: Array(repeating: Array(repeating: 0, count: units), count: variables), count: worlds)
        shift = Array(repeating: -.infinity, count: units)
        total = Array(repeating: 0, count: units)
        squares = Array(repeating: 0, count: units)
    }

    mutating func accept(_ slot: BlockSlot) {
        for r in 0..<slot.rows {
            let l = slot.logWeights[r]
            guard l > -.infinity else { continue }
            let u = slot.units[r]
            if l > shift[u] {
                let scale = exp(shift[u] - l)
                total[u] *= scale
                squares[u] *= scale * scale
                shift[u] = l
            }
            let weight = exp(l - shift[u])
            total[u] += weight
            squares[u] += weight * weight
            let step = weight / total[u]
            for w in means.indices {
                for v in means[w].indices { means[w][v][u] += step * (slot.worldColumns[w].columns[v][r] - means[w][v][u]) }
            }
        }
    }

    /// Reports each unit whose evidence had probability zero (no row carried weight).
    func checkEveryUnit(impossible: (Int) throws -> Never) throws {
        for u in total.indices where !(total[u] > 0) { try impossible(u) }
    }

    /// Kish's effective sample size of each unit's weights, (Σw)² / Σw².
    var effectiveSampleSizes: [Double] { zip(total, squares).map { $0 * $0 / $1 } }
}

/// Every finished row's log weight and selected values: a population answer.
struct WeightedRows: CounterfactualSink {
    /// (world, variable) pairs kept.
    let selection: [(world: Int, variable: Int)]
    private(set) var logWeights: [Double] = []
    /// values[k][row] for selection k.
    private(set) var values: [[Double]]

    init(selection: [(world: Int, variable: Int)]) {
        self.selection = selection
        values = Array(repeating: [], count: selection.count)
    }

    mutating func accept(_ slot: BlockSlot) {
        for r in 0..<slot.rows where slot.logWeights[r] > -.infinity {
            logWeights.append(slot.logWeights[r])
            for (k, s) in selection.enumerated() { values[k].append(slot.worldColumns[s.world].columns[s.variable][r]) }
        }
    }

    /// The weights relative to the largest, exp(log w − max log w) (empty when every row is impossible).
    var relativeWeights: [Double] {
        guard let top = logWeights.max(), top > -.infinity else { return [] }
        return logWeights.map { exp($0 - top) }
    }
}
