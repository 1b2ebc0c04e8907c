import Dispatch
import Foundation

/// Receives finished blocks in block order.
protocol CounterfactualSink {
    /// Takes the rows of one block; rows with log weight −∞ carry nothing.
    mutating func accept(_ slot: BlockSlot)
}

/// Exact enumeration gave way (too many cells, or counts too large for accurate
/// thresholds); the caller falls back to sampling.
struct EnumerationAbandoned: Error {
    /// Why, in words ("it would visit at least 2000000 cells, …").
    let reason: String
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
        try options.validate()
        var pool = Pool(engine: self)
        let size = BlockEvaluator.blockSize
        switch plan.method {
        case .exactInversion, .gaussianConditioning:
            let blocks = evidence.units / size + (evidence.units % size == 0 ? 0 : 1)
            try runWaves(count: blocks, pool: &pool, sink: &sink, output: output) { b in
                .units(first: b * size, count: min(size, evidence.units - b * size))
            }
        case .likelihoodWeighting:
            let draws = options.samples
            let perUnit = draws / size + (draws % size == 0 ? 0 : 1)
            let (blocks, overflow) = evidence.units.multipliedReportingOverflow(by: perUnit)
            guard !overflow else {
                throw ModelError("\(evidence.units) units of \(draws) draws each are too many blocks to count (reduce the samples)")
            }
            try runWaves(count: blocks, pool: &pool, sink: &sink) { b in
                let index = b % perUnit
                return .particles(unit: b / perUnit, index: index, count: min(size, draws - index * size))
            }
        case .enumeration:
            var pending = CellList.whole(units: evidence.units, dimensions: plan.dims.count)
            var processed = 0
            while !pending.isEmpty {
                processed += pending.count
                guard processed <= options.maximumCells else { throw tooManyCells(processed) }
                var next = CellList(dimensions: plan.dims.count)
                let cells = pending
                try runWaves(count: (cells.count + size - 1) / size, pool: &pool, sink: &sink, collect: { slot in
                    next.append(contentsOf: slot.children)
                    // Stop as soon as the next level alone is over the limit (whatever the wave size).
                    guard processed + next.count <= options.maximumCells else { throw tooManyCells(processed + next.count) }
                }) { b in
                    .cells(cells, (b * size)..<min(cells.count, (b + 1) * size))
                }
                pending = next
            }
        }
    }

    private func tooManyCells(_ cells: Int) -> EnumerationAbandoned {
        EnumerationAbandoned(reason: "it would visit at least \(cells) cells, more than the \(options.maximumCells) allowed")
    }

    /// Workers and block slots, made as waves need them: at most `options.threads`
    /// workers and 8 slots per worker, and never more than a wave has blocks, so a
    /// large thread count costs nothing beyond the work.
    private struct Pool {
        let engine: CounterfactualEngine
        var workers: [CounterfactualWorker] = []
        var slots: [BlockSlot] = []

        /// The most blocks in one wave.
        var waveLimit: Int { 8 * engine.options.threads }

        /// Makes sure a wave of `blocks` blocks has its slots and workers.
        mutating func prepare(blocks: Int) {
            let plan = engine.plan
            while slots.count < blocks {
                slots.append(BlockSlot(worlds: plan.setting.worlds.count, variables: plan.setting.factual.model.variables.count,
                                       dimensions: plan.dims.count))
            }
            while workers.count < min(engine.options.threads, blocks) {
                workers.append(CounterfactualWorker(plan: plan, evidence: engine.evidence, seed: engine.options.seed,
                                                    maximumCells: engine.options.maximumCells, describeUnit: engine.describeUnit))
            }
        }
    }

    /// Runs blocks 0..<count in waves, handing each finished block to the sink
    /// (and to `collect`) in order.
    private func runWaves<Sink: CounterfactualSink>(count: Int, pool: inout Pool, sink: inout Sink, output: ColumnPointers? = nil,
                                                     collect: (BlockSlot) throws -> Void = { _ in },
                                                     block: (Int) -> CounterfactualBlock) throws {
        var start = 0
        while start < count {
            let wave = (start..<min(count, start + pool.waveLimit)).map(block)
            pool.prepare(blocks: wave.count)
            let workers = pool.workers, slots = pool.slots
            try inParallel(wave.count, threads: workers.count) { worker, i in
                try workers[worker].run(wave[i], into: slots[i], output: output)
            }
            for i in wave.indices {
                sink.accept(slots[i])
                try collect(slots[i])
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
        } catch let abandoned as EnumerationAbandoned {
            let (sink, plan) = try attempt(forceSampling: true)
            return (sink, plan, ["exact enumeration was abandoned (\(abandoned.reason)); likelihood weighting was used instead"])
        }
    }
}
