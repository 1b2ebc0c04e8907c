import Foundation
import Testing
import TestSupport
@testable import Probability

@Suite struct TruncatedGammaTests {
    /// Each case exercises one branch of `draw`: no bound, rejection (bound below
    /// the median), inverse CDF (bound in the upper tail), and shape < 1.
    static let cases: [(shape: Double, rate: Double, lower: Double)] = [
        (3, 2, 0), (25, 3, 4), (25, 3, 12), (0.6, 1.5, 0.8), (50, 0.01, 1),
    ]

    @Test(arguments: 0..<cases.count)
    func sampleMeanAndSupportMatchTheRestrictedLaw(index: Int) throws {
        let c = Self.cases[index]
        let d = try TruncatedGamma(shape: c.shape, rate: c.rate, lowerBound: c.lower)
        let stream = RandomStream(seed: 31, path: [UInt64(index)])
        let n = 100_000
        let xs = d.sample(n, using: stream)
        #expect(xs.allSatisfy { $0 >= c.lower })
        let mean = xs.reduce(0, +) / Double(n)
        let check = withinStandardErrors(mean, d.mean, standardError: (d.variance / Double(n)).squareRoot())
        #expect(check.ok, "case \(index): \(check.message)")
        // The fraction below the restricted median is ½.
        let below = Double(xs.filter { $0 <= d.quantile(0.5) }.count) / Double(n)
        let half = withinStandardErrors(below, 0.5, standardError: (0.25 / Double(n)).squareRoot())
        #expect(half.ok, "case \(index) median: \(half.message)")
    }

    @Test func withoutABoundItIsTheGamma() throws {
        let truncated = try TruncatedGamma(shape: 2.5, rate: 0.5, lowerBound: 0)
        let plain = try Gamma(shape: 2.5, scale: 2)
        #expect(abs(truncated.mean - plain.mean) < 1e-12 && abs(truncated.variance - plain.variance) < 1e-10)
        #expect(abs(truncated.cdf(3) - plain.cdf(3)) < 1e-12)
    }

    @Test func quantileInvertsTheCDF() throws {
        let d = try TruncatedGamma(shape: 4, rate: 1, lowerBound: 6)
        for p in [0.01, 0.3, 0.5, 0.9, 0.999] { #expect(abs(d.cdf(d.quantile(p)) - p) < 1e-9) }
        #expect(d.logDensity(5.9) == -.infinity)
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: InvalidParameter.self) { try TruncatedGamma(shape: 0, rate: 1, lowerBound: 0) }
        #expect(throws: InvalidParameter.self) { try TruncatedGamma(shape: 1, rate: 1, lowerBound: -1) }
    }
}
