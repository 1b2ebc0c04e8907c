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

    /// Above a mean of 10⁴ the CDF is Temme's uniform expansion; near and below there,
    /// GSL's. Both must match the summed mass function across ±8 standard deviations
    /// (where GSL's own function had errors up to 6e-3 and values above 1): to 1e-9
    /// relative below the median, 1e-11 absolute above it (the reference's own error
    /// is about 1e-12 relative, from its chain of up to 10⁶ multiplications).
    @Test(arguments: [9e3, 1.0001e4, 5e4, 3e5, 6e5, 9e5, 2e6, 4e6, 3e7, 5e8])
    func cdfMatchesTheSummedMassFunction(mean lambda: Double) throws {
        let poisson = try Poisson(mean: lambda)
        let sd = lambda.squareRoot()
        var previous = 0.0
        for z in stride(from: -8.0, through: 8.0, by: 0.37) {
            let k = Int((lambda + z * sd).rounded())
            let expected = Self.summedCDF(k, mean: lambda)
            let cdf = poisson.cdf(Double(k))
            // Relative accuracy in the lower tail (down to 1e-16), absolute above the median.
            let tolerance = expected < 0.5 ? 1e-9 * expected : 1e-11
            #expect(abs(cdf - expected) <= tolerance, "λ = \(lambda), k = \(k): \(cdf) vs \(expected)")
            #expect(cdf >= previous && cdf <= 1, "λ = \(lambda), k = \(k): not a CDF")
            previous = cdf
        }
    }
}
