import Foundation
import Testing
import TestSupport
@testable import BSTS

/// The priors and initial state that each preset builds, against the formulas of
/// NOTES §2 (CausalImpact's model) and §6 (bsts' defaults for a user-built model),
/// written out here by hand: the constants, which rows feed sdy (observed responses)
/// and Ω (every row of X), the initial slope (y_last − y_1)/n over the whole series.
@Suite struct PriorSpecificationTests {
    /// 12 rows, the last 4 hidden (a post-period) and one missing inside the pre-period.
    static let y: [Double] = [10, 12.5, 11, .nan, 14, 13.5, 16, 15.2, .nan, .nan, .nan, .nan]
    static let x1: [Double] = [5, 6, 5.5, 7, 8, 7.5, 9, 10, 11, 10.5, 12, 13]
    static let x2: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1]

    /// The sample sd of the observed responses.
    static var sdy: Double { SampleMoments.variance(y.filter { !$0.isNaN }).squareRoot() }

    static func specification(_ trend: TrendKind, _ priors: PriorPreset, covariates: [[Double]] = [x1],
                              seasons: Int = 1) throws -> ModelSpecification {
        try ModelSpecification(response: y, covariates: covariates, covariateNames: covariates.indices.map { "x\($0 + 1)" },
                               options: ModelOptions(trend: trend, seasons: seasons, priors: priors))
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    static func expect(_ prior: SdPrior, guess: Double, sampleSize: Double, upper: Double, _ label: String) {
        #expect(close(prior.guess, guess) && close(prior.sampleSize, sampleSize) && close(prior.upperLimit, upper),
                "\(label): \(prior) against guess \(guess), sample size \(sampleSize), upper \(upper)")
    }

    /// bsts' AddLocalLinearTrend(y): level and slope σ ~ SdPrior(0.01·sdy, 0.01, upper sdy), starting
    /// at their guess; μ_1 ~ N(y_1, sdy²), δ_1 ~ N((y_last − y_1)/n, sdy²) with y_last the last
    /// observed value and n every row (R's length(y) counts the NAs).
    @Test func bstsLocalLinearTrend() throws {
        let spec = try Self.specification(.localLinearTrend, .bsts)
        let sdy = Self.sdy
        #expect(Self.close(spec.sdy, sdy))
        #expect(spec.stack.disturbanceNames == ["sigma.level", "sigma.slope"])
        for (prior, name) in zip(spec.stack.variancePriors, spec.stack.disturbanceNames) {
            Self.expect(prior, guess: 0.01 * sdy, sampleSize: 0.01, upper: sdy, name)
        }
        #expect(spec.stack.initialDisturbanceVariances.allSatisfy { Self.close($0, (0.01 * sdy) * (0.01 * sdy)) })
        let model = spec.stack.model
        #expect(model.initialMean.count == 2)
        #expect(Self.close(model.initialMean[0], 10))
        #expect(Self.close(model.initialMean[1], (15.2 - 10) / 12))
        #expect(Self.close(model.initialCovariance[0, 0], sdy * sdy) && Self.close(model.initialCovariance[1, 1], sdy * sdy))
        #expect(model.initialCovariance[0, 1] == 0)
    }

    /// CausalImpact has no slope: with `--trend linear` its level prior (32 observations at
    /// 0.01·sdy) is kept and the slope takes bsts' default, as AddLocalLinearTrend would.
    @Test func causalImpactLocalLinearTrend() throws {
        let spec = try Self.specification(.localLinearTrend, .causalImpact)
        let sdy = Self.sdy
        Self.expect(spec.stack.variancePriors[0], guess: 0.01 * sdy, sampleSize: 32, upper: sdy, "level")
        Self.expect(spec.stack.variancePriors[1], guess: 0.01 * sdy, sampleSize: 0.01, upper: sdy, "slope")
        #expect(Self.close(spec.stack.model.initialMean[1], (15.2 - 10) / 12))
    }

    /// bsts' .SetDefaultPrior with a formula: SpikeSlabPrior(X, y, optional.coefficient.estimate = 0,
    /// sigma.upper.limit = 1.2·sdy) with its defaults: π_j = min(1, 1/P), σ_obs guess √(1 − 0.5)·sdy
    /// worth 0.01 observations, Ω = 0.01·(0.5·diag(X'X/n) + 0.5·X'X/n) over all n rows (the hidden
    /// post-period included). The local level: SdPrior(0.01·sdy, 0.01, sdy), μ_1 ~ N(y_1, sdy²).
    @Test func bstsLocalLevelWithRegression() throws {
        let spec = try Self.specification(.localLevel, .bsts, covariates: [Self.x1, Self.x2])
        let sdy = Self.sdy, n = Self.y.count
        Self.expect(spec.stack.variancePriors[0], guess: 0.01 * sdy, sampleSize: 0.01, upper: sdy, "level")
        #expect(Self.close(spec.stack.model.initialMean[0], 10) && Self.close(spec.stack.model.initialCovariance[0, 0], sdy * sdy))
        let prior = try #require(spec.regression?.prior)
        #expect(prior.inclusionProbabilities.allSatisfy { Self.close($0, 1.0 / 3) })
        Self.expect(prior.residual, guess: 0.5.squareRoot() * sdy, sampleSize: 0.01, upper: 1.2 * sdy, "sigma.obs")
        let columns = [[Double](repeating: 1, count: n), Self.x1, Self.x2]
        for i in 0..<3 {
            for j in 0..<3 {
                let crossProduct = zip(columns[i], columns[j]).map { $0 * $1 }.reduce(0, +) / Double(n)
                let expected = 0.01 * (i == j ? 1.0 : 0.5) * crossProduct
                #expect(Self.close(prior.precision[i * 3 + j], expected), "Ω[\(i), \(j)] = \(prior.precision[i * 3 + j]), expected \(expected)")
            }
        }
        // X'X over the observed rows only (NOTES §9.8).
        let observed = Self.y.indices.filter { !Self.y[$0].isNaN }
        let regression = try #require(spec.regression)
        #expect(Self.close(regression.gram[1], observed.map { Self.x1[$0] }.reduce(0, +)))
        #expect(Self.close(regression.gram[4], observed.map { Self.x1[$0] * Self.x1[$0] }.reduce(0, +)))
    }

    /// CausalImpact's regression (NOTES §2): π_j = min(1, 3/P), σ_obs guess √(1 − 0.8)·sdy worth 50
    /// observations, σ_obs ≤ 1.2·sdy; with one covariate (P = 2) every column is always included.
    @Test func causalImpactRegression() throws {
        let sdy = Self.sdy
        let one = try #require(try Self.specification(.localLevel, .causalImpact).regression?.prior)
        #expect(one.inclusionProbabilities == [1, 1])
        Self.expect(one.residual, guess: 0.2.squareRoot() * sdy, sampleSize: 50, upper: 1.2 * sdy, "sigma.obs")
        let spec = try Self.specification(.localLevel, .causalImpact, covariates: [Self.x1, Self.x2, Self.x1.map { $0 * $0 }])
        let four = try #require(spec.regression?.prior)
        #expect(four.inclusionProbabilities.allSatisfy { Self.close($0, 0.75) })
        Self.expect(spec.stack.variancePriors[0], guess: 0.01 * sdy, sampleSize: 32, upper: sdy, "level")
    }

    /// Without covariates bsts' observation prior is SdPrior(sdy, 0.01, upper 1.2·sdy); AddSeasonal's
    /// σ is SdPrior(0.01·sdy, 0.01, sdy) and each seasonal effect starts N(0, sdy²).
    @Test func bstsObservationAndSeasonalPriors() throws {
        let spec = try Self.specification(.localLevel, .bsts, covariates: [], seasons: 3)
        let sdy = Self.sdy
        #expect(spec.regression == nil)
        Self.expect(spec.observationPrior, guess: sdy, sampleSize: 0.01, upper: 1.2 * sdy, "sigma.obs")
        #expect(spec.stack.disturbanceNames == ["sigma.level", "sigma.seasonal"])
        Self.expect(spec.stack.variancePriors[1], guess: 0.01 * sdy, sampleSize: 0.01, upper: sdy, "seasonal")
        let model = spec.stack.model
        #expect(Array(model.initialMean[1...]) == [0, 0])
        #expect(model.initialCovariance.diagonal[1...].allSatisfy { Self.close($0, sdy * sdy) })
    }
}
