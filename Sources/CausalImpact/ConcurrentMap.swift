import Dispatch
import Foundation

/// `body(0) … body(count − 1)` on up to `threads` workers (worker w takes w, w + workers, …),
/// returned in index order, so the results do not depend on the scheduling when `body(i)`
/// depends on i alone. When calls fail, the lowest index's error is thrown.
/// `progress(done, count)` is called one call at a time.
func concurrentMap<Result: Sendable>(count: Int, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                     _ body: @escaping @Sendable (Int) throws -> Result) throws -> [Result] {
    let slots = ResultSlots<Result>(count: count, progress: progress)
    let workers = max(1, min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for i in stride(from: worker, to: count, by: workers) {
            do { slots.store(.success(try body(i)), at: i) } catch { slots.store(.failure(error), at: i) }
        }
    }
    return try slots.values()
}

/// One result slot per index, written by worker threads under a lock.
private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Swift.Result<Result, any Error>?]
    private var done = 0
    private let progress: (@Sendable (Int, Int) -> Void)?

    init(count: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        slots = Array(repeating: nil, count: count)
        self.progress = progress
    }

    func store(_ result: Swift.Result<Result, any Error>, at i: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = result
        done += 1
        progress?(done, slots.count)
    }

    /// The results in index order, or the lowest index's error.
    func values() throws -> [Result] {
        try slots.map { slot in
            guard let slot else { throw ImpactError.malformedDraws("a placebo window was not run") }
            return try slot.get()
        }
    }
}
