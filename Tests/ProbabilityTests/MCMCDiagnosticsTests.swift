import Foundation
import Testing
import TestSupport
@testable import Probability

@Suite struct MCMCDiagnosticsTests {
    /// An AR(1) chain with coefficient φ and stationary start.
    static func ar1(_ phi: Double, length: Int, stream: RandomStream) -> [Double] {
        var x = stream.normal() / (1 - phi * phi).squareRoot()
        return (0..<length).map { _ in
            x = phi * x + stream.normal()
            return x
        }
    }

    /// ESS/(M·N) of AR(1) chains against the analytic (1 − φ)/(1 + φ); the
    /// tolerance is 4.42 standard errors of the mean over independent replicates.
    @Test(arguments: [0.0, 0.5, 0.9, -0.4])
    func ar1EffectiveSampleSizeIsAnalytic(phi: Double) {
        let replicates = 16, chains = 2, length = 10_000
        let ratios = (0..<replicates).map { rep -> Double in
            let stream = RandomStream(seed: 77, path: [UInt64(rep), UInt64(bitPattern: Int64(phi * 100))])
            let draws = (0..<chains).map { _ in Self.ar1(phi, length: length, stream: stream) }
            return MCMCDiagnostics.effectiveSampleSize(draws) / Double(chains * length)
        }
        let mean = ratios.reduce(0, +) / Double(replicates)
        let sd = (ratios.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(replicates - 1)).squareRoot()
        let truth = (1 - phi) / (1 + phi)
        let check = withinStandardErrors(mean, truth, standardError: sd / Double(replicates).squareRoot())
        #expect(check.ok, "φ = \(phi): \(check.message)")
        #expect(abs(mean - truth) < 0.06 * truth, "φ = \(phi): ESS/N \(mean) vs \(truth)")
    }

    /// Split R̂ by hand: halves [0,1,0,1] of chain 1 and [2,3,2,3] of chain 2 give
    /// W = 1/3, half-chain means (0.5, 0.5, 2.5, 2.5) with variance 4/3, N = 4,
    /// B = 16/3, var⁺ = ¾·⅓ + 4/3 = 19/12, R̂ = √(19/4).
    @Test func splitRHatByHand() {
        let chain = [0.0, 1, 0, 1, 0, 1, 0, 1]
        let r = MCMCDiagnostics.splitRHat([chain, chain.map { $0 + 2 }])
        #expect(abs(r - (19.0 / 4).squareRoot()) < 1e-12)
    }

    @Test func splitRHatIsNearOneForAgreeingChainsAndLargeForDisagreeingOnes() {
        let stream = RandomStream(seed: 3)
        let a = Self.ar1(0.5, length: 4000, stream: stream), b = Self.ar1(0.5, length: 4000, stream: stream)
        #expect(abs(MCMCDiagnostics.splitRHat([a, b]) - 1) < 0.01)
        // A trend inside one chain is caught by the split even with a single chain.
        let drifting = a.enumerated().map { $1 + 3 * Double($0) / 4000 }
        #expect(MCMCDiagnostics.splitRHat([drifting]) > 1.1)
        #expect(MCMCDiagnostics.splitRHat([a, b.map { $0 + 2 }]) > 1.2)
    }

    @Test func constantChainsHaveNoDiagnostics() {
        let flat = [Double](repeating: 0.3, count: 50)
        #expect(MCMCDiagnostics.effectiveSampleSize([flat, flat]).isNaN)
        #expect(MCMCDiagnostics.splitRHat([flat]).isNaN)
    }

    @Test func unequalChainsUseTheirLastDraws() {
        let stream = RandomStream(seed: 9)
        let a = Self.ar1(0.3, length: 600, stream: stream), b = Self.ar1(0.3, length: 500, stream: stream)
        #expect(MCMCDiagnostics.effectiveSampleSize([a, b]) == MCMCDiagnostics.effectiveSampleSize([Array(a.suffix(500)), b]))
    }
}
