import Foundation
import GSL
import Probability
import Testing
import TestSupport
@testable import BSTS

/// The spike-and-slab sampler against closed forms and exact enumeration
/// (the checks of TensorFlow Probability's sts_gibbs spike_and_slab_test).
@Suite struct SpikeSlabSamplerTests {
    /// A column-major design with an intercept and smooth covariates.
    static func design(rows n: Int, covariates: Int) -> [Double] {
        var x = [Double](repeating: 1, count: n)
        for j in 0..<covariates {
            x += (0..<n).map { t in sin(Double(t * (j + 2)) * 0.37) + 0.1 * Double(j) }
        }
        return x
    }

    static func gram(_ x: [Double], rows n: Int, columns p: Int) -> [Double] {
        var g = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in 0..<p { for t in 0..<n { g[i * p + j] += x[i * n + t] * x[j * n + t] } } }
        return g
    }

    /// Each free column's inclusion frequency (`indicators[j]`, j ≥ 1, one 0/1 per draw) within
    /// 4.42 SE of its exact marginal probability `exact[j − 1]`, the SE from the chain's ESS.
    static func checkFrequencies(_ indicators: [[Double]], exact: [Double]) {
        for j in 1..<indicators.count {
            let draws = Double(indicators[j].count)
            let frequency = indicators[j].reduce(0, +) / draws
            // A chain that never left one state has no ESS; count its draws as independent.
            let ess = MCMCDiagnostics.effectiveSampleSize([indicators[j]])
            let se = max((exact[j - 1] * (1 - exact[j - 1]) / (ess.isNaN ? draws : ess)).squareRoot(), 1 / draws)
            let check = withinStandardErrors(frequency, exact[j - 1], standardError: se)
            #expect(check.ok, "column \(j): \(check.message)")
        }
    }

    /// Each β_j's sample mean and variance (from the sums `sum` and `squares` of `draws` draws)
    /// within 4.42 SE of `mean[j]` and `covariance[j, j]`; a sample variance's SE is
    /// v·√(varianceFactor/N) (varianceFactor = 2 + excess kurtosis: 2 for a normal).
    static func checkMoments(sum: [Double], squares: [Double], draws: Int, mean: [Double], covariance: Matrix,
                             varianceFactor: Double) {
        for j in sum.indices {
            let sampleMean = sum[j] / Double(draws)
            let sampleVariance = (squares[j] - Double(draws) * sampleMean * sampleMean) / Double(draws - 1)
            let v = covariance[j, j]
            let meanCheck = withinStandardErrors(sampleMean, mean[j], standardError: (v / Double(draws)).squareRoot())
            #expect(meanCheck.ok, "β_\(j) mean: \(meanCheck.message)")
            let varianceCheck = withinStandardErrors(sampleVariance, v, standardError: v * (varianceFactor / Double(draws)).squareRoot())
            #expect(varianceCheck.ok, "β_\(j) variance: \(varianceCheck.message)")
        }
    }

    static func response(_ x: [Double], rows n: Int, coefficients: [Double], seed: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed)
        return (0..<n).map { t in
            coefficients.indices.reduce(0) { $0 + coefficients[$1] * x[$1 * n + t] } + 0.7 * stream.normal()
        }
    }

    /// With every π_j = 1 the draws are exact draws from the conjugate posterior:
    /// 1/σ² ~ Gamma(DF/2, SS/2), β | σ² ~ N(m, σ² A⁻¹), so β is Student-t with
    /// E β = m, Cov β = SS/(DF − 2) · A⁻¹ and E σ² = SS/(DF − 2) (A = Ω + X'X,
    /// m = A⁻¹X'y, SS = νs² + y'y − m'X'y, DF = n + ν). Truth computed with GSL.
    @Test func fixedInclusionSetMatchesConjugatePosterior() throws {
        let n = 40, p = 3, draws = 20_000
        let x = Self.design(rows: n, covariates: p - 1)
        let y = Self.response(x, rows: n, coefficients: [0.5, 1.5, -0.8], seed: 4)
        let residual = SdPrior(guess: 0.6, sampleSize: 3)
        let prior = SpikeSlabPrior(design: x, rows: n, columns: p, expectedModelSize: 3, expectedR2: 0.5, priorDF: 3,
                                   sdy: 1, upperLimit: .infinity)
        let fixed = SpikeSlabPrior(inclusionProbabilities: [1, 1, 1], precision: prior.precision, residual: residual)
        let gram = Self.gram(x, rows: n, columns: p)
        let sampler = SpikeSlabSampler(prior: fixed, observedDesign: x, observations: n, gram: gram, initialVariance: 1)

        let a = Matrix(rowMajor: zip(fixed.precision, gram).map { $0 + $1 }, rows: p, columns: p)
        let xty = (0..<p).map { j in (0..<n).reduce(0) { $0 + x[j * n + $1] * y[$1] } }
        let factor = try a.cholesky()
        let mean = factor.solve(xty)
        let yty = y.reduce(0) { $0 + $1 * $1 }
        let ss = residual.priorSumOfSquares + yty - zip(mean, xty).reduce(0) { $0 + $1.0 * $1.1 }
        let df = Double(n) + residual.sampleSize
        let covariance = (ss / (df - 2)) * factor.inverse()

        let stream = RandomStream(seed: 99)
        var sum = [Double](repeating: 0, count: p), squares = sum, varianceSum = 0.0
        y.withUnsafeBufferPointer { target in
            for _ in 0..<draws {
                sampler.draw(target: target.baseAddress!, using: stream)
                for j in 0..<p { sum[j] += sampler.coefficients[j]; squares[j] += sampler.coefficients[j] * sampler.coefficients[j] }
                varianceSum += sampler.variance
            }
        }
        // Var of a sample variance of a t_DF variable: σ⁴ (2 + 6/(DF − 4)) / N.
        Self.checkMoments(sum: sum, squares: squares, draws: draws, mean: mean, covariance: covariance,
                          varianceFactor: 2 + 6 / (df - 4))
        let sigmaMean = ss / (df - 2), sigmaSD = sigmaMean * (2 / (df - 4)).squareRoot()
        let sigmaCheck = withinStandardErrors(varianceSum / Double(draws), sigmaMean, standardError: sigmaSD / Double(draws).squareRoot())
        #expect(sigmaCheck.ok, "σ²: \(sigmaCheck.message)")
    }

    /// With X = 0 the data say nothing about γ, so the indicators sample the prior.
    /// Each free indicator is a two-state Metropolis chain with second eigenvalue
    /// λ = −min(π/(1−π), (1−π)/π); the frequency's asymptotic variance is
    /// π(1−π)(1+λ)/((1−λ)N).
    @Test func zeroDesignRecoversThePrior() {
        let n = 20, draws = 20_000
        let probabilities = [0.2, 0.5, 0.85]
        let p = probabilities.count
        var identity = [Double](repeating: 0, count: p * p)
        for i in 0..<p { identity[i * p + i] = 1 }
        let prior = SpikeSlabPrior(inclusionProbabilities: probabilities, precision: identity,
                                   residual: SdPrior(guess: 1, sampleSize: 1))
        let zeros = [Double](repeating: 0, count: n * p)
        let sampler = SpikeSlabSampler(prior: prior, observedDesign: zeros, observations: n,
                                       gram: [Double](repeating: 0, count: p * p), initialVariance: 1)
        let y = (0..<n).map { sin(Double($0)) }
        let stream = RandomStream(seed: 123)
        var counts = [Int](repeating: 0, count: p)
        y.withUnsafeBufferPointer { target in
            for _ in 0..<draws {
                sampler.draw(target: target.baseAddress!, using: stream)
                for j in 0..<p where sampler.included[j] { counts[j] += 1 }
            }
        }
        for (j, pi) in probabilities.enumerated() {
            let lambda = -min(pi / (1 - pi), (1 - pi) / pi)
            let variance = pi * (1 - pi) * (1 + lambda) / ((1 - lambda) * Double(draws))
            let check = withinStandardErrors(Double(counts[j]) / Double(draws), pi,
                                             standardError: max(variance.squareRoot(), 1 / Double(draws)))
            #expect(check.ok, "π = \(pi): \(check.message)")
        }
    }

    /// Marginal inclusion frequencies against exact enumeration of the 8 models
    /// (intercept always in, three free columns) with log p(γ | y) written out
    /// densely from NOTES §9.5; standard errors from each indicator's ESS.
    @Test func inclusionFrequenciesMatchExactEnumeration() throws {
        let n = 30, p = 4, draws = 20_000
        let x = Self.design(rows: n, covariates: p - 1)
        let y = Self.response(x, rows: n, coefficients: [0.2, 1.2, 0.25, 0], seed: 8)
        let base = SpikeSlabPrior(design: x, rows: n, columns: p, expectedModelSize: 1.6, expectedR2: 0.5, priorDF: 2,
                                  sdy: 1, upperLimit: .infinity)
        let prior = SpikeSlabPrior(inclusionProbabilities: [1, 0.4, 0.4, 0.4], precision: base.precision, residual: base.residual)
        let gram = Self.gram(x, rows: n, columns: p)
        let xty = (0..<p).map { j in (0..<n).reduce(0) { $0 + x[j * n + $1] * y[$1] } }
        let yty = y.reduce(0) { $0 + $1 * $1 }
        let df = Double(n) + prior.residual.sampleSize

        var weights: [[Bool]: Double] = [:]
        for mask in 0..<8 {
            let gamma = [true, mask & 1 != 0, mask & 2 != 0, mask & 4 != 0]
            let selected = (0..<p).filter { gamma[$0] }
            let omega = Matrix(selected.map { i in selected.map { prior.precision[i * p + $0] } })
            let a = Matrix(selected.map { i in selected.map { prior.precision[i * p + $0] + gram[i * p + $0] } })
            let b = selected.map { xty[$0] }
            let aFactor = try a.cholesky()
            let m = aFactor.solve(b)
            let ss = prior.residual.priorSumOfSquares + yty - zip(m, b).reduce(0) { $0 + $1.0 * $1.1 }
            let logPrior = (1..<p).reduce(0.0) { $0 + (gamma[$1] ? log(0.4) : log(0.6)) }
            weights[gamma] = logPrior + 0.5 * (try omega.cholesky().logDeterminant - aFactor.logDeterminant) - (df / 2 - 1) * log(ss)
        }
        let top = weights.values.max()!
        let total = weights.values.reduce(0) { $0 + exp($1 - top) }
        let exact = (1..<p).map { j in weights.filter { $0.key[j] }.values.reduce(0) { $0 + exp($1 - top) } / total }

        let sampler = SpikeSlabSampler(prior: prior, observedDesign: x, observations: n, gram: gram, initialVariance: 1)
        let stream = RandomStream(seed: 321)
        var indicators = [[Double]](repeating: [], count: p)
        y.withUnsafeBufferPointer { target in
            for _ in 0..<draws {
                sampler.draw(target: target.baseAddress!, using: stream)
                for j in 1..<p { indicators[j].append(sampler.included[j] ? 1 : 0) }
            }
        }
        Self.checkFrequencies(indicators, exact: exact)
        #expect(exact[0] > 0.9 && exact[2] < 0.5, "the enumeration should separate signal from noise: \(exact)")
    }

    /// Ω = w·((1 − α) X'X/n + α diag(X'X/n)); π = min(1, size/P), 0 for a zero column.
    @Test func priorConstructionFollowsBoomSpikeSlab() {
        let n = 6
        let x: [Double] = [1, 1, 1, 1, 1, 1,  1, 2, 3, 4, 5, 6,  0, 0, 0, 0, 0, 0]
        let prior = SpikeSlabPrior(design: x, rows: n, columns: 3, expectedModelSize: 2, expectedR2: 0.8, priorDF: 50,
                                   sdy: 2, upperLimit: 2.4)
        #expect(prior.inclusionProbabilities == [2.0 / 3, 2.0 / 3, 0])
        // X'X/n: (1,1) = 1, (1,2) = 21/6, (2,2) = 91/6.
        #expect(abs(prior.precision[0] - 0.01) < 1e-15)
        #expect(abs(prior.precision[1] - 0.01 * 0.5 * 21 / 6) < 1e-15)
        #expect(abs(prior.precision[4] - 0.01 * 91 / 6) < 1e-15)
        #expect(abs(prior.residual.guess - (0.2).squareRoot() * 2) < 1e-15)
        #expect(prior.residual.sampleSize == 50 && prior.residual.upperLimit == 2.4)
    }
}

/// `drawHoldingVariance` (Boom's TRegressionSpikeSlabSampler, bsts' `family = "student"`):
/// each of its three conditionals against its closed form, with weights w_i and σ² reset to
/// a fixed σ₀² before every draw so that the flips target p(γ | y, σ₀², w).
@Suite struct HeldVarianceSpikeSlabTests {
    static let n = 30, heldVariance = 0.49

    /// Weights of a t₄ error model's latent Gamma(2, rate 2) draws.
    static func weights() -> [Double] {
        let stream = RandomStream(seed: 17)
        return (0..<n).map { _ in stream.gamma(shape: 2, rate: 2) }
    }

    /// X'WX, X'Wy and y'Wy over the selected columns `columns`.
    static func weightedStatistics(_ x: [Double], _ y: [Double], _ w: [Double], columns: [Int]) -> (xtwx: Matrix, xtwy: [Double]) {
        let xtwx = Matrix(columns.map { i in columns.map { j in (0..<n).reduce(0) { $0 + w[$1] * x[i * n + $1] * x[j * n + $1] } } })
        let xtwy = columns.map { j in (0..<n).reduce(0) { $0 + w[$1] * x[j * n + $1] * y[$1] } }
        return (xtwx, xtwy)
    }

    /// Marginal inclusion frequencies of the flips at σ₀² against exact enumeration of the 8
    /// models (intercept always in), log p(γ | y, σ₀², w) = log π(γ) + ½ log|Ω_γ| − ½ log|A_γ|
    /// + b'A_γ⁻¹b/(2σ₀²), A_γ = Ω_γ + X_γ'WX_γ, b = X_γ'Wy; standard errors from each indicator's ESS.
    @Test func flipsAtTheHeldVarianceMatchExactEnumeration() throws {
        let n = Self.n, p = 4, draws = 20_000
        let x = SpikeSlabSamplerTests.design(rows: n, covariates: p - 1)
        let y = SpikeSlabSamplerTests.response(x, rows: n, coefficients: [0.2, 0.5, 0.5, 0], seed: 8)
        let w = Self.weights()
        let base = SpikeSlabPrior(design: x, rows: n, columns: p, expectedModelSize: 1.6, expectedR2: 0.5, priorDF: 2,
                                  sdy: 1, upperLimit: .infinity)
        let prior = SpikeSlabPrior(inclusionProbabilities: [1, 0.4, 0.4, 0.4], precision: base.precision, residual: base.residual)
        var logWeights: [[Bool]: Double] = [:]
        for mask in 0..<8 {
            let gamma = [true, mask & 1 != 0, mask & 2 != 0, mask & 4 != 0]
            let selected = (0..<p).filter { gamma[$0] }
            let omega = Matrix(selected.map { i in selected.map { prior.precision[i * p + $0] } })
            let (xtwx, b) = Self.weightedStatistics(x, y, w, columns: selected)
            let a = Matrix(selected.indices.map { i in selected.indices.map { omega[i, $0] + xtwx[i, $0] } })
            let aFactor = try a.cholesky()
            let fit = zip(aFactor.solve(b), b).reduce(0) { $0 + $1.0 * $1.1 }
            let logPrior = (1..<p).reduce(0.0) { $0 + (gamma[$1] ? log(0.4) : log(0.6)) }
            logWeights[gamma] = logPrior + 0.5 * (try omega.cholesky().logDeterminant - aFactor.logDeterminant)
                + fit / (2 * Self.heldVariance)
        }
        let top = try #require(logWeights.values.max())
        let total = logWeights.values.reduce(0) { $0 + exp($1 - top) }
        let exact = (1..<p).map { j in logWeights.filter { $0.key[j] }.values.reduce(0) { $0 + exp($1 - top) } / total }

        let sampler = SpikeSlabSampler(prior: prior, observedDesign: x, observations: n,
                                       gram: SpikeSlabSamplerTests.gram(x, rows: n, columns: p), initialVariance: 1)
        let stream = RandomStream(seed: 654)
        var indicators = [[Double]](repeating: [], count: p)
        y.withUnsafeBufferPointer { target in
            w.withUnsafeBufferPointer { weights in
                for _ in 0..<draws {
                    sampler.variance = Self.heldVariance
                    sampler.drawHoldingVariance(target: target.baseAddress!, weights: weights.baseAddress!, using: stream)
                    for j in 1..<p { indicators[j].append(sampler.included[j] ? 1 : 0) }
                }
            }
        }
        SpikeSlabSamplerTests.checkFrequencies(indicators, exact: exact)
        #expect(exact.contains { $0 > 0.2 && $0 < 0.8 }, "some indicator should be uncertain: \(exact)")
    }

    /// With every π_j = 1: β ~ N(m, σ₀² A⁻¹), A = Ω + X'WX, m = A⁻¹X'Wy (each β_j's mean and
    /// variance within 4.42 SE of 10,000 draws), and σ² given that β has
    /// 1/σ² ~ Gamma((n + ν)/2, (νs² + Σ w_i (y_i − x_iᵀβ)²)/2), so u = (νs² + Σ w_i e_i²)/(2σ²) is
    /// Gamma((n + ν)/2, 1) whatever β was: its mean and variance both (n + ν)/2. The draws
    /// alternate between two sets of weights, each checked against its own conditional, so
    /// that X'WX must follow the weights from one draw to the next.
    @Test func coefficientsAndVarianceFollowTheirConditionals() throws {
        let n = Self.n, p = 3, draws = 10_000
        let x = SpikeSlabSamplerTests.design(rows: n, covariates: p - 1)
        let y = SpikeSlabSamplerTests.response(x, rows: n, coefficients: [0.5, 1.5, -0.8], seed: 4)
        let weightSets = [Self.weights(), Self.weights().reversed()]
        let base = SpikeSlabPrior(design: x, rows: n, columns: p, expectedModelSize: 3, expectedR2: 0.5, priorDF: 3,
                                  sdy: 1, upperLimit: .infinity)
        let prior = SpikeSlabPrior(inclusionProbabilities: [1, 1, 1], precision: base.precision,
                                   residual: SdPrior(guess: 0.6, sampleSize: 3))
        let sampler = SpikeSlabSampler(prior: prior, observedDesign: x, observations: n,
                                       gram: SpikeSlabSamplerTests.gram(x, rows: n, columns: p), initialVariance: 1)
        let stream = RandomStream(seed: 98)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: p), count: 2), squares = sums
        var scaled: [[Double]] = [[], []]
        y.withUnsafeBufferPointer { target in
            for draw in 0..<(2 * draws) {
                let set = draw % 2, w = weightSets[set]
                sampler.variance = Self.heldVariance
                w.withUnsafeBufferPointer {
                    sampler.drawHoldingVariance(target: target.baseAddress!, weights: $0.baseAddress!, using: stream)
                }
                let beta = sampler.coefficients
                for j in 0..<p { sums[set][j] += beta[j]; squares[set][j] += beta[j] * beta[j] }
                let weightedSquares = (0..<n).reduce(0.0) { total, i in
                    let e = y[i] - (0..<p).reduce(0) { $0 + x[$1 * n + i] * beta[$1] }
                    return total + w[i] * e * e
                }
                scaled[set].append((prior.residual.priorSumOfSquares + weightedSquares) / (2 * sampler.variance))
            }
        }
        let shape = (Double(n) + prior.residual.sampleSize) / 2
        for set in 0..<2 {
            let (xtwx, xtwy) = Self.weightedStatistics(x, y, weightSets[set], columns: Array(0..<p))
            let a = Matrix(rowMajor: (0..<(p * p)).map { prior.precision[$0] + xtwx[$0 / p, $0 % p] }, rows: p, columns: p)
            let factor = try a.cholesky()
            SpikeSlabSamplerTests.checkMoments(sum: sums[set], squares: squares[set], draws: draws, mean: factor.solve(xtwy),
                                               covariance: Self.heldVariance * factor.inverse(), varianceFactor: 2)
            let u = scaled[set]
            let uMean = u.reduce(0, +) / Double(draws)
            let uVariance = u.reduce(0) { $0 + ($1 - uMean) * ($1 - uMean) } / Double(draws - 1)
            let meanCheck = withinStandardErrors(uMean, shape, standardError: (shape / Double(draws)).squareRoot())
            #expect(meanCheck.ok, "weights \(set): σ² given β, scaled: \(meanCheck.message)")
            // Var of a sample variance of a Gamma(k, 1) variable: (μ₄ − σ⁴)/N = (2k² + 6k)/N.
            let varianceCheck = withinStandardErrors(uVariance, shape,
                                                     standardError: ((2 * shape * shape + 6 * shape) / Double(draws)).squareRoot())
            #expect(varianceCheck.ok, "weights \(set): σ² given β, scaled variance: \(varianceCheck.message)")
        }
    }
}
