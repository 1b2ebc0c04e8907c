import Foundation

/// The true value of a causal quantity, computed from a model's potential outcomes
/// on a Monte Carlo sample of units, with its Monte Carlo standard error.
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

    /// The weighted mean of unit-level effects δ with weights w (all 1 when nil), as
    /// `EffectMean` computes it; nil when the weights sum to zero or nothing is finite.
    public static func weightedMean(_ delta: [Double], weights: [Double]? = nil) -> TruthValue? {
        var mean = EffectMean()
        for i in delta.indices { mean.add(delta[i], weight: weights?[i] ?? 1) }
        return mean.truth
    }
}

/// The weighted mean θ = Σwᵢδᵢ / Σwᵢ of unit-level effects δ, accumulated one unit at
/// a time (so a sample streamed in blocks needs no memory per unit), with the
/// delta-method standard error √(Σ wᵢ²(δᵢ − θ)²) / |Σwᵢ| of a ratio of sample means
/// (Cochran 1977, §6.3). Unit weights give the mean with SE ≈ s/√n; 0/1 weights the mean
/// over a subgroup (ATT, ATU); weights T(z=1) − T(z=0) the Wald (complier) average.
///
/// The sum of squares is accumulated by West's weighted update (West 1979, "Updating
/// mean and variance estimates: an improved method") with weights wᵢ²: with V = Σwᵢ²,
/// m the wᵢ²-weighted mean and M₂ = Σwᵢ²(δᵢ − m)², Σwᵢ²(δᵢ − θ)² = M₂ + V(m − θ)².
/// The value is exact (SE 0) when every δᵢ with wᵢ ≠ 0 is the same, to 1e-9 relative;
/// it is then rounded to 12 significant digits, which removes the rounding noise of
/// Y(1) − Y(0) (about 1e-15 relative) and keeps every meaningful digit.
public struct EffectMean: Sendable, Equatable {
    private var sumW = 0.0, sumWD = 0.0
    private var low = Double.infinity, high = -Double.infinity
    private var sumV = 0.0, meanV = 0.0, m2 = 0.0
    /// Units with a non-zero weight.
    public private(set) var count = 0

    /// Unit-level values that differ by no more than this, relative to 1 + their
    /// largest magnitude, count as equal (the rounding of Y(1) − Y(0) computed as a
    /// difference of two sums of about ten terms stays far below it).
    public static let equalityTolerance = 1e-9

    /// No units yet.
    public init() {}

    /// Adds a unit's effect `delta` with `weight` (a zero weight leaves it out).
    public mutating func add(_ delta: Double, weight: Double = 1) {
        guard weight != 0 else { return }
        count += 1
        sumW += weight
        sumWD += weight * delta
        low = min(low, delta)
        high = max(high, delta)
        let v = weight * weight
        sumV += v
        let step = delta - meanV
        meanV += v / sumV * step
        m2 += v * step * (delta - meanV)
    }

    /// The mean and its standard error; nil when the weights sum to zero (or nothing is finite).
    public var truth: TruthValue? {
        guard sumW != 0, sumWD.isFinite else { return nil }
        let theta = sumWD / sumW
        if high - low <= Self.equalityTolerance * (1 + max(abs(low), abs(high))) {
            return TruthValue(value: Double(String(format: "%.12g", theta)) ?? theta, standardError: 0)
        }
        let sumSquares = max(0, m2 + sumV * (meanV - theta) * (meanV - theta))
        return TruthValue(value: theta, standardError: sumSquares.squareRoot() / abs(sumW))
    }
}
