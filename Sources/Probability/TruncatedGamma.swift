import Foundation
import GSL

/// Gamma(shape k, rate β) restricted to [c, ∞): density
/// β^k x^(k−1) e^(−βx) / (Γ(k) Q_k(βc)) for x ≥ c, where Q_k is the regularised
/// upper incomplete gamma function.
///
/// This is how Boom (bsts) draws a precision 1/σ² whose σ has an upper limit:
/// σ ≤ u means 1/σ² ≥ 1/u², so the conjugate gamma draw is restricted to
/// [1/u², ∞) — a draw from the restricted density, not a clamped value.
///
///     let precision = TruncatedGamma.draw(shape: 26, rate: 3.1, lowerBound: 0.69, using: stream)
public struct TruncatedGamma: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "TruncatedGamma"
    /// Shape k.
    public let shape: Double
    /// Rate β (the reciprocal of the scale).
    public let rate: Double
    /// The lower end c ≥ 0 of the support.
    public let lowerBound: Double
    /// Q_k(βc) = P(X ≥ c) under the untruncated gamma.
    public let retainedMass: Double

    /// Gamma(k, β) restricted to [c, ∞), with k > 0, β > 0 and c ≥ 0 finite.
    public init(shape: Double, rate: Double, lowerBound: Double) throws {
        try Check.positive(shape, "shape", of: Self.name)
        try Check.positive(rate, "rate", of: Self.name)
        guard lowerBound >= 0, lowerBound.isFinite else {
            throw InvalidParameter(distribution: Self.name, parameter: "lowerBound", value: lowerBound,
                                   requirement: "must be non-negative and finite")
        }
        self.shape = shape
        self.rate = rate
        self.lowerBound = lowerBound
        retainedMass = lowerBound > 0 ? SpecialFunctions.gammaUpperTail(lowerBound, shape: shape, scale: 1 / rate) : 1
    }

    /// One draw from Gamma(k, β) restricted to [c, ∞), exact in every branch:
    ///
    /// * c = 0: the plain gamma draw (Marsaglia & Tsang 2000).
    /// * k ≥ 1 and βc ≤ k − 1/3: c lies below the median (Chen & Rubin 1986:
    ///   k − 1/3 < β·median < k), so rejection from the untruncated gamma
    ///   accepts with probability above ½ — in the sampler's use the bound sits
    ///   far in the lower tail and the first draw is kept.
    /// * otherwise: the inverse CDF of the restricted law,
    ///   x = Q⁻¹(U·Q(c)) with U ~ Uniform(0, 1) (GSL `gamma_Q`, `gamma_Qinv`);
    ///   if Q(c) underflows, c + Exponential(β − (k − 1)/c), the density's
    ///   exponential tail at c.
    public static func draw(shape k: Double, rate beta: Double, lowerBound c: Double, using stream: RandomStream) -> Double {
        if !(c > 0) { return stream.gamma(shape: k, rate: beta) }
        if k >= 1 && beta * c <= k - 1.0 / 3.0 {
            while true {
                let x = stream.gamma(shape: k, rate: beta)
                if x >= c { return x }
            }
        }
        let scale = 1 / beta
        let mass = SpecialFunctions.gammaUpperTail(c, shape: k, scale: scale)
        if mass > 1e-300 {
            let x = SpecialFunctions.gammaUpperQuantile(stream.uniformOpen() * mass, shape: k, scale: scale)
            if x.isFinite { return max(x, c) }
        }
        let tailRate = max(beta - (k - 1) / c, beta * 1e-3)
        return c - log(stream.uniformOpen()) / tailRate
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double {
        Self.draw(shape: shape, rate: rate, lowerBound: lowerBound, using: stream)
    }

    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x >= lowerBound, x > 0 else { return -.infinity }
        return shape * log(rate) + (shape - 1) * log(x) - rate * x - SpecialFunctions.logGamma(shape) - log(retainedMass)
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard x > lowerBound else { return 0 }
        return 1 - SpecialFunctions.gammaUpperTail(x, shape: shape, scale: 1 / rate) / retainedMass
    }

    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double {
        if p <= 0 { return lowerBound }
        return max(lowerBound, SpecialFunctions.gammaUpperQuantile((1 - p) * retainedMass, shape: shape, scale: 1 / rate))
    }

    /// E[X] = (k/β) Q_{k+1}(βc) / Q_k(βc).
    public var mean: Double {
        shape / rate * upperTail(shapeOffset: 1) / retainedMass
    }

    /// E[X²] − E[X]², with E[X²] = k(k+1)/β² · Q_{k+2}(βc) / Q_k(βc).
    public var variance: Double {
        let second = shape * (shape + 1) / (rate * rate) * upperTail(shapeOffset: 2) / retainedMass
        return second - mean * mean
    }

    private func upperTail(shapeOffset: Double) -> Double {
        lowerBound > 0 ? SpecialFunctions.gammaUpperTail(lowerBound, shape: shape + shapeOffset, scale: 1 / rate) : 1
    }
}
