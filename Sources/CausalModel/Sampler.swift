import Dispatch
import Foundation
import Tabular

/// How a sampling run is split across threads.
public struct SamplingOptions: Sendable {
    /// Worker threads (at least 1). Output does not depend on it.
    public var threads: Int
    /// Called on the calling thread after each wave of blocks with (rows done, rows in all).
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// One worker per active processor, no progress reports.
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.threads = max(1, threads)
        self.progress = progress
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
        guard rows >= 0 else { throw ModelError("the number of rows must not be negative (got \(rows))") }
        let compiled = try CompiledModel(self)
        let blocks = (rows + BlockEvaluator.blockSize - 1) / BlockEvaluator.blockSize
        let columns = try withOutputColumns(count: variables.count, rows: rows) { storage in
            try runBlocks(compiled, blocks: 0..<blocks, totalRows: rows, options: options) { evaluator, block, count in
                let first = block * BlockEvaluator.blockSize
                evaluator.drawNoise(seed: seed, block: block, rows: count)
                try evaluator.evaluate(rows: count, firstRow: first, columns: storage.pointers(at: first))
            }
        }.map(Column.numeric)
        return try Table(names: variableNames, columns: columns, source: "sample")
    }

    /// Streams `rows` sampled units as CSV (a header, then one line per unit) to
    /// `file`, in bounded memory: blocks are evaluated and formatted in parallel
    /// waves and written in order. The bytes equal `CSVFormat.text(of: sample(rows:seed:))`.
    public func writeSampleCSV(rows: Int, seed: UInt64, to file: OutputFile,
                               options: SamplingOptions = SamplingOptions()) throws {
        guard rows >= 0 else { throw ModelError("the number of rows must not be negative (got \(rows))") }
        let compiled = try CompiledModel(self)
        var header: [UInt8] = []
        CSVFormat.appendHeader(variableNames, to: &header)
        try file.write(header)
        let size = BlockEvaluator.blockSize
        let blocks = (rows + size - 1) / size
        let wave = options.threads * 8
        // Per-slot buffers for one wave: the block's columns and its CSV bytes.
        let slotColumns = (0..<wave).map { _ in ColumnStorage(columns: variables.count, rows: size) }
        let text = SlotBytes(count: wave)
        var start = 0
        while start < blocks {
            let range = start..<min(blocks, start + wave)
            try runBlocks(compiled, blocks: range, totalRows: rows, options: SamplingOptions(threads: options.threads)) {
                evaluator, block, count in
                let slot = block - range.lowerBound
                evaluator.drawNoise(seed: seed, block: block, rows: count)
                try evaluator.evaluate(rows: count, firstRow: block * size, columns: slotColumns[slot].columns)
                text.withSlot(slot) { bytes in
                    bytes.removeAll(keepingCapacity: true)
                    CSVFormat.appendRows(slotColumns[slot].buffers(rows: count), rows: 0..<count, to: &bytes)
                }
            }
            for slot in 0..<range.count { try text.withSlot(slot) { try file.write($0) } }
            start = range.upperBound
            options.progress?(min(rows, start * size), rows)
        }
    }

    /// Evaluates `blocks` on `options.threads` workers, block b on worker b mod threads.
    /// When several blocks fail, the error of the earliest block is thrown, so the
    /// message does not depend on scheduling.
    func runBlocks(_ compiled: CompiledModel, blocks: Range<Int>, totalRows: Int, options: SamplingOptions,
                   _ body: @Sendable (BlockEvaluator, Int, Int) throws -> Void) throws {
        let threads = min(options.threads, max(1, blocks.count))
        let failures = FailureBox()
        @Sendable func work(_ worker: Int) {
            let evaluator = BlockEvaluator(compiled)
            var block = blocks.lowerBound + worker
            while block < blocks.upperBound {
                let count = min(BlockEvaluator.blockSize, totalRows - block * BlockEvaluator.blockSize)
                do {
                    try body(evaluator, block, count)
                } catch {
                    failures.record(block: block, error: error)
                    return
                }
                block += threads
            }
        }
        if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads) { work($0) } }
        if let error = failures.earliest { throw error }
    }
}

/// Runs `body` with writable pointers to `count` new columns of `rows` values
/// each, and returns the columns as arrays (written in place: no copy). With no
/// rows there is nothing to write and `body` is not run.
func withOutputColumns(count: Int, rows: Int, _ body: (ColumnPointers) throws -> Void) rethrows -> [[Double]] {
    if rows == 0 { return Array(repeating: [], count: count) }
    var pointers: [UnsafeMutablePointer<Double>] = []
    func fill(_ remaining: Int) throws -> [[Double]] {
        if remaining == 0 {
            try body(ColumnPointers(columns: pointers))
            return []
        }
        var inner: [[Double]] = []
        let column = try [Double](unsafeUninitializedCapacity: rows) { buffer, initialized in
            pointers.append(buffer.baseAddress!)
            inner = try fill(remaining - 1)
            initialized = rows
        }
        return [column] + inner
    }
    return try fill(count)
}

/// Column pointers handed to sampling workers; each worker writes only its own blocks' rows.
struct ColumnPointers: @unchecked Sendable {
    let columns: [UnsafeMutablePointer<Double>]

    /// Pointers to row `row` of every column.
    func pointers(at row: Int) -> [UnsafeMutablePointer<Double>] { columns.map { $0 + row } }
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
