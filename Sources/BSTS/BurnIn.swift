/// bsts' `SuggestBurn(proportion, model)` for a log-likelihood trace (NOTES §3, §9.3):
/// the threshold is the 90% quantile (R's type 7) of the last `round(proportion · N)`
/// draws; the burn-in is the index of the first draw at or above it (1-based) minus 1,
/// at least 1, and at most N − 1.
enum BurnIn {
    static func suggest(logLikelihood trace: [Double], proportion: Double = Defaults.burnInFraction,
                        quantile level: Double = Defaults.burnInQuantile) -> Int {
        let n = trace.count
        guard n > 1 else { return 0 }
        let tailLength = max(1, Int((proportion * Double(n)).rounded(.toNearestOrEven)))
        let tail = trace.suffix(tailLength).sorted()
        let threshold = typeSevenQuantile(sorted: tail, level)
        let first = trace.firstIndex { $0 >= threshold } ?? n
        return min(max(first, 1), n - 1)
    }

    /// x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]) with h = (N − 1)p, 0-based (Hyndman & Fan 1996, type 7).
    static func typeSevenQuantile(sorted x: [Double], _ p: Double) -> Double {
        let h = Double(x.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, x.count - 1)
        return x[lower] + (h - Double(lower)) * (x[upper] - x[lower])
    }
}
