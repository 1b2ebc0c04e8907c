import Dispatch
import Foundation

/// Runs `body` for replications 0 ..< `count` on up to `threads` workers (worker w takes
/// replications w, w + workers, …) and returns the results in replication order, so
/// they do not depend on the scheduling as long as `body(r)` depends on r alone.
/// `progress` sees (replications done, count) one call at a time. When replications
/// fail, the earliest one's error, as `failure(error, r)` words it (by default as is), is
/// thrown. The benchmark, the off-policy evaluation runs, the power simulation's chunks and
/// the hidden-confounder check, the placebo backtest and `impact --by` all run through it.
///
///     let squares = try runReplications(count: 10, threads: 2) { r in r * r }
public func runReplications<Result: Sendable>(count: Int, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                              failure: @escaping @Sendable (any Error, Int) -> any Error = { error, _ in error },
                                       _ body: @escaping @Sendable (Int) throws -> Result) throws -> [Result] {
    let results = ReplicationResults<Result>(count: count, progress: progress)
    let workers = max(1, min(threads, count))
    @Sendable func work(_ worker: Int) {
        var r = worker
        while r < count {
            do {
                results.store(try body(r), at: r)
            } catch {
                results.fail(failure(error, r), at: r)
                return
            }
            r += workers
        }
    }
    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers) { work($0) } }
    return try results.collected()
}

/// Per-replication results gathered from parallel workers.
private final class ReplicationResults<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result?]
    private var failure: (replication: Int, error: any Error)?
    private var done = 0
    private let progress: (@Sendable (Int, Int) -> Void)?

    init(count: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        results = Array(repeating: nil, count: count)
        self.progress = progress
    }

    func store(_ result: Result, at r: Int) {
        lock.lock()
        defer { lock.unlock() }
        results[r] = result
        done += 1
        progress?(done, results.count)
    }

    /// Records a failed replication; the earliest one is reported, whatever the scheduling.
    func fail(_ error: any Error, at r: Int) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil || r < failure!.replication { failure = (r, error) }
    }

    /// The results in replication order, or the earliest failure.
    func collected() throws -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure.error }
        // Without a failure every worker stored each of its replications before returning.
        return results.map { $0! }
    }
}
