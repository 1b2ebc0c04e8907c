import Dispatch
import MachineResources
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

/// Runs an abduction plan over every unit of the evidence: its strategy
/// (`CounterfactualStrategy`) lays out blocks of rows, which are evaluated in
/// parallel waves (block b on worker b mod threads), then handed to the sink in
/// block order, so results do not depend on the number of threads.
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
        var waves = BlockWaves(engine: self, sink: sink, output: output)
        defer { sink = waves.sink }
        try plan.strategy.schedule(evidence, options: options, waves: &waves)
    }
}

/// The parallel waves of one run: blocks are evaluated by up to
/// `options.threads` workers, eight blocks per worker in a wave, then handed to
/// the sink in block order. Workers and block slots are made as waves need them,
/// and never more than a wave has blocks, so a large thread count costs nothing
/// beyond the work.
struct BlockWaves<Sink: CounterfactualSink> {
    let engine: CounterfactualEngine
    var sink: Sink
    /// Where plans with one row per unit write their worlds' values (nil: to the sink).
    let output: ColumnPointers?
    private var workers: [CounterfactualWorker] = []
    private var slots: [BlockSlot] = []

    /// Bytes a worker holds: the factual evaluator with its workspace and each world's
    /// evaluator, for blocks of `BlockEvaluator.blockSize` rows.
    private let workerBytes: Int
    /// Bytes a block's slot holds: every world's variables, the units and their weights.
    private let slotBytes: Int
    /// How many workers fit in the memory budget, each beside one slot.
    private let workersThatFit: Int
    /// The most blocks in one wave: eight a thread, fewer when their slots would not fit in
    /// the memory budget beside the workers.
    private let waveLimit: Int

    init(engine: CounterfactualEngine, sink: Sink, output: ColumnPointers?) {
        self.engine = engine
        self.sink = sink
        self.output = output
        let setting = engine.plan.setting, size = BlockEvaluator.blockSize
        workerBytes = setting.worlds.reduce(BlockEvaluator.bytes(of: setting.factual, capacity: size, workspace: true)) {
            MemoryBudget.sum($0, BlockEvaluator.bytes(of: $1, capacity: size, workspace: false))
        }
        let columns = setting.worlds.count * setting.factual.model.variables.count + 2
        slotBytes = MemoryBudget.product(columns, size * MemoryLayout<Double>.stride)
        workersThatFit = MemoryBudget.planBytes / max(1, MemoryBudget.sum(workerBytes, slotBytes))
        let workerRoom = MemoryBudget.product(min(engine.options.threads, workersThatFit), workerBytes)
        let slotsThatFit = max(0, MemoryBudget.planBytes - workerRoom) / max(1, slotBytes)
        waveLimit = max(1, min(8 * engine.options.threads, slotsThatFit))
    }

    /// Makes sure a wave of `blocks` blocks has its slots and workers.
    private mutating func prepare(blocks: Int) {
        let plan = engine.plan
        while slots.count < blocks {
            slots.append(BlockSlot(worlds: plan.setting.worlds.count, variables: plan.setting.factual.model.variables.count,
                                   dimensions: plan.dims.count))
        }
        while workers.count < min(engine.options.threads, blocks, workersThatFit) {
            workers.append(CounterfactualWorker(plan: plan, evidence: engine.evidence, seed: engine.options.seed,
                                                maximumCells: engine.options.maximumCells, describeUnit: engine.describeUnit))
        }
    }

    /// Runs blocks 0..<count in waves, handing each finished block to the sink
    /// (and to `collect`) in order.
    mutating func run(count: Int, collect: (BlockSlot) throws -> Void = { _ in },
                      block: (Int) -> CounterfactualBlock) throws {
        guard workersThatFit >= 1 else {
            let setting = engine.plan.setting
            let worlds = setting.worlds.count == 1 ? "1 world" : "\(setting.worlds.count) worlds"
            throw ModelError("counterfactual blocks of \(BlockEvaluator.blockSize) rows of a model of "
                             + "\(setting.factual.model.variables.count) variables and \(worlds) need "
                             + MemoryBudget.shortfall(1, bytesEach: MemoryBudget.sum(workerBytes, slotBytes)))
        }
        var start = 0
        while start < count {
            let wave = (start..<min(count, start + waveLimit)).map(block)
            prepare(blocks: wave.count)
            let workers = workers, slots = slots, output = output
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

    /// One row per unit: blocks of `BlockEvaluator.blockSize` consecutive units.
    mutating func runUnits(_ units: Int) throws {
        let size = BlockEvaluator.blockSize
        try run(count: units / size + (units % size == 0 ? 0 : 1)) { b in
            .units(first: b * size, count: min(size, units - b * size))
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
