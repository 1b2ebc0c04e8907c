import Foundation
import GSL
import Probability
import Testing
@testable import BSTS
@testable import StateSpace

/// Trigonometric seasonality: rotation blocks, loadings, the one σ pooled over all 2H
/// elements, and the limits on period and harmonics.
@Suite struct TrigonometricSeasonalTests {
    static let prior = SdPrior(guess: 0.1, sampleSize: 1, upperLimit: 1)

    @Test func eachHarmonicRotatesByItsFrequency() {
        let trig = TrigonometricSeasonal(period: 365.25, harmonics: 2, sigmaPrior: Self.prior, initialVariance: 9)
        let blocks = [0.0].withUnsafeBufferPointer { trig.transitionBlocks(moving: true, parameters: $0.baseAddress!) }
        #expect(blocks.count == 2)
        for (j, block) in blocks.enumerated() {
            guard case .dense(let t) = block else { Issue.record("harmonic \(j + 1) is not a dense block"); continue }
            let lambda = 2 * Double.pi * Double(j + 1) / 365.25
            #expect(t == Matrix([[cos(lambda), sin(lambda)], [-sin(lambda), cos(lambda)]]))
        }
        var row = [Double](repeating: -1, count: 4)
        row.withUnsafeMutableBufferPointer { trig.writeLoadings(at: 3, into: $0.baseAddress!) }
        #expect(row == [1, 0, 1, 0])
        #expect(trig.initialVariances == [9, 9, 9, 9] && trig.initialMean == [0, 0, 0, 0])
        #expect(trig.reportedDeviations.map(\.name) == ["trig.coefficient.sd.365.25"])
        #expect(TrigonometricSeasonal(period: 7, harmonics: 3, sigmaPrior: Self.prior, initialVariance: 1)
            .reportedDeviations.map(\.name) == ["trig.coefficient.sd.7"])
    }

    /// With no noise the rotation reproduces a sinusoid of the period exactly; with known
    /// noise the pooled Σ η² over 2H elements and n − 1 transitions is recovered.
    @Test func pathsRotateAndDisturbancesPoolIntoOneSum() throws {
        let n = 50, period = 7.5
        let stack = try ComponentStack(components: [
            TrigonometricSeasonal(period: period, harmonics: 3, sigmaPrior: Self.prior, initialVariance: 1),
        ], length: n, observationVariance: 1)
        #expect(stack.deviationNames == ["trig.coefficient.sd.7.5"] && stack.disturbanceCount == 6)
        let transition = stack.model.regimes[0].transition.dense
        let stream = RandomStream(seed: 9)
        var alpha = (0..<6).map { _ in stream.normal() }
        let start = alpha
        var path = alpha, expected = 0.0
        for _ in 0..<(n - 1) {
            let eta = (0..<6).map { _ in 0.3 * stream.normal() }
            expected += eta.reduce(0) { $0 + $1 * $1 }
            alpha = zip(transition * alpha, eta).map { $0 + $1 }
            path += alpha
        }
        var sums = [0.0], counts = [0]
        path.withUnsafeBufferPointer { states in
            stack.components[0].accumulateDisturbances(states: states.baseAddress!, stride: 6, length: n,
                                                       sums: &sums[0], counts: &counts[0])
        }
        #expect(counts == [6 * (n - 1)] && abs(sums[0] - expected) < 1e-9)

        // Noise-free: y_t = Σ_j (a_j cos(λ_j t) + b_j sin(λ_j t)).
        var state = start
        for t in 0..<n {
            let y = (0..<3).reduce(0.0) { total, j in state[2 * j] + total }
            let lambda = (1...3).map { 2 * Double.pi * Double($0) / period }
            let truth = (0..<3).reduce(0.0) { total, j in
                total + start[2 * j] * cos(lambda[j] * Double(t)) + start[2 * j + 1] * sin(lambda[j] * Double(t))
            }
            #expect(abs(y - truth) < 1e-9, "t = \(t)")
            state = transition * state
        }
    }

    /// The draw sets all 2H variances to one value.
    @Test func oneVarianceIsSharedByAllElements() {
        let trig = TrigonometricSeasonal(period: 12, harmonics: 2, sigmaPrior: Self.prior, initialVariance: 1)
        let path = (0..<(4 * 20)).map { Double($0 % 7) * 0.1 }
        var variances = [1.0, 2, 3, 4], sums = [Double](repeating: 0, count: 4), counts = [Int](repeating: 0, count: 4)
        var parameters = [0.0]
        drawParameters(of: trig, path: path, stride: 4, length: 20, variances: &variances, parameters: &parameters,
                       sums: &sums, counts: &counts, stream: RandomStream(seed: 1))
        #expect(Set(variances).count == 1 && variances[0] > 0)
    }

    @Test func harmonicsBeyondHalfThePeriodAreRefused() {
        #expect(ModelOptions(trigonometric: [TrigonometricSeasonality(period: 7, harmonics: 3)]).componentProblem == nil)
        #expect(ModelOptions(trigonometric: [TrigonometricSeasonality(period: 7, harmonics: 4)]).componentProblem?.option == "trig")
        #expect(ModelOptions(trigonometric: [TrigonometricSeasonality(period: 1.5, harmonics: 1)]).componentProblem?.option == "trig")
        #expect(ModelOptions(trigonometric: [TrigonometricSeasonality(period: 12, harmonics: 0)]).componentProblem?.option == "trig")
        let y = (0..<30).map { sin(Double($0)) }
        #expect(throws: BSTSError.limitExceeded(.periodTooLong(period: 365.25, maximum: 30))) {
            try BSTSModel.fit(response: y, covariates: [], covariateNames: [],
                              model: ModelOptions(trigonometric: [TrigonometricSeasonality(period: 365.25, harmonics: 2)]),
                              sampler: SamplerOptions(iterations: 10))
        }
    }
}
