import Probability

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
        let threshold = SampleQuantile.typeSeven(sorted: tail, level)
        let first = trace.firstIndex { $0 >= threshold } ?? n
        return min(max(first, 1), n - 1)
    }

    /// bsts' `SuggestBurn(proportion, model)` for a model without a stored log-likelihood
    /// (`family = "student"`): floor(proportion · N).
    static func withoutLikelihood(iterations n: Int, proportion: Double = Defaults.burnInFraction) -> Int {
        Int((proportion * Double(n)).rounded(.down))
    }
}
