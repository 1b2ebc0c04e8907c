/// Summaries of a sample of posterior draws.
enum SampleStatistics {
    /// The p-quantile of sorted values with R's default (type 7) rule:
    /// h = (n − 1)p, q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]) (0-based x; Hyndman & Fan 1996).
    static func quantile(sorted x: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        let h = Double(x.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, x.count - 1)
        return x[lower] + (h - Double(lower)) * (x[upper] - x[lower])
    }

    /// The mean and sample sd (n − 1 denominator; 0 for one value).
    static func meanAndSD(_ x: UnsafeBufferPointer<Double>) -> (mean: Double, sd: Double) {
        var sum = 0.0
        for v in x { sum += v }
        let mean = sum / Double(x.count)
        var squares = 0.0
        for v in x { squares += (v - mean) * (v - mean) }
        return (mean, x.count > 1 ? (squares / Double(x.count - 1)).squareRoot() : 0)
    }

    /// Mean, sd and the equal-tailed interval [q(alpha/2), q(1 − alpha/2)] of `values`,
    /// which are sorted in place.
    static func summary(_ values: inout [Double], alpha: Double) -> PosteriorEstimate {
        values.sort()
        return values.withUnsafeBufferPointer { x in
            let (mean, sd) = meanAndSD(x)
            return PosteriorEstimate(mean: mean, sd: sd, lower: quantile(sorted: x, alpha / 2),
                                     upper: quantile(sorted: x, 1 - alpha / 2))
        }
    }
}
