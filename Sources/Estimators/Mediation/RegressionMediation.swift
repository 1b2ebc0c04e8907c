import GSL
import Probability

/// The regression-based natural effects of VanderWeele & Vansteelandt (2009) and
/// VanderWeele (2015, §2.4), with an exposure–mediator interaction: fit
/// M = β₀ + β₁T + β₂ᵀC + e and Y = θ₀ + θ₁T + θ₂M + θ₃T·M + θ₄ᵀC + e by least squares;
/// for T from a* = 0 to a = 1, at the covariates' mean c̄,
///
///     NDE = (θ₁ + θ₃(β₀ + β₁a* + β₂ᵀc̄))(a − a*) = θ₁ + θ₃(β₀ + β₂ᵀc̄)
///     NIE = (θ₂β₁ + θ₃β₁a)(a − a*)              = β₁(θ₂ + θ₃)
///
/// (both linear in c, so the mean over units is the formula at c̄). Standard errors by the
/// delta method with the two regressions' classical covariances, independent between the
/// models (VanderWeele & Vansteelandt 2009, appendix).
public struct RegressionMediation: MediationEstimator {
    /// "vanderweele".
    public let name = "vanderweele"

    /// The estimator.
    public init() {}

    /// The NDE and NIE formulas with their delta-method standard errors.
    public func estimate(_ data: MediationData, level: Double, randomness: RandomStream) throws -> MediationEstimate {
        let m = try data.mediatorFit(), y = try data.outcomeFit(interaction: true)
        let beta = m.coefficients, theta = y.coefficients
        let means = data.covariateMeans
        // The mediator's mean at T = 0 and c̄: β₀ + β₂ᵀc̄.
        let baseline = beta[0] + zip(beta.dropFirst(2), means).reduce(0) { $0 + $1.0 * $1.1 }
        let direct = theta[1] + theta[3] * baseline
        let indirect = beta[1] * (theta[2] + theta[3])
        // Gradients with respect to β (intercept, T, C…) and θ (intercept, T, M, T·M, C…).
        var directBeta = [Double](repeating: 0, count: beta.count), directTheta = [Double](repeating: 0, count: theta.count)
        directBeta[0] = theta[3]
        for (k, mean) in means.enumerated() { directBeta[2 + k] = theta[3] * mean }
        directTheta[1] = 1
        directTheta[3] = baseline
        var indirectBeta = [Double](repeating: 0, count: beta.count), indirectTheta = [Double](repeating: 0, count: theta.count)
        indirectBeta[1] = theta[2] + theta[3]
        indirectTheta[2] = beta[1]
        indirectTheta[3] = beta[1]
        let vBeta = m.covariance(.classical), vTheta = y.covariance(.classical)
        func standardError(_ gBeta: [Double], _ gTheta: [Double]) -> Double {
            (Self.quadraticForm(vBeta, gBeta) + Self.quadraticForm(vTheta, gTheta)).squareRoot()
        }
        return MediationEstimate(
            direct: EffectEstimate(estimator: name, estimand: .naturalDirectEffect, value: direct,
                                   standardError: standardError(directBeta, directTheta), method: "delta method",
                                   sampleSize: data.count, level: level),
            indirect: EffectEstimate(estimator: name, estimand: .naturalIndirectEffect, value: indirect,
                                     standardError: standardError(indirectBeta, indirectTheta), method: "delta method",
                                     sampleSize: data.count, level: level))
    }

    /// gᵀVg.
    static func quadraticForm(_ v: Matrix, _ g: [Double]) -> Double {
        var total = 0.0
        for i in g.indices where g[i] != 0 {
            for j in g.indices where g[j] != 0 { total += g[i] * v[i, j] * g[j] }
        }
        return total
    }
}
