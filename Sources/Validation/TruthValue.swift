import Foundation

/// The true value of a causal quantity, computed from a model's potential outcomes
/// on a large Monte Carlo sample of units, with its Monte Carlo standard error.
///
/// The standard error is zero when the value is exact: every sampled unit that
/// enters the quantity has the same unit-level effect, so any average of them is it.
public struct TruthValue: Sendable, Equatable {
    /// The value.
    public var value: Double
    /// Its Monte Carlo standard error (0 when exact).
    public var standardError: Double

    /// A value and its standard error.
    public init(value: Double, standardError: Double) {
        self.value = value
        self.standardError = standardError
    }

    /// Whether the value is exact (no Monte Carlo error).
    public var isExact: Bool { standardError == 0 }

    /// Unit-level values that differ by no more than this, relative to 1 + their
    /// largest magnitude, count as equal (the rounding of Y(1) − Y(0) computed as a
    /// difference of two sums of about ten terms stays far below it).
    static let equalityTolerance = 1e-9

    /// The weighted mean θ = Σwᵢδᵢ / Σwᵢ of unit-level effects δ, with the
    /// delta-method standard error √(Σ wᵢ²(δᵢ − θ)²) / |Σwᵢ| of a ratio of sample means
    /// (Cochran 1977, §6.3). Unit weights give the mean with SE ≈ s/√n; 0/1 weights the
    /// mean over a subgroup; weights T(z=1) − T(z=0) the Wald (complier) average.
    /// Nil when the weights sum to zero (or nothing is finite). Exact (SE 0) when every
    /// δᵢ with wᵢ ≠ 0 is the same; an exact value is rounded to 12 significant digits,
    /// which removes the rounding noise of Y(1) − Y(0) (about 1e-15 relative) and keeps
    /// every meaningful digit. Complexity O(n), two passes.
    static func weightedMean(_ delta: [Double], weights: [Double]? = nil) -> TruthValue? {
        var sumW = 0.0, sumWD = 0.0
        var low = Double.infinity, high = -Double.infinity
        for i in delta.indices {
            let w = weights?[i] ?? 1
            guard w != 0 else { continue }
            sumW += w
            sumWD += w * delta[i]
            low = min(low, delta[i])
            high = max(high, delta[i])
        }
        guard sumW != 0, sumWD.isFinite else { return nil }
        let theta = sumWD / sumW
        if high - low <= equalityTolerance * (1 + max(abs(low), abs(high))) {
            return TruthValue(value: Double(String(format: "%.12g", theta)) ?? theta, standardError: 0)
        }
        var sumSquares = 0.0
        for i in delta.indices {
            let r = (weights?[i] ?? 1) * (delta[i] - theta)
            sumSquares += r * r
        }
        return TruthValue(value: theta, standardError: sumSquares.squareRoot() / abs(sumW))
    }
}
