import CausalModel
import Foundation
import GSL
import Probability

/// The posterior of a linear-Gaussian mechanism's parameters, y = offset + Xθ + ε,
/// ε ~ Normal(0, σ²), from the sufficient statistics XᵀX, Xᵀr, rᵀr (r = y − offset).
///
/// - σ known: with priors θₖ ~ Normal(mₖ, τₖ²) (flat: 1/τₖ² = 0) the posterior is exact,
///   θ | y ~ Normal(μ, Λ⁻¹) with Λ = XᵀX/σ² + diag(1/τ²), μ = Λ⁻¹(Xᵀr/σ² + diag(1/τ²)·m).
/// - σ a parameter, all coefficient priors flat, p(σ²) ∝ 1/σ²: the Normal–inverse-gamma
///   conjugate update, exact: σ² | y ~ InvGamma((n − p)/2, RSS/2) and
///   θ | σ², y ~ Normal(θ̂, σ²(XᵀX)⁻¹) with θ̂ the least-squares solution, so θₖ | y is
///   Student t with n − p degrees of freedom (Gelman et al. 2013, *Bayesian Data
///   Analysis* 3rd ed., §14.2). The posterior mean of θ is least squares.
/// - σ a parameter and some Normal prior: not conjugate; a Gibbs sampler alternates the
///   two exact conditionals θ | σ² (above) and σ² | θ ~ InvGamma(n/2, RSS(θ)/2), over
///   several chains, with split R̂ and effective sample sizes (`MCMCDiagnostics`).
public struct LinearGaussianPosterior: Sendable {
    /// How the posterior was computed.
    public enum Method: String, Sendable {
        /// Exact Gaussian posterior (σ known).
        case exactNormal = "exact Normal posterior (known noise sd)"
        /// Exact Normal–inverse-gamma posterior (flat priors, σ unknown).
        case exactNormalInverseGamma = "exact Normal-inverse-gamma posterior"
        /// Gibbs sampling.
        case gibbs = "Gibbs sampler (4 chains)"
    }

    /// Number of rows.
    public let rows: Int
    /// The coefficients' parameter names, then the noise sd's when it is a parameter.
    public let names: [String]
    /// The posterior summary of each of `names`.
    public let summaries: [ParameterSummary]
    /// How it was computed.
    public let method: Method
    /// Posterior draws (one array per draw, in the order of `names`) when sampled by Gibbs.
    let chains: [[[Double]]]
    private let mu: [Double]
    private let factor: CholeskyFactor
    private let knownScale: Double?
    private let residualSumOfSquares: Double

    /// The posterior from the sufficient statistics: `sampling` sets the Gibbs chains' lengths; `gram` = XᵀX (p × p), `crossProduct`
    /// = Xᵀr, `residualSumOfSquares` = Σ(r − Xθ̂)² at the least-squares θ̂ (used when σ is
    /// unknown and priors are flat), `sumOfSquares` = rᵀr. Throws when the parameters are
    /// not identified (collinear features) or there are too few rows.
    init(names: [String], priors: [ParameterPrior], scale: LinearMechanism.Scale, rows n: Int,
         gram: Matrix, crossProduct: [Double], sumOfSquares: Double, sampling: MCMCSettings = .standard, seed: UInt64) throws {
        let p = priors.count
        let precision = priors.map { if case .normal(_, let sd) = $0 { return 1 / (sd * sd) } else { return 0.0 } }
        let priorMean = priors.map { if case .normal(let m, _) = $0 { return m } else { return 0.0 } }
        rows = n
        func posterior(sigma2: Double) throws -> (mean: [Double], factor: CholeskyFactor) {
            var lambda = (1 / sigma2) * gram
            var b = crossProduct.map { $0 / sigma2 }
            for k in 0..<p {
                lambda[k, k] += precision[k]
                b[k] += precision[k] * priorMean[k]
            }
            let f = try lambda.cholesky()
            return (f.solve(b), f)
        }
        switch scale {
        case .known(let sigma):
            let (mean, f) = try posterior(sigma2: sigma * sigma)
            let covariance = f.inverse()
            self.names = names
            summaries = (0..<p).map { ParameterSummary.normal(mean: mean[$0], sd: covariance[$0, $0].squareRoot()) }
            method = .exactNormal
            (mu, factor, knownScale, residualSumOfSquares, chains) = (mean, f, sigma, 0, [])
        case .parameter(let scaleName):
            guard n - p > 2 else {
                throw ModelError("\(n) rows are too few to estimate \(p) coefficients and the noise sd (need more than \(p + 2))")
            }
            let allFlat = precision.allSatisfy { $0 == 0 }
            if allFlat {
                let f = try gram.cholesky()
                let thetaHat = f.solve(crossProduct)
                let rss = max(0, sumOfSquares - zip(thetaHat, crossProduct).reduce(0) { $0 + $1.0 * $1.1 })
                let nu = Double(n - p)
                let covariance = f.inverse()
                let s2 = rss / nu
                summaries = (0..<p).map {
                    ParameterSummary.studentT(location: thetaHat[$0], scale: (s2 * covariance[$0, $0]).squareRoot(), degreesOfFreedom: nu)
                } + [ParameterSummary.inverseGammaRoot(shape: nu / 2, scale: rss / 2)]
                method = .exactNormalInverseGamma
                (mu, factor, knownScale, residualSumOfSquares, chains) = (thetaHat, f, nil, rss, [])
            } else {
                var chains: [[[Double]]] = []
                for c in 0..<sampling.chains {
                    let stream = RandomStream(seed: seed, path: [0x6769_6262, UInt64(c)])
                    var sigma2 = max(sumOfSquares / Double(n), 1e-12) * (0.5 + stream.uniform())
                    var draws: [[Double]] = []
                    for iteration in 0..<(sampling.warmUp + sampling.kept) {
                        let (mean, f) = try posterior(sigma2: sigma2)
                        let z = (0..<p).map { _ in stream.normal() }
                        let theta = zip(mean, f.solveUpper(z)).map { $0 + $1 }
                        var rss = sumOfSquares
                        for i in 0..<p {
                            rss -= 2 * theta[i] * crossProduct[i]
                            for j in 0..<p { rss += theta[i] * gram[i, j] * theta[j] }
                        }
                        sigma2 = max(rss, 0) / 2 / stream.gamma(shape: Double(n) / 2, rate: 1)
                        if iteration >= sampling.warmUp { draws.append(theta + [sigma2.squareRoot()]) }
                    }
                    chains.append(draws)
                }
                summaries = (0...p).map { k in ParameterSummary.sampled(chains.map { $0.map { $0[k] } }) }
                method = .gibbs
                (mu, factor, knownScale, residualSumOfSquares) = ([], try gram.cholesky(), nil, 0)
                self.chains = chains
            }
            self.names = names + [scaleName]
        }
    }

    /// The posterior mean of each of `names`.
    public var means: [Double] { summaries.map(\.mean) }

    /// One draw from the posterior (values in the order of `names`): exact for the
    /// conjugate cases, a uniformly chosen kept Gibbs draw otherwise.
    public func draw(using stream: RandomStream) -> [Double] {
        switch method {
        case .exactNormal:
            let z = mu.map { _ in stream.normal() }
            return zip(mu, factor.solveUpper(z)).map { $0 + $1 }
        case .exactNormalInverseGamma:
            let nu = Double(rows - mu.count)
            let sigma2 = residualSumOfSquares / 2 / stream.gamma(shape: nu / 2, rate: 1)
            let z = mu.map { _ in stream.normal() * sigma2.squareRoot() }
            return zip(mu, factor.solveUpper(z)).map { $0 + $1 } + [sigma2.squareRoot()]
        case .gibbs:
            let chain = chains[stream.uniformInt(below: chains.count)]
            return chain[stream.uniformInt(below: chain.count)]
        }
    }
}
