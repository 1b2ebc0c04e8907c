import Foundation
import Probability

/// One update of a univariate slice sampler on a bounded support (Neal 2003, "Slice sampling",
/// Ann. Statist. 31): the level log U + log p(x₀) with U ~ Uniform(0, 1), an initial interval
/// around x₀, then uniform proposals on it that shrink it towards x₀ at each rejection. The
/// initial interval is either the whole support (§4.2.2: then no stepping out is needed) or
/// one of width w placed uniformly around x₀ and stepped out by w until both ends leave the
/// slice (§4.1, no limit on the steps), then cut to the support. Both leave p invariant;
/// `logDensity` may be unnormalised and is called only inside the support. The Student-t
/// errors' ν (on log ν, stepping out) and the Student-t trend's ν (the whole support) use it.
enum SliceSampler {
    /// The next state from `current` (inside `support`) for the log density `logDensity`,
    /// stepping out from an interval of width `stepWidth`, or from the whole support when nil.
    static func draw(from current: Double, on support: ClosedRange<Double>, stepWidth: Double? = nil,
                     using stream: RandomStream, logDensity: (Double) -> Double) -> Double {
        func density(_ x: Double) -> Double { support.contains(x) ? logDensity(x) : -.infinity }
        let level = density(current) + log(stream.uniformOpen())
        var lower = support.lowerBound, upper = support.upperBound
        if let width = stepWidth {
            lower = current - width * stream.uniformOpen()
            upper = lower + width
            while density(lower) > level { lower -= width }
            while density(upper) > level { upper += width }
            lower = max(lower, support.lowerBound)
            upper = min(upper, support.upperBound)
        }
        // Each rejection shrinks the interval; the current value is always inside the slice, so
        // it ends. The cap only guards against a density that is NaN everywhere.
        for _ in 0..<200 {
            let proposal = lower + (upper - lower) * stream.uniformOpen()
            if density(proposal) > level { return proposal }
            if proposal < current { lower = proposal } else { upper = proposal }
        }
        return current
    }
}
