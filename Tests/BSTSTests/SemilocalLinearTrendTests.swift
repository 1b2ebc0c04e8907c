import Foundation
import GSL
import Probability
import Testing
import TestSupport
@testable import BSTS
@testable import StateSpace

/// The semilocal linear trend: its transition, and the draws of D, φ and σ_slope on a
/// known slope path.
@Suite struct SemilocalLinearTrendTests {
    static let prior = SdPrior(guess: 0.01, sampleSize: 0.01, upperLimit: 10)

    static func trend(meanPriorSD: Double = 10) -> SemilocalLinearTrend {
        SemilocalLinearTrend(levelPrior: prior, slopePrior: prior, slopeMeanPriorSD: meanPriorSD, initialLevel: 3,
                             initialVariance: 4)
    }

    @Test func transitionCarriesTheSlopeMeanThroughAConstantState() {
        let trend = Self.trend()
        let blocks = [0.5, 0.8].withUnsafeBufferPointer { trend.transitionBlocks(moving: true, parameters: $0.baseAddress!) }
        #expect(blocks == [.dense(Matrix([[1, 1, 0], [0, 0.8, (1 - 0.8) * 0.5], [0, 0, 1]]))])
        // From (μ, δ, 1): δ' = D + φ(δ − D).
        guard case .dense(let t) = blocks[0] else { return }
        let next = t * [10, 2, 1]
        #expect(next == [12, 0.5 + 0.8 * (2 - 0.5), 1])
        #expect(trend.initialMean == [3, 0, 1] && trend.initialVariances == [4, 4, 0])
        #expect(trend.disturbanceLoading(moving: true) == Matrix([[1, 0], [0, 1], [0, 0]]))
        #expect(trend.disturbanceNames == ["trend.level.sd", "trend.slope.sd"])
    }

    /// On a long slope path δ_{t+1} = D + φ(δ_t − D) + ζ with D = 0.5, φ = 0.7, σ = 0.2
    /// (level residuals σ = 0.1), the posterior means centre on the truth within 4.42
    /// standard errors: the estimator's sampling sd on a 6000-point series (of D
    /// σ/((1 − φ)√n), of φ √((1 − φ²)/n), of a σ σ/√(2n)) combined with the Monte Carlo
    /// error of the mean of the kept draws (their sd over √ESS).
    @Test func drawsRecoverTheSlopeProcess() {
        let stream = RandomStream(seed: 21)
        let n = 6000, d = 0.5, phi = 0.7, sigma = 0.2
        var level = 0.0, slope = d
        var path: [Double] = []
        for _ in 0..<n {
            path += [level, slope, 1]
            level += slope + 0.1 * stream.normal()
            slope = d + phi * (slope - d) + sigma * stream.normal()
        }
        let trend = Self.trend()
        var variances = [1.0, 1.0], parameters = [0.0, 0.0], sums = [0.0, 0.0], counts = [0, 0]
        var draws: [[Double]] = [[], [], [], []]
        for _ in 0..<600 {
            drawParameters(of: trend, path: path, stride: 3, length: n, variances: &variances, parameters: &parameters,
                           sums: &sums, counts: &counts, stream: stream)
            draws[0].append(parameters[0]); draws[1].append(parameters[1])
            draws[2].append(variances[0].squareRoot()); draws[3].append(variances[1].squareRoot())
        }
        let kept = draws.map { Array($0.dropFirst(100)) }
        let root = Double(n).squareRoot()
        for (label, values, truth, sd) in [
            ("D", kept[0], d, sigma / ((1 - phi) * root)),
            ("φ", kept[1], phi, ((1 - phi * phi) / Double(n)).squareRoot()),
            ("σ_level", kept[2], 0.1, 0.1 / (2 * Double(n)).squareRoot()),
            ("σ_slope", kept[3], sigma, sigma / (2 * Double(n)).squareRoot()),
        ] {
            let mean = values.reduce(0, +) / Double(values.count)
            let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
            let monteCarlo = spread / MCMCDiagnostics.effectiveSampleSize([values]).squareRoot()
            let check = withinStandardErrors(mean, truth, standardError: (sd * sd + monteCarlo * monteCarlo).squareRoot())
            #expect(check.ok, "\(label): \(check.message)")
        }
        #expect(kept[1].allSatisfy { abs($0) < 1 })
    }
}
