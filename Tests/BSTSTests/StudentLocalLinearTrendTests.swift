import Foundation
import GSL
import Probability
import Testing
import TestSupport
@testable import BSTS
@testable import StateSpace

/// The Student-t local linear trend (`StudentLocalLinearTrend`): its set-up against the priors
/// R bsts stored, the latent weights' and σ²'s conditionals, and ν's two posteriors (given the
/// weights, and given the residuals) against their exact densities.
@Suite struct StudentLocalLinearTrendTests {
    static let prior = SdPrior(guess: 0.01, sampleSize: 0.01, upperLimit: 1000)
    static let trend = StudentLocalLinearTrend(levelPrior: prior, slopePrior: prior, initialMean: [3, 0.1],
                                               initialVariances: [4, 4])

    /// The model bsts builds for R's `student` case: priors, initial state (the slope mean
    /// (y_last − y₁)/n counts the NA post-period), and Boom's starting values σ² = 1, ν = 10.
    @Test func setUpMatchesTheModelRBuilt() throws {
        let data = try ReferenceData("student")
        let raw = try data.raw()
        let specification = try ModelSpecification(response: raw.response, covariates: raw.covariates,
                                                   covariateNames: data.covariateNames,
                                                   options: ModelOptions(trend: .student, priors: .bsts))
        let trend = try #require(specification.stack.components.first as? StudentLocalLinearTrend)
        let stored = try #require((data.result["state_specification"] as? [[String: Any]])?.first)
        func value(_ prior: String, _ key: String) throws -> Double {
            try #require((stored[prior] as? [String: Any])?[key] as? Double)
        }
        #expect(abs(trend.initialMean[0] - (try value("initial.level.prior", "mu"))) < 1e-12)
        #expect(abs(trend.initialMean[1] - (try value("initial.slope.prior", "mu"))) < 1e-12)
        #expect(abs(trend.initialVariances[0].squareRoot() - (try value("initial.level.prior", "sigma"))) < 1e-12)
        #expect(abs(trend.initialVariances[1].squareRoot() - (try value("initial.slope.prior", "sigma"))) < 1e-12)
        for (ours, name) in [(trend.levelPrior, "level.sigma.prior"), (trend.slopePrior, "slope.sigma.prior")] {
            #expect(abs(ours.guess - (try value(name, "prior.guess"))) < 1e-12)
            #expect(ours.sampleSize == (try value(name, "prior.df")))
            #expect(abs(ours.upperLimit - (try value(name, "upper.limit"))) < 1e-12)
        }
        for name in ["level.nu.prior", "slope.nu.prior"] {
            #expect(StudentLocalLinearTrend.degreesOfFreedomRange == (try value(name, "lo"))...(try value(name, "hi")))
        }
        #expect(trend.initialDisturbanceVariances == [1, 1] && trend.initialParameters == [10, 10])
        #expect(specification.stack.hasDisturbanceScales)
        #expect(specification.stack.deviationNames == ["sigma.trend.level", "sigma.trend.slope"])
        #expect(specification.parameterNames == ["nu.trend.level", "nu.trend.slope"])
        #expect(trend.transitionBlocks(moving: true, parameters: [0.0].withUnsafeBufferPointer { $0.baseAddress! })
                == [.dense(Matrix([[1, 1], [0, 1]]))])
    }

    /// A path whose level residuals are (0.5, 6, 0.5, 6, …) and slope residuals (0.2, −3, …).
    static func path(transitions: Int) -> [Double] {
        var level = 1.0, slope = 0.3
        var path = [level, slope]
        for t in 0..<transitions {
            let eta = t % 2 == 0 ? 0.5 : 6, zeta = t % 2 == 0 ? 0.2 : -3
            level += slope + eta
            slope += zeta
            path += [level, slope]
        }
        return path
    }

    /// Given σ² and ν, each new weight is Gamma((ν + 1)/2, rate (ν + e²/σ²)/2) (its mean within
    /// 4.42 SE of 20,000 draws, for a typical residual and an outlier of each disturbance), the
    /// scales become 1/w, and σ² is drawn with the weights the state was drawn with:
    /// E[1/σ²] = (ν₀ + n)/(ν₀s² + Σ e²/s_t) under the old scales s_t (the upper limit is far away).
    @Test func weightsAndVariancesHaveTheirConditionals() {
        let transitions = 4, n = transitions + 1
        let path = Self.path(transitions: transitions)
        let variances = [1.5, 0.8], nus = [3.0, 20.0]
        let oldScales: [Double] = (0..<(n * 2)).map { 0.5 + Double($0 % 3) }
        let stream = RandomStream(seed: 41)
        let count = 20_000
        var weights = [[Double]](repeating: [], count: 4), precisions = [0.0, 0.0]
        for _ in 0..<count {
            var v = variances, nu = nus, scales = oldScales
            var sums = [0.0, 0.0], counts = [0, 0]
            path.withUnsafeBufferPointer { states in
                v.withUnsafeMutableBufferPointer { vp in
                    nu.withUnsafeMutableBufferPointer { np in
                        sums.withUnsafeMutableBufferPointer { s in
                            counts.withUnsafeMutableBufferPointer { c in
                                scales.withUnsafeMutableBufferPointer { sc in
                                    Self.trend.drawParameters(ComponentDraw(
                                        states: states.baseAddress!, stride: 2, length: n, variances: vp.baseAddress!,
                                        parameters: np.baseAddress!, stream: stream, sums: s.baseAddress!,
                                        counts: c.baseAddress!, scales: sc.baseAddress!, scaleStride: 2))
                                }
                            }
                        }
                    }
                }
            }
            for d in 0..<2 {
                weights[2 * d].append(1 / scales[0 * 2 + d])
                weights[2 * d + 1].append(1 / scales[1 * 2 + d])
                precisions[d] += 1 / v[d]
            }
            #expect(scales[(n - 1) * 2] == oldScales[(n - 1) * 2], "the last row has no transition")
        }
        let residuals: [[Double]] = [[0.5, 6, 0.5, 6], [0.2, -3, 0.2, -3]]
        var sums = [0.0, 0.0], counts = [0, 0]
        path.withUnsafeBufferPointer { states in
            Self.trend.accumulateDisturbances(states: states.baseAddress!, stride: 2, length: n, sums: &sums, counts: &counts)
        }
        #expect(counts == [transitions, transitions])
        for d in 0..<2 { #expect(abs(sums[d] - residuals[d].reduce(0) { $0 + $1 * $1 }) < 1e-9) }
        for d in 0..<2 {
            for (k, e) in residuals[d].prefix(2).enumerated() {
                let shape = (nus[d] + 1) / 2, rate = (nus[d] + e * e / variances[d]) / 2
                let draws = weights[2 * d + k]
                let average = draws.reduce(0, +) / Double(count)
                let check = withinStandardErrors(average, shape / rate,
                                                 standardError: shape.squareRoot() / rate / Double(count).squareRoot())
                #expect(check.ok, "disturbance \(d), weight \(k): \(check.message)")
            }
            let squares = (0..<transitions).reduce(0.0) { $0 + residuals[d][$1] * residuals[d][$1] / oldScales[$1 * 2 + d] }
            let shape = (Self.prior.sampleSize + Double(transitions)) / 2
            let rate = (Self.prior.priorSumOfSquares + squares) / 2
            let check = withinStandardErrors(precisions[d] / Double(count), shape / rate,
                                             standardError: shape.squareRoot() / rate / Double(count).squareRoot())
            #expect(check.ok, "disturbance \(d), 1/σ²: \(check.message)")
        }
    }

    /// The weights' log-likelihood is Σ_t log Gamma(w_t; ν/2, rate ν/2) up to a constant:
    /// differences between two ν agree with the densities summed one by one.
    @Test func weightLikelihoodIsTheGammaDensity() throws {
        let weights = [0.3, 1.2, 2.5, 0.05, 0.9]
        let summary = StudentLocalLinearTrend.WeightSummary(count: 5, sum: weights.reduce(0, +),
                                                            sumOfLogs: weights.reduce(0) { $0 + log($1) })
        func direct(_ nu: Double) throws -> Double {
            let gamma = try Gamma(shape: nu / 2, scale: 2 / nu)
            return weights.reduce(0) { $0 + gamma.logDensity($1) }
        }
        for (a, b) in [(1.5, 7.0), (12.0, 300.0)] {
            let ours = StudentLocalLinearTrend.weightLogLikelihood(degreesOfFreedom: a, weights: summary)
                - StudentLocalLinearTrend.weightLogLikelihood(degreesOfFreedom: b, weights: summary)
            #expect(abs(ours - (try direct(a) - direct(b))) < 1e-10)
        }
    }

    /// The slice-sampled ν against its exact posterior on a fine grid over [1, 500], by both of
    /// Boom's routes: from ν ≤ 10 given 400 weights drawn with ν = 3 (the chain stays on this
    /// route), and from ν > 10 given 3000 residuals drawn from σ·t₃₀ with the weights integrated
    /// out (the grid shows that the posterior has no mass below 10 worth speaking of). The chain's
    /// mean within 4.42 Monte Carlo SEs (ESS from the chain) of the exact mean.
    @Test(arguments: [false, true])
    func degreesOfFreedomMatchTheirExactPosterior(robust: Bool) throws {
        let trueNu = robust ? 30.0 : 3.0, n = robust ? 3000 : 400, sigma = 0.7
        let data = RandomStream(seed: robust ? 78 : 77)
        let weights = (0..<n).map { _ in data.gamma(shape: trueNu / 2, rate: trueNu / 2) }
        let residuals = weights.map { sigma * data.normal() / $0.squareRoot() }
        let summary = StudentLocalLinearTrend.WeightSummary(count: Double(n), sum: weights.reduce(0, +),
                                                            sumOfLogs: weights.reduce(0) { $0 + log($1) })
        let variance = sigma * sigma
        let range = StudentLocalLinearTrend.degreesOfFreedomRange
        let grid = stride(from: range.lowerBound, through: range.upperBound, by: 0.01).map { $0 }
        let logDensity = residuals.withUnsafeBufferPointer { e in
            grid.map {
                robust ? StudentErrors.logLikelihood(degreesOfFreedom: $0, residuals: e, variance: variance)
                    : StudentLocalLinearTrend.weightLogLikelihood(degreesOfFreedom: $0, weights: summary)
            }
        }
        let top = try #require(logDensity.max())
        let density = logDensity.map { exp($0 - top) }
        let total = density.reduce(0, +)
        let exactMean = zip(grid, density).reduce(0) { $0 + $1.0 * $1.1 } / total
        let exactSD = (zip(grid, density).reduce(0) { $0 + ($1.0 - exactMean) * ($1.0 - exactMean) * $1.1 } / total).squareRoot()
        let massBelowThreshold = zip(grid, density).filter { $0.0 <= 10 }.reduce(0) { $0 + $1.1 } / total
        #expect(robust ? massBelowThreshold < 1e-6 : massBelowThreshold > 1 - 1e-6)

        let stream = RandomStream(seed: 5)
        var nu = trueNu, chain: [Double] = []
        for _ in 0..<4000 {
            nu = residuals.withUnsafeBufferPointer {
                StudentLocalLinearTrend.drawDegreesOfFreedom(from: nu, residuals: $0, variance: variance, weights: summary,
                                                             using: stream)
            }
            chain.append(nu)
        }
        chain.removeFirst(100)
        let mean = chain.reduce(0, +) / Double(chain.count)
        let ess = MCMCDiagnostics.effectiveSampleSize([chain])
        let check = withinStandardErrors(mean, exactMean, standardError: exactSD / ess.squareRoot())
        #expect(check.ok, "ν (\(robust ? "given residuals" : "given weights")): \(check.message)")
        #expect(chain.allSatisfy { range.contains($0) && (robust ? $0 > 10 : $0 <= 10) })
    }

    /// A Student-t trend needs ten observed points; fewer is a limit naming the trend.
    @Test func shortSeriesAreRefused() {
        let y = (0..<9).map { Double($0 % 3) }
        #expect(throws: BSTSError.limitExceeded(.studentTrendTooShort(span: 9, minimum: 10))) {
            try BSTSModel.fit(response: y, covariates: [], covariateNames: [], model: ModelOptions(trend: .student),
                              sampler: SamplerOptions(iterations: 20, seed: 1))
        }
    }
}
