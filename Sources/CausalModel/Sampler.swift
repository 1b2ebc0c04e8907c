import MachineResources
import Dispatch
import Foundation
import Tabular

/// How a sampling run is split across threads.
public struct SamplingOptions: Sendable {
    /// Worker threads, kept between 1 and four per active processor (more only
    /// costs memory). Output does not depend on it.
    public var threads: Int {
        get { workerCount }
        set { workerCount = Self.clamped(newValue) }
    }
    /// Called on the calling thread after each wave of blocks with (rows done, rows in all).
    public var progress: (@Sendable (Int, Int) -> Void)?

    private var workerCount: Int

    /// One worker per active processor, no progress reports.
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        workerCount = Self.clamped(threads)
        self.progress = progress
    }

    private static func clamped(_ n: Int) -> Int {
        min(max(1, n), 4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
    }
}

/// The largest number of rows one run may sample (10¹⁵): block arithmetic stays
/// far from overflow, and no real run comes near it.
public let maximumSampleRows = 1_000_000_000_000_000

/// Columns taken from one version of a model (the model itself, or the model
/// under an intervention). Several selections sampled together share the seed,
/// so every unit keeps its noise across them: that is how potential outcomes
/// are sampled next to the observed data.
public struct ColumnSelection: Sendable {
    /// The (possibly intervened) model to evaluate.
    public let model: StructuralCausalModel
    /// The variables to output, by name.
    public let variables: [String]
    /// Their column headers in the output (the variable names unless renamed).
    public let headers: [String]

    /// Selects `variables` of `model` (all of them by default), under `headers` (default: their names).
    public init(_ model: StructuralCausalModel, variables: [String]? = nil, headers: [String]? = nil) throws {
        let chosen = variables ?? model.variableNames
        for name in chosen where model.index(of: name) == nil { throw model.unknownVariable(name) }
        guard headers == nil || headers!.count == chosen.count else {
            throw ModelError("\(chosen.count) variables but \(headers!.count) headers")
        }
        self.model = model
        self.variables = chosen
        self.headers = headers ?? chosen
    }
}

extension StructuralCausalModel {
    /// Samples `rows` units: one numeric column per variable, in declaration order.
    ///
    /// Noise first (term U's variates for block b from the stream at
    /// (seed, hash(U), b)), then the equations in evaluation order. The result is
    /// a pure function of (model, rows, seed): the same whatever the thread count,
    /// and the first n rows of a larger sample equal a sample of n rows.
    /// Complexity: O(rows × size of the equations); memory: the result.
    public func sample(rows: Int, seed: UInt64, options: SamplingOptions = SamplingOptions()) throws -> Table {
        try Self.sample(rows: rows, seed: seed, selections: [ColumnSelection(self)], options: options)
    }

    /// Streams `rows` sampled units as CSV (a header, then one line per unit) to
    /// `file`, in bounded memory. The bytes equal `CSVFormat.text(of: sample(rows:seed:))`.
    public func writeSampleCSV(rows: Int, seed: UInt64, to file: OutputFile,
                               options: SamplingOptions = SamplingOptions()) throws {
        try Self.writeCSV(rows: rows, seed: seed, selections: [ColumnSelection(self)], to: file, options: options)
    }

    /// Samples `rows` units through every selection with the same noise and
    /// returns the selected columns side by side. Throws when the result would not
    /// fit in memory (stream it with `writeCSV` instead).
    public static func sample(rows: Int, seed: UInt64, selections: [ColumnSelection],
                              options: SamplingOptions = SamplingOptions()) throws -> Table {
        try checkRowCount(rows)
        let plan = try SelectionPlan(selections)
        let rowBytes = MemoryBudget.product(max(1, plan.outputCount), 8)
        guard MemoryBudget.fits(rows, bytesEach: rowBytes) else {
            throw ModelError("\(rows) rows of \(plan.outputCount) columns need \(MemoryBudget.shortfall(rows, bytesEach: rowBytes)) "
                             + "(at most \(MemoryBudget.capacity(bytesEach: rowBytes)) rows fit); write them to a file instead")
        }
        let blocks = blockCount(rows)
        let capacity = min(BlockEvaluator.blockSize, rows)
        let workers = try plan.workersThatFit(min(options.threads, max(1, blocks)), capacity: capacity,
                                              besides: rows * rowBytes)
        let evaluators = plan.evaluatorSets(workers: workers, capacity: capacity)
        let columns = try withOutputColumns(count: plan.outputCount, rows: rows) { output in
            try plan.run(blocks: 0..<blocks, totalRows: rows, evaluators: evaluators) { evaluators, block, count in
                let first = block * BlockEvaluator.blockSize
                for (s, evaluator) in evaluators.enumerated() {
                    evaluator.drawNoise(seed: seed, block: block, rows: count)
                    try evaluator.evaluate(rows: count, firstRow: first, columns: plan.workspace(s, evaluator, output, at: first))
                    plan.copySelected(s, from: evaluator, to: output, at: first, rows: count)
                }
            }
        }
        return try Table(names: plan.headers, columns: columns.map(Column.numeric), source: "sample")
    }

    /// Streams `rows` units sampled through every selection (same noise) as CSV
    /// to `file`, in bounded memory: blocks are evaluated and formatted in
    /// parallel waves and written in order. `firstRow` (0-based) starts the
    /// output further into the same stream, so a run split into shards
    /// (rows 0..<n, then n..<2n, …) gives, concatenated, the bytes of the whole
    /// run; `header` says whether to write the header line. `observe`, when
    /// given, sees every block's output columns on the calling thread, in row
    /// order (to accumulate statistics in the same pass). `digits`, when given,
    /// rounds the numbers written to that many significant digits (1 to 17).
    public static func writeCSV(rows: Int, seed: UInt64, selections: [ColumnSelection], to file: OutputFile,
                                firstRow: Int = 0, header: Bool = true, digits: Int? = nil,
                                options: SamplingOptions = SamplingOptions(),
                                observe: (([UnsafeBufferPointer<Double>]) throws -> Void)? = nil) throws {
        try checkRowCount(rows)
        if let digits, !CSVFormat.significantDigits.contains(digits) {
            throw ModelError("digits must be between \(CSVFormat.significantDigits.lowerBound) and "
                + "\(CSVFormat.significantDigits.upperBound) significant digits (got \(digits))")
        }
        guard firstRow >= 0, firstRow <= maximumSampleRows - rows else {
            throw ModelError("the first row must be between 0 and \(maximumSampleRows - rows) (got \(firstRow))")
        }
        let plan = try SelectionPlan(selections)
        if header {
            var line: [UInt8] = []
            CSVFormat.appendHeader(plan.headers, to: &line)
            try file.write(line)
        }
        let size = BlockEvaluator.blockSize
        let end = firstRow + rows
        let firstBlock = firstRow / size
        let blocks = firstBlock..<(rows == 0 ? firstBlock : blockCount(end))
        // A block holds `capacity` rows at most: fewer when the run ends inside its first block.
        let capacity = max(1, min(size, end - firstBlock * size))
        // Per-slot buffers for one wave: the block's output columns and its CSV bytes (at most
        // 25 bytes a number); four slots a worker where the memory allows, one at least.
        let slotBytes = MemoryBudget.product(plan.outputCount, capacity * (8 + 25))
        let workers = try plan.workersThatFit(min(options.threads, max(1, blocks.count)), capacity: capacity,
                                              perWorkerExtra: slotBytes)
        let evaluators = plan.evaluatorSets(workers: workers, capacity: capacity)
        let spare = MemoryBudget.planBytes - workers * (plan.evaluatorBytes(capacity: capacity) + slotBytes)
        let slotCount = min(workers * 4, max(1, blocks.count), workers + max(0, spare) / max(1, slotBytes))
        let slotColumns = (0..<slotCount).map { _ in ColumnStorage(columns: plan.outputCount, rows: capacity) }
        let text = SlotBytes(count: slotColumns.count)
        // The rows of block b inside the window, relative to the block's start.
        @Sendable func window(_ block: Int) -> Range<Int> {
            max(0, firstRow - block * size)..<(min(end, (block + 1) * size) - block * size)
        }
        var start = blocks.lowerBound
        while start < blocks.upperBound {
            let range = start..<min(blocks.upperBound, start + slotColumns.count)
            try plan.run(blocks: range, totalRows: end, evaluators: evaluators) { evaluators, block, count in
                let slot = block - range.lowerBound
                let output = ColumnPointers(columns: slotColumns[slot].columns)
                for (s, evaluator) in evaluators.enumerated() {
                    evaluator.drawNoise(seed: seed, block: block, rows: count)
                    try evaluator.evaluate(rows: count, firstRow: block * size, columns: plan.workspace(s, evaluator, output, at: 0))
                    plan.copySelected(s, from: evaluator, to: output, at: 0, rows: count)
                }
                text.withSlot(slot) { bytes in
                    bytes.removeAll(keepingCapacity: true)
                    CSVFormat.appendRows(slotColumns[slot].buffers(rows: count), rows: window(block), to: &bytes, digits: digits)
                }
            }
            for (slot, block) in range.enumerated() {
                try text.withSlot(slot) { try file.write($0) }
                let rowsOut = window(block)
                try observe?(slotColumns[slot].buffers(rows: rowsOut.upperBound).map { UnsafeBufferPointer(rebasing: $0[rowsOut]) })
            }
            start = range.upperBound
            options.progress?(min(rows, (start - firstBlock) * size), rows)
        }
    }

    static func checkRowCount(_ rows: Int) throws {
        guard rows >= 0 else { throw ModelError("the number of rows must not be negative (got \(rows))") }
        guard rows <= maximumSampleRows else { throw ModelError("at most \(maximumSampleRows) rows can be sampled (got \(rows))") }
    }

    /// The number of blocks holding `rows` rows.
    static func blockCount(_ rows: Int) -> Int {
        rows / BlockEvaluator.blockSize + (rows % BlockEvaluator.blockSize == 0 ? 0 : 1)
    }
}

/// Compiled selections and where their columns go.
///
/// A selection that outputs every variable of its model in order (plain
/// sampling) is evaluated straight into the output columns; otherwise each
/// worker's evaluator computes into its own block workspace and the selected
/// columns are copied out.
struct SelectionPlan: Sendable {
    let compiled: [CompiledModel]
    /// Per selection: model variable index of each selected column.
    let selected: [[Int]]
    /// Per selection: the first output column it fills.
    let offsets: [Int]
    /// Per selection: whether it is evaluated in place (all variables, in order).
    let inPlace: [Bool]
    let headers: [String]

    var outputCount: Int { headers.count }

    init(_ selections: [ColumnSelection]) throws {
        compiled = try selections.map { try CompiledModel($0.model) }
        selected = selections.map { s in s.variables.map { s.model.index(of: $0)! } }
        var offsets: [Int] = []
        var total = 0
        for s in selections {
            offsets.append(total)
            total += s.variables.count
        }
        self.offsets = offsets
        inPlace = selections.map { $0.variables == $0.model.variableNames }
        headers = selections.flatMap(\.headers)
        var seen = Set<String>()
        for h in headers where !seen.insert(h).inserted { throw ModelError("column '\(h)' would appear twice in the output") }
    }

    /// The columns selection `s` evaluates into for the block starting at `row` of `output`.
    func workspace(_ s: Int, _ evaluator: BlockEvaluator, _ output: ColumnPointers, at row: Int) -> [UnsafeMutablePointer<Double>] {
        if inPlace[s] { return (0..<selected[s].count).map { output.columns[offsets[s] + $0] + row } }
        return evaluator.workspace
    }

    /// Copies the selected columns of an evaluator's workspace into the output.
    func copySelected(_ s: Int, from evaluator: BlockEvaluator, to output: ColumnPointers, at row: Int, rows: Int) {
        guard !inPlace[s] else { return }
        for (k, v) in selected[s].enumerated() {
            (output.columns[offsets[s] + k] + row).update(from: evaluator.workspace[v], count: rows)
        }
    }

    /// One set of evaluators (one per selection) for each of `workers` workers.
    func evaluatorSets(workers: Int, capacity: Int) -> EvaluatorSets {
        EvaluatorSets((0..<max(1, workers)).map { _ in compiled.map { BlockEvaluator($0, capacity: capacity) } })
    }

    /// The bytes one worker's evaluators hold for blocks of `capacity` rows.
    func evaluatorBytes(capacity: Int) -> Int {
        zip(compiled, inPlace).reduce(0) { total, pair in
            MemoryBudget.sum(total, BlockEvaluator.bytes(of: pair.0, capacity: capacity, workspace: !pair.1))
        }
    }

    /// How many of `wanted` workers fit in the memory budget, each with its evaluators for
    /// blocks of `capacity` rows and `perWorkerExtra` bytes more, beside `besides` bytes
    /// already planned (the output). Fewer workers give the same rows, only later; when not
    /// even one fits, the error says what a block of this model needs.
    func workersThatFit(_ wanted: Int, capacity: Int, perWorkerExtra: Int = 0, besides: Int = 0) throws -> Int {
        let perWorker = MemoryBudget.sum(evaluatorBytes(capacity: capacity), perWorkerExtra)
        let room = MemoryBudget.planBytes - besides
        let fitting = perWorker > 0 ? room / perWorker : wanted
        guard fitting >= 1 else {
            let variables = compiled.map(\.model.variables.count).reduce(0, +), noise = compiled.map(\.noise.count).reduce(0, +)
            throw ModelError("a block of \(capacity) rows of a model of \(variables) variables and \(noise) noise terms needs "
                             + MemoryBudget.shortfall(1, bytesEach: perWorker + max(0, besides)))
        }
        return min(wanted, fitting)
    }

    /// Evaluates `blocks`, block b on worker b mod (number of evaluator sets), each
    /// worker with its own evaluators. When several blocks fail, the error of the
    /// earliest block is thrown, so the message does not depend on scheduling.
    func run(blocks: Range<Int>, totalRows: Int, evaluators: EvaluatorSets,
             _ body: @Sendable ([BlockEvaluator], Int, Int) throws -> Void) throws {
        try inParallel(blocks.count, threads: evaluators.sets.count) { worker, item in
            let block = blocks.lowerBound + item
            let count = min(BlockEvaluator.blockSize, totalRows - block * BlockEvaluator.blockSize)
            try body(evaluators.sets[worker], block, count)
        }
    }
}

/// One set of evaluators per worker; each worker uses only its own set.
struct EvaluatorSets: @unchecked Sendable {
    let sets: [[BlockEvaluator]]
    init(_ sets: [[BlockEvaluator]]) { self.sets = sets }
}

/// Runs `body(worker, item)` for items 0..<count on `threads` threads, item i on
/// worker i mod threads; rethrows the error of the smallest failing item, so the
/// error does not depend on scheduling. The one parallel loop of sampling and
/// counterfactual evaluation.
func inParallel(_ count: Int, threads: Int, _ body: @Sendable (Int, Int) throws -> Void) throws {
    let threads = min(threads, max(1, count))
    let failures = FailureBox()
    @Sendable func work(_ worker: Int) {
        var item = worker
        while item < count {
            do {
                try body(worker, item)
            } catch {
                failures.record(block: item, error: error)
                return
            }
            item += threads
        }
    }
    if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads) { work($0) } }
    if let error = failures.earliest { throw error }
}

/// Runs `body` with writable pointers to `count` new columns of `rows` values
/// each, and returns the columns as arrays. Up to `inPlaceColumnLimit` columns
/// are written where the arrays keep them (no copy); wider outputs go through
/// owned buffers and are copied, which keeps the nesting (one level per
/// column) off deep stacks. With no rows there is nothing to write and `body`
/// is not run.
func withOutputColumns(count: Int, rows: Int, _ body: (ColumnPointers) throws -> Void) rethrows -> [[Double]] {
    if rows == 0 { return Array(repeating: [], count: count) }
    if count > inPlaceColumnLimit {
        let storage = ColumnStorage(columns: count, rows: rows)
        try body(ColumnPointers(columns: storage.columns))
        return storage.buffers(rows: rows).map(Array.init)
    }
    var pointers: [UnsafeMutablePointer<Double>] = []
    func fill(_ remaining: Int) throws -> [[Double]] {
        if remaining == 0 {
            try body(ColumnPointers(columns: pointers))
            return []
        }
        var inner: [[Double]] = []
        let column = try [Double](unsafeUninitializedCapacity: rows) { buffer, initialized in
            adviseHugePages(buffer)
            pointers.append(buffer.baseAddress!)
            inner = try fill(remaining - 1)
            initialized = rows
        }
        return [column] + inner
    }
    return try fill(count)
}

/// The widest output written in place by `withOutputColumns`.
let inPlaceColumnLimit = 128

/// Asks the kernel to back a large fresh buffer with transparent huge pages
/// (where the system allows it on request), so that filling it takes one page
/// fault per 2 MiB instead of one per 4 KiB. Purely a speed hint.
private func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<Double>) {
    let hugePage = 2 << 20
    guard let base = buffer.baseAddress, buffer.count * 8 >= 2 * hugePage else { return }
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count * 8) & ~(hugePage - 1)
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
}

/// Column pointers handed to sampling workers; each worker writes only its own blocks' rows.
struct ColumnPointers: @unchecked Sendable {
    let columns: [UnsafeMutablePointer<Double>]
}

/// The first error by block index among parallel workers.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: (block: Int, error: any Error)?

    func record(block: Int, error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil || block < failure!.block { failure = (block, error) }
    }

    var earliest: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return failure?.error
    }
}

/// Byte buffers, one per slot of a wave; each slot is touched by one worker at a time.
private final class SlotBytes: @unchecked Sendable {
    private var slots: [[UInt8]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func withSlot<R>(_ i: Int, _ body: (inout [UInt8]) throws -> R) rethrows -> R {
        try slots.withUnsafeMutableBufferPointer { try body(&$0[i]) }
    }
}
