import Dispatch
import Foundation

/// `body(i)` for i in 0..<count on up to `threads` workers (worker w takes i = w, w + workers, …),
/// returned in order of i; `progress` sees (done, count) as items finish. A worker stops at its
/// first error; the error of the lowest failing i is thrown, whatever the scheduling. Results
/// depend only on `body`, never on the threads: the replications of a benchmark, of a power
/// simulation and of the hidden-confounder check run through it.
///
///     let squares = try parallelMap(count: 10, threads: 2) { i in i * i }
public func parallelMap<T: Sendable>(count: Int, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                              _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results = ParallelResults<T>(count: count, progress: progress)
    let workers = max(1, min(threads, count))
    @Sendable func work(_ worker: Int) {
        var i = worker
        while i < count {
            do {
                results.store(try body(i), at: i)
            } catch {
                results.fail(error, at: i)
                return
            }
            i += workers
        }
    }
    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers) { work($0) } }
    return try results.collected()
}

/// Results gathered from parallel workers, under a lock.
private final class ParallelResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T?]
    private var failure: (index: Int, error: any Error)?
    private var done = 0
    private let progress: (@Sendable (Int, Int) -> Void)?

    init(count: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        values = Array(repeating: nil, count: count)
        self.progress = progress
    }

    func store(_ value: T, at i: Int) {
        lock.lock()
        defer { lock.unlock() }
        values[i] = value
        done += 1
        progress?(done, values.count)
    }

    func fail(_ error: any Error, at i: Int) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil || i < failure!.index { failure = (i, error) }
    }

    func collected() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure.error }
        return values.map { $0! }
    }
}
