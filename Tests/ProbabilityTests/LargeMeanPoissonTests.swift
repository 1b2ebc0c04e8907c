import Foundation
import Testing
@testable import Probability

/// The Poisson CDF at means in the millions, where GSL's incomplete gamma series
/// fails below the mean: checked against the mass function summed directly.
@Suite struct LargeMeanPoissonTests {
    /// P(X ≤ k) = Σ_{j ≤ k} p(j) for an integer mean λ, summed from 40 standard deviations
    /// below it (the rest is below 1e-300). The mass at the mean is Stirling's series,
    /// log p(λ) = −½ log(2πλ) − 1/(12λ) + 1/(360λ³), exact to rounding at these λ; the
    /// others follow by p(j − 1) = p(j)·j/λ and p(j + 1) = p(j)·λ/(j + 1), so no
    /// logarithm of a huge number loses digits.
    static func summedCDF(_ k: Int, mean lambda: Double) -> Double {
        let m = Int(lambda)
        let atMean = exp(-0.5 * log(2 * Double.pi * lambda) - 1 / (12 * lambda) + 1 / (360 * lambda * lambda * lambda))
        let start = max(0, Int(lambda - 40 * lambda.squareRoot()))
        var below = [Double](repeating: 0, count: m - start + 1)
        below[m - start] = atMean
        for j in stride(from: m, to: start, by: -1) { below[j - 1 - start] = below[j - start] * Double(j) / lambda }
        var total = 0.0
        for j in start...min(k, m) { total += below[j - start] }
        var term = atMean
        if k > m {
            for j in m..<k {
                term *= lambda / Double(j + 1)
                total += term
            }
        }
        return total
    }

    /// Above a mean of 10⁶ GSL's uniform asymptotic expansion (and 1 − P where its Q
    /// fails) is exact to rounding; between 10⁴ and 10⁶, just above the mean, its
    /// incomplete gamma function is good only to about 1e-8 (at 5·10⁴) and 4e-6 (at
    /// 3·10⁵), which the tolerances state.
    @Test(arguments: [(5e4, 1e-8), (3e5, 1e-5), (2e6, 1e-10), (4e6, 1e-10), (3e7, 1e-10)])
    func cdfMatchesTheSummedMassFunction(mean lambda: Double, tolerance: Double) throws {
        let poisson = try Poisson(mean: lambda)
        let sd = lambda.squareRoot()
        for z in [-5.0, -3.1, -1.7, -0.4, 0.0, 0.9, 2.6] {
            let k = Int((lambda + z * sd).rounded())
            let expected = Self.summedCDF(k, mean: lambda)
            #expect(abs(poisson.cdf(Double(k)) - expected) < tolerance, "λ = \(lambda), k = \(k): \(poisson.cdf(Double(k))) vs \(expected)")
            // Consecutive values differ by the mass at k.
            let mass = exp(poisson.logDensity(Double(k)))
            #expect(abs((poisson.cdf(Double(k)) - poisson.cdf(Double(k - 1))) - mass) < tolerance + 1e-9 * mass)
        }
    }
}
