import Foundation

/// Σw and Σw² of weights that arrive as logarithms, kept relative to the largest
/// log weight so far (shift): wᵢ = exp(log wᵢ − shift), and both sums are rescaled
/// when the shift grows, so no weight underflows to zero. The bookkeeping shared by
/// every weighted running estimate (`WeightedMean`, `UnitMeans`).
struct LogWeightTotals {
    /// The largest log weight so far.
    private var shift = -Double.infinity
    /// Σ w.
    private(set) var total = 0.0
    /// Σ w².
    private(set) var squares = 0.0

    /// Adds the weight exp(`l`) (rows with −∞ carry nothing: nil). Returns the weight
    /// relative to the shift and the factor by which earlier weights were rescaled
    /// (1 unless the shift grew); sums of w² kept elsewhere rescale by its square.
    @inline(__always) mutating func add(logWeight l: Double) -> (weight: Double, rescale: Double)? {
        guard l > -.infinity else { return nil }
        var rescale = 1.0
        if l > shift {
            rescale = exp(shift - l)
            total *= rescale
            squares *= rescale * rescale
            shift = l
        }
        let weight = exp(l - shift)
        total += weight
        squares += weight * weight
        return (weight, rescale)
    }

    /// Kish's effective sample size (Σw)² / Σw² (0 when no row carried weight).
    var effectiveSampleSize: Double { total > 0 ? total * total / squares : 0 }
}
