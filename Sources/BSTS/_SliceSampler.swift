import Foundation
import Probability

/// One update of a univariate slice sampler on a bounded support (Neal 2003, "Slice sampling",
/// Ann. Statist. 31): the level log U + log p(x₀) with U ~ Uniform(0, 1), then uniform proposals
/// on an interval that starts as the whole support and shrinks towards x₀ at each rejection
/// (§4.2.2: with the whole support as initial interval no stepping out is needed). It leaves
/// p invariant; `logDensity` may be unnormalised. The Student-t trend's ν draws use it.
enum SliceSampler {
    /// The next state from `current` (inside `support`) for the log density `logDensity`.
    static func draw(from current: Double, on support: ClosedRange<Double>, using stream: RandomStream,
                     logDensity: (Double) -> Double) -> Double {
        let level = logDensity(current) + log(stream.uniformOpen())
        var lower = support.lowerBound, upper = support.upperBound
        // Each rejection shrinks the interval; the current value is always inside the slice, so
        // it ends. The cap only guards against a density that is NaN everywhere.
        for _ in 0..<200 {
            let proposal = lower + (upper - lower) * stream.uniformOpen()
            if logDensity(proposal) > level { return proposal }
            if proposal < current { lower = proposal } else { upper = proposal }
        }
        return current
    }
}
