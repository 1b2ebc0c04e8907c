/// Sample quantiles by R's default rule (Hyndman & Fan 1996, type 7).
public enum SampleQuantile {
    /// The p-quantile of ascending `sorted` values (at least one): with h = (n − 1)p,
    /// q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]), 0-based.
    public static func typeSeven(sorted x: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        let h = Double(x.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, x.count - 1)
        return x[lower] + (h - Double(lower)) * (x[upper] - x[lower])
    }

    /// The p-quantile of ascending `sorted` values (at least one).
    public static func typeSeven(sorted x: [Double], _ p: Double) -> Double {
        x.withUnsafeBufferPointer { typeSeven(sorted: $0, p) }
    }
}
