import Foundation

/// The regularised upper incomplete gamma function Q(a, z) = Γ(a, z)/Γ(a) for large a
/// by Temme's uniform asymptotic expansion (DLMF §8.12; Temme 1979):
///
///     Q(a, z) = ½ erfc(η √(a/2)) + e^(−aη²/2) / √(2πa) · (c₀(η) + c₁(η)/a + O(a⁻²)),
///     λ = z/a,  η = sign(λ − 1) √(2(λ − 1 − ln λ)),
///     c₀(η) = 1/(λ − 1) − 1/η,
///     c₁(η) = 1/η³ − 1/(λ − 1)³ − 1/(λ − 1)² − 1/(12(λ − 1)).
///
/// Near λ = 1 the differences cancel, and the Taylor series in η take over:
/// c₀ = −1/3 + η/12 − 2η²/135 + η³/864 + η⁴/2835, c₁ = −1/540 − η/288 + η²/378.
/// The neglected terms are below e^(−aη²/2)/√(2πa) · 10⁻³/a², under 1e-13 for
/// a ≥ 10⁴, uniformly in z: it serves where GSL's series lose accuracy (large a
/// with z near a).
enum UniformAsymptoticGamma {
    static func upperRegularized(_ a: Double, _ z: Double) -> Double {
        let lambda = z / a
        let d = lambda - 1
        let half = lambdaMinusOneMinusLog(d)
        let eta = (d < 0 ? -1.0 : 1.0) * (2 * max(half, 0)).squareRoot()
        let c0: Double, c1: Double
        if abs(eta) < 1e-2 {
            c0 = -1.0 / 3 + eta * (1.0 / 12 + eta * (-2.0 / 135 + eta * (1.0 / 864 + eta / 2835)))
            c1 = -1.0 / 540 + eta * (-1.0 / 288 + eta / 378)
        } else {
            c0 = 1 / d - 1 / eta
            c1 = 1 / (eta * eta * eta) - 1 / (d * d * d) - 1 / (d * d) - 1 / (12 * d)
        }
        // ½ erfc(η √(a/2)) = 1 − Φ(η √a).
        let leading = SpecialFunctions.normalUpperTail(eta * a.squareRoot())
        let correction = exp(-a * half) / (2 * Double.pi * a).squareRoot() * (c0 + c1 / a)
        return leading + correction
    }

    /// λ − 1 − ln λ for λ = 1 + d. Near d = 0 the difference d − ln(1 + d) loses about
    /// log₁₀(1/|d|) digits, so there the series d²/2 − d³/3 + d⁴/4 − … is summed
    /// (for |d| < 0.1 it converges by a digit a term).
    static func lambdaMinusOneMinusLog(_ d: Double) -> Double {
        guard abs(d) < 0.1 else { return d - log1p(d) }
        var sum = 0.0, power = d * d
        for n in 2...40 {
            let term = power / Double(n) * (n % 2 == 0 ? 1 : -1)
            sum += term
            if abs(term) < 1e-17 * abs(sum) { break }
            power *= d
        }
        return sum
    }
}
