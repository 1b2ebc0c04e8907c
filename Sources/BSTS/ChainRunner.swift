import Dispatch
import GSL
import Probability
import Synchronization

/// Runs the chains concurrently, one per core (`DispatchQueue.concurrentPerform`).
/// Chain c draws from `RandomStream(seed: seed).substream(c)` and touches no shared
/// mutable state, so its draws do not depend on thread scheduling.
enum ChainRunner {
    static func run(_ specification: ModelSpecification, sampler: SamplerOptions,
                    progress: (@Sendable (Int, Int) -> Void)?) throws -> [ChainDraws] {
        let chains = sampler.chains, iterations = sampler.iterations
        let root = StreamKey(seed: sampler.seed)
        let results = Mutex<[Result<ChainDraws, any Error>?]>(Array(repeating: nil, count: chains))
        let done = Atomic<Int>(0)
        let total = chains * iterations
        DispatchQueue.concurrentPerform(iterations: chains) { c in
            let outcome = Result<ChainDraws, any Error> {
                let chain = try GibbsChain(specification, stream: RandomStream(key: root.appending(UInt64(c))))
                return try chain.run(iterations: iterations, reportEvery: sampler.progressInterval) { count in
                    let now = done.add(count, ordering: .relaxed).newValue
                    progress?(now, total)
                }
            }
            results.withLock { $0[c] = outcome }
        }
        return try results.withLock { slots in
            try slots.map { try ($0 ?? .failure(BSTSError.samplerFailure("a chain did not run"))).get() }
        }
    }
}
