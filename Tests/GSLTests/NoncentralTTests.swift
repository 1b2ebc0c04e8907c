import Testing
@testable import GSL

/// The noncentral t CDF against what is known without it: the central t at δ = 0, the
/// reflection F(−t; ν, −δ) = 1 − F(t; ν, δ), and the normal limit Φ(t − δ) as ν → ∞.
/// (Its agreement with 40-digit quadrature is checked through power in TrustTests.)
@Suite struct NoncentralTTests {
    @Test func zeroNoncentralityIsTheCentralT() {
        for t in [-3.0, -0.5, 0, 0.7, 2.5] {
            for nu in [1.0, 4.5, 30, 998] {
                let f = SpecialFunctions.noncentralTCDF(t, degreesOfFreedom: nu, noncentrality: 0)
                #expect(f == SpecialFunctions.studentTCDF(t, degreesOfFreedom: nu))
                // A tiny δ goes through the series: it must agree with the central t too.
                let g = SpecialFunctions.noncentralTCDF(t, degreesOfFreedom: nu, noncentrality: 1e-12)
                #expect(abs(g - f) < 1e-11, "t = \(t), ν = \(nu): \(g) vs \(f)")
            }
        }
    }

    @Test func reflectionHolds() {
        for (t, nu, delta) in [(1.96, 198.0, 2.8), (0.3, 10, -1.5), (4.0, 38, 11.2), (2.5, 5, 0.4)] {
            let f = SpecialFunctions.noncentralTCDF(t, degreesOfFreedom: nu, noncentrality: delta)
            let g = SpecialFunctions.noncentralTCDF(-t, degreesOfFreedom: nu, noncentrality: -delta)
            #expect(abs(f + g - 1) < 1e-14, "t = \(t), ν = \(nu), δ = \(delta)")
        }
    }

    @Test func largeDegreesOfFreedomApproachTheNormal() {
        for (t, delta) in [(1.96, 2.8), (-1.0, 0.5), (3.0, 5.0)] {
            let f = SpecialFunctions.noncentralTCDF(t, degreesOfFreedom: 1e7, noncentrality: delta)
            // T′ = (Z + δ)/√(V/ν) with √(V/ν) = 1 + O(ν^{-1/2}): the error is O(|t|·φ/√ν).
            #expect(abs(f - SpecialFunctions.normalCDF(t - delta)) < 2e-3 / 1e3, "t = \(t), δ = \(delta): \(f)")
        }
    }
}
