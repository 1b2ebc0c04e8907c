import Probability

/// Summaries of a sample of posterior draws.
enum SampleStatistics {
    /// The type-7 quantiles at `low` ≤ `high` of the values in `x`, found by selection
    /// (expected O(n), no sort); `x` is reordered.
    static func quantiles(_ x: UnsafeMutableBufferPointer<Double>, _ low: Double, _ high: Double) -> (Double, Double) {
        let n = x.count
        func orderStatistics(_ p: Double, from start: Int) -> (Double, Double, Int) {
            let h = Double(n - 1) * p
            let j = min(n - 1, Int(h.rounded(.down)))
            if j >= start { select(x, j, from: start) }
            var next = x[j]
            if j + 1 < n {
                next = x[j + 1]
                for i in (j + 2)..<n where x[i] < next { next = x[i] }
            }
            return (x[j] + (h - Double(j)) * (next - x[j]), next, j)
        }
        let (q1, _, j1) = orderStatistics(low, from: 0)
        let (q2, _, _) = orderStatistics(high, from: j1 + 1)
        return (q1, q2)
    }

    /// Rearranges x[start...] so that x[k] is the value that sorting would put there, with
    /// no larger value before it and no smaller one after it (Hoare's FIND, median-of-three pivots).
    static func select(_ x: UnsafeMutableBufferPointer<Double>, _ k: Int, from start: Int) {
        var lo = start, hi = x.count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if x[mid] < x[lo] { x.swapAt(mid, lo) }
            if x[hi] < x[lo] { x.swapAt(hi, lo) }
            if x[hi] < x[mid] { x.swapAt(hi, mid) }
            let pivot = x[mid]
            var i = lo, j = hi
            while i <= j {
                while x[i] < pivot { i += 1 }
                while pivot < x[j] { j -= 1 }
                if i <= j {
                    x.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    /// The mean and sample sd (n − 1 denominator; 0 for one value), computed on
    /// scaled values so that draws of any magnitude neither overflow nor underflow.
    static func meanAndSD(_ x: UnsafeBufferPointer<Double>) -> (mean: Double, sd: Double) {
        let moments = RunningMoments.meanAndStandardDeviation(of: x)
        return (moments.mean, moments.standardDeviation)
    }

    /// Mean, sd and the equal-tailed interval [q(alpha/2), q(1 − alpha/2)] of `values`,
    /// which are sorted in place.
    static func summary(_ values: inout [Double], alpha: Double) -> PosteriorEstimate {
        values.sort()
        return values.withUnsafeBufferPointer { x in
            let (mean, sd) = meanAndSD(x)
            return PosteriorEstimate(mean: mean, sd: sd, lower: SampleQuantile.typeSeven(sorted: x, alpha / 2),
                                     upper: SampleQuantile.typeSeven(sorted: x, 1 - alpha / 2))
        }
    }
}
