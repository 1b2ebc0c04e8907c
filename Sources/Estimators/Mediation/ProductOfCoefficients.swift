import Probability

/// The product-of-coefficients estimator (Baron & Kenny 1986): fit M = β₀ + β₁T + β₂ᵀC
/// and Y = θ₀ + θ₁T + θ₂M + θ₄ᵀC by least squares; the indirect effect is a·b = β̂₁θ̂₂
/// with Sobel's (1982) delta-method standard error √(β̂₁²·SE(θ̂₂)² + θ̂₂²·SE(β̂₁)²), the
/// direct effect c′ = θ̂₁ with its OLS standard error. Unbiased for the natural effects
/// when both mechanisms are linear and additive; with an exposure–mediator interaction it
/// misses the part θ₃ of the effect (see `RegressionMediation`).
public struct ProductOfCoefficients: MediationEstimator {
    /// "product-of-coefficients".
    public let name = "product-of-coefficients"

    /// The estimator.
    public init() {}

    /// a·b and c′ with their delta-method and OLS standard errors.
    public func estimate(_ data: MediationData, level: Double, randomness: RandomStream) throws -> MediationEstimate {
        let m = try data.mediatorFit(), y = try data.outcomeFit(interaction: false)
        let seM = m.standardErrors(.classical), seY = y.standardErrors(.classical)
        let (a, b, c) = (m.coefficients[1], y.coefficients[2], y.coefficients[1])
        let sobel = (a * a * seY[2] * seY[2] + b * b * seM[1] * seM[1]).squareRoot()
        return MediationEstimate(
            direct: EffectEstimate(estimator: name, estimand: .naturalDirectEffect, value: c, standardError: seY[1],
                                   method: "OLS", sampleSize: data.count, level: level),
            indirect: EffectEstimate(estimator: name, estimand: .naturalIndirectEffect, value: a * b, standardError: sobel,
                                     method: "Sobel delta method", sampleSize: data.count, level: level))
    }
}
