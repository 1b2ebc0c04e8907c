import Foundation
import GSL
import Probability
import Testing
import TestSupport
@testable import BSTS

/// Student-t observation errors (`StudentErrors`): the latent weights' and ν's conditionals
/// against analytic truth, and bsts' burn-in rule for this family.
@Suite struct StudentErrorsTests {
    /// w | e, σ², ν ~ Gamma((ν + 1)/2, rate (ν + e²/σ²)/2): its mean (ν + 1)/(ν + e²/σ²) and
    /// variance shape/rate², for a typical residual and an outlier, within 4.42 SE of 20,000 draws.
    @Test func weightsHaveTheirGammaConditional() {
        let residual: [Double] = [0.5, 6], variance = 1.5, nu = 3.0
        let errors = StudentErrors(length: 2, observedRows: [0, 1])
        errors.degreesOfFreedom = nu
        let stream = RandomStream(seed: 41)
        let count = 20_000
        var draws: [[Double]] = [[], []]
        for _ in 0..<count {
            residual.withUnsafeBufferPointer { errors.drawWeights(residual: $0.baseAddress!, variance: variance, using: stream) }
            for t in 0..<2 {
                draws[t].append(errors.weights[t])
                #expect(errors.varianceScales[t] == 1 / errors.weights[t] && errors.observedWeights[t] == errors.weights[t])
            }
        }
        for t in 0..<2 {
            let shape = (nu + 1) / 2, rate = (nu + residual[t] * residual[t] / variance) / 2
            let mean = shape / rate, sd = shape.squareRoot() / rate
            let average = draws[t].reduce(0, +) / Double(count)
            let check = withinStandardErrors(average, mean, standardError: sd / Double(count).squareRoot())
            #expect(check.ok, "weight \(t): \(check.message)")
        }
        // The outlier is down-weighted: its conditional mean is a fraction of the typical point's.
        #expect(draws[1].reduce(0, +) < 0.3 * draws[0].reduce(0, +))
    }

    /// The exact posterior mean and sd of ν given `residual` and σ², by integrating the density
    /// on a grid of step 0.005 over the prior's support [0.1, 100].
    static func exactPosterior(_ residual: [Double], variance: Double) throws -> (mean: Double, sd: Double) {
        let range = StudentErrors.degreesOfFreedomRange
        let grid = stride(from: range.lowerBound, through: range.upperBound, by: 0.005).map { $0 }
        let logDensity = residual.withUnsafeBufferPointer { e in
            grid.map { StudentErrors.logLikelihood(degreesOfFreedom: $0, residuals: e, variance: variance) }
        }
        let top = try #require(logDensity.max())
        let weights = logDensity.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        let mean = zip(grid, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        let sd = (zip(grid, weights).reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 } / total).squareRoot()
        return (mean, sd)
    }

    /// `draws` slice-sampler draws of ν given `residual` and σ² (the first 100 dropped), and the
    /// density evaluations per draw.
    static func sliceChain(_ residual: [Double], variance: Double, draws: Int, seed: UInt64) -> (chain: [Double], evaluations: Double) {
        let errors = StudentErrors(length: residual.count, observedRows: Array(residual.indices))
        let stream = RandomStream(seed: seed)
        var chain: [Double] = []
        residual.withUnsafeBufferPointer { e in
            for _ in 0..<draws {
                errors.drawDegreesOfFreedom(residual: e.baseAddress!, variance: variance, using: stream)
                chain.append(errors.degreesOfFreedom)
            }
        }
        chain.removeFirst(100)
        return (chain, Double(errors.densityEvaluations) / Double(draws))
    }

    /// ν | e, σ² by the slice sampler against the same density integrated on a grid: the
    /// chain's mean within 4.42 Monte Carlo SEs (ESS from the chain) of the exact posterior
    /// mean, for 400 residuals drawn from σ·t₄. The exact posterior mean itself recovers the
    /// true ν = 4 within 4.42 posterior sds. A draw costs one evaluation for the level, two for
    /// the interval's ends, one per step out and one per proposal: fewer than 8 on average
    /// when the width suits the posterior.
    @Test func degreesOfFreedomMatchTheirExactPosterior() throws {
        let n = 400, trueNu = 4.0, sigma = 1.3
        let data = RandomStream(seed: 77)
        let residual = (0..<n).map { _ in sigma * data.normal() / (data.gamma(shape: trueNu / 2, rate: trueNu / 2)).squareRoot() }
        let variance = sigma * sigma
        let exact = try Self.exactPosterior(residual, variance: variance)
        let (chain, evaluations) = Self.sliceChain(residual, variance: variance, draws: 6000, seed: 5)
        let mean = chain.reduce(0, +) / Double(chain.count)
        let ess = MCMCDiagnostics.effectiveSampleSize([chain])
        let check = withinStandardErrors(mean, exact.mean, standardError: exact.sd / ess.squareRoot())
        #expect(check.ok, "slice sampler: \(check.message)")
        #expect(chain.allSatisfy { StudentErrors.degreesOfFreedomRange.contains($0) })
        let recovery = withinStandardErrors(exact.mean, trueNu, standardError: exact.sd)
        #expect(recovery.ok, "posterior of ν: \(recovery.message)")
        #expect(evaluations < 8, "density evaluations per draw: \(evaluations)")
    }

    /// Gaussian residuals: ν's posterior is wide and piles up against the prior's upper bound
    /// 100, where the interval is cut to the support. The chain's mean and sd within 4.42 SEs of
    /// the grid's (the sd's SE taken as sd/√(2·ESS)), and the posterior is indeed wide.
    @Test func degreesOfFreedomAtTheSupportsEdgeMatchTheirExactPosterior() throws {
        let n = 60, sigma = 0.8
        let data = RandomStream(seed: 78)
        let residual = (0..<n).map { _ in sigma * data.normal() }
        let exact = try Self.exactPosterior(residual, variance: sigma * sigma)
        let (chain, _) = Self.sliceChain(residual, variance: sigma * sigma, draws: 6000, seed: 6)
        let mean = chain.reduce(0, +) / Double(chain.count)
        let sd = (chain.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(chain.count - 1)).squareRoot()
        let ess = MCMCDiagnostics.effectiveSampleSize([chain])
        let meanCheck = withinStandardErrors(mean, exact.mean, standardError: exact.sd / ess.squareRoot())
        #expect(meanCheck.ok, "slice sampler mean: \(meanCheck.message)")
        let sdCheck = withinStandardErrors(sd, exact.sd, standardError: exact.sd / (2 * ess).squareRoot())
        #expect(sdCheck.ok, "slice sampler sd: \(sdCheck.message)")
        #expect(exact.sd > 15 && chain.allSatisfy { StudentErrors.degreesOfFreedomRange.contains($0) })
    }

    /// The log-likelihood against Σ_t log t_ν(e_t/σ)/σ from `StudentT.logDensity`, for
    /// differences between values of ν (the terms free of ν cancel), to 1e-9 relative: residuals
    /// of every size, two outliers of 10¹⁰⁰ σ among them (their block's product overflows, so it
    /// is summed term by term).
    @Test func logLikelihoodIsTheStudentDensity() throws {
        let stream = RandomStream(seed: 12)
        let sigma = 0.35
        var residual = (0..<101).map { _ in sigma * stream.normal() / stream.gamma(shape: 0.8, rate: 0.8).squareRoot() }
        residual[49] = 1e100 * sigma
        residual[50] = -1e100 * sigma
        func reference(_ nu: Double) throws -> Double {
            let t = try StudentT(degreesOfFreedom: nu, scale: sigma)
            return residual.reduce(0) { $0 + t.logDensity($1) }
        }
        func ours(_ nu: Double) -> Double {
            residual.withUnsafeBufferPointer { StudentErrors.logLikelihood(degreesOfFreedom: nu, residuals: $0, variance: sigma * sigma) }
        }
        for (a, b) in [(0.1, 1.6), (1.6, 4), (4, 99.5)] {
            let expected = try reference(a) - reference(b), got = ours(a) - ours(b)
            #expect(abs(got - expected) <= 1e-9 * abs(expected), "ν \(a) against \(b): \(got) vs \(expected)")
        }
    }

    /// bsts stores no log-likelihood for `family = "student"`, so SuggestBurn(0.1) falls back to
    /// floor(0.1·niter); the fit reports ν as "observation.df" within its prior's support.
    @Test func burnInIsATenthAndNuIsReported() throws {
        let n = 80
        let stream = RandomStream(seed: 3)
        var level = 10.0
        let y = (0..<n).map { _ -> Double in
            level += 0.1 * stream.normal()
            return level + 0.5 * stream.normal()
        }
        let posterior = try BSTSModel.fit(response: y, covariates: [], covariateNames: [],
                                          model: ModelOptions(priors: .bsts, observationErrors: .student),
                                          sampler: SamplerOptions(iterations: 205, seed: 2, chains: 2))
        #expect(posterior.burnIn == [20, 20])
        let nu = try #require(posterior.componentParameters.first { $0.name == "observation.df" })
        #expect(StudentErrors.degreesOfFreedomRange.contains(nu.mean))
        #expect(BurnIn.withoutLikelihood(iterations: 1000) == 100)
    }
}
