import CausalModel
import Dispatch
import Foundation
import GSL
import Probability
import Synchronization

/// The posterior of a generalized linear mechanism's coefficients (logistic or Poisson,
/// `GeneralizedLinearMechanism`), p(θ | y) ∝ Πᵢ exp(yᵢηᵢ − b(ηᵢ)) · Πₖ p(θₖ), with
/// η = offset + Xθ and flat or Normal priors, sampled by Markov chain Monte Carlo:
///
/// 1. Newton's method with step halving finds the posterior mode θ̂ (with flat priors the
///    maximum-likelihood estimate; this is iteratively reweighted least squares) and the
///    curvature H = XᵀWX + diag(1/τ²) there, W = diag(b″(ηᵢ)).
/// 2. Metropolis–Hastings whose every iteration makes, with probability ½ each, one of two
///    proposals shaped by the Laplace approximation N(θ̂, H⁻¹) (Gelman et al. 2013, *Bayesian
///    Data Analysis* 3rd ed., §11.2 and §13.3):
///    - independence: θ′ = θ̂ + H^(−1/2)·z·√(ν/g), a multivariate t with ν = 4 degrees of
///      freedom (z ~ N(0, I), g ~ χ²_ν), accepted with probability
///      min(1, π(θ′)q(θ)/(π(θ)q(θ′))). Its tails are heavier than those of the log-concave
///      posterior, so the ratio is bounded and the chain uniformly ergodic; where the
///      posterior is close to its Laplace approximation (many rows) the draws are nearly
///      independent.
///    - random walk: θ′ = θ + (2.38/√p)·H^(−1/2)·z, the optimal scale for a Gaussian target
///      of dimension p (Roberts, Gelman & Gilks 1997), which explores locally where the
///      Laplace approximation is poor (a skewed posterior near separation).
///    Each chain starts at θ̂ + 2·H^(−1/2)·z, overdispersed, so that split R̂ can see chains
///    that have not mixed; the chains run concurrently.
///
/// With a flat prior the posterior is proper only when the maximum-likelihood estimate
/// exists: not when the data are separated (a combination of the features puts every 1 on
/// one side and every 0 on the other, Albert & Anderson 1984), nor when a group of counts
/// is all zero. Then Newton's iterates run off to infinity instead of converging, and the
/// fit stops with an error that says to give the coefficients Normal priors.
struct GeneralizedLinearPosterior: Sendable {
    /// The coefficients' parameter names.
    let names: [String]
    /// The posterior summary of each of `names` (sampled: with R̂ and ESS).
    let summaries: [ParameterSummary]
    /// The posterior mode θ̂.
    let mode: [Double]
    /// The share of proposals accepted, over all chains after warm-up.
    let acceptance: Double
    /// Kept draws: chains[c][t] is one θ.
    private let chains: [[[Double]]]

    /// Degrees of freedom ν of the independence proposal's multivariate t.
    static let degreesOfFreedom = 4.0

    /// Newton iterations allowed before the mode is declared not to exist.
    static let newtonIterations = 100

    /// Samples the posterior of θ given `response` y, `offset` and the `design`
    /// columns (one per coefficient). Throws `ModelError` when the mode does not exist.
    init(family: GeneralizedLinearMechanism.Family, response: [Double], offset: [Double], design: [[Double]],
         names: [String], priors: [ParameterPrior], settings: MCMCSettings, seed: UInt64) throws {
        let likelihood = GeneralizedLinearLikelihood(family: family, response: response, offset: offset, design: design, priors: priors)
        let (mode, curvature) = try likelihood.mode()
        let p = names.count
        let step = 2.38 / Double(p).squareRoot(), nu = Self.degreesOfFreedom
        /// log q(θ) of the t proposal, up to a constant: −(ν + p)/2 · log(1 + ‖Lᵀ(θ − θ̂)‖²/ν).
        @Sendable func logProposal(_ theta: [Double]) -> Double {
            var squared = 0.0
            for i in 0..<p {
                var s = 0.0
                for k in i..<p { s += curvature.lower[k, i] * (theta[k] - mode[k]) }
                squared += s * s
            }
            return -(nu + Double(p)) / 2 * log1p(squared / nu)
        }
        // One chain per core: chain c draws from the stream of (seed, c) and shares nothing
        // mutable, so its draws do not depend on scheduling.
        let results = Mutex<[(draws: [[Double]], accepted: Int)]>(Array(repeating: ([], 0), count: settings.chains))
        DispatchQueue.concurrentPerform(iterations: settings.chains) { c in
            var accepted = 0
            let stream = RandomStream(seed: seed, path: [0x676c_6d00, UInt64(c)])
            var theta = zip(mode, curvature.solveUpper((0..<p).map { _ in 2 * stream.normal() })).map { $0 + $1 }
            var current = likelihood.logPosterior(theta)
            // log q of the current θ, which changes only on acceptance.
            var currentProposal = logProposal(theta)
            var draws: [[Double]] = []
            draws.reserveCapacity(settings.kept)
            for iteration in 0..<(settings.warmUp + settings.kept) {
                let proposal: [Double], correction: Double, proposedProposal: Double?
                if stream.uniform() < 0.5 {
                    let spread = (nu / stream.gamma(shape: nu / 2, scale: 2)).squareRoot()
                    proposal = zip(mode, curvature.solveUpper((0..<p).map { _ in spread * stream.normal() })).map { $0 + $1 }
                    let logQ = logProposal(proposal)
                    proposedProposal = logQ
                    correction = currentProposal - logQ
                } else {
                    proposal = zip(theta, curvature.solveUpper((0..<p).map { _ in step * stream.normal() })).map { $0 + $1 }
                    proposedProposal = nil
                    correction = 0
                }
                let candidate = likelihood.logPosterior(proposal)
                let accept = candidate.isFinite && log(stream.uniformOpen()) < candidate - current + correction
                if accept {
                    (theta, current) = (proposal, candidate)
                    currentProposal = proposedProposal ?? logProposal(proposal)
                }
                if iteration >= settings.warmUp {
                    draws.append(theta)
                    if accept { accepted += 1 }
                }
            }
            results.withLock { $0[c] = (draws, accepted) }
        }
        let chains = results.withLock { $0 }
        self.names = names
        self.mode = mode
        self.chains = chains.map(\.draws)
        acceptance = Double(chains.reduce(0) { $0 + $1.accepted }) / Double(settings.chains * settings.kept)
        summaries = (0..<p).map { k in ParameterSummary.sampled(chains.map { $0.draws.map { $0[k] } }) }
    }

    /// The posterior mean of each of `names`.
    var means: [Double] { summaries.map(\.mean) }

    /// One posterior draw: a uniformly chosen kept draw of a uniformly chosen chain.
    func draw(using stream: RandomStream) -> [Double] {
        let chain = chains[stream.uniformInt(below: chains.count)]
        return chain[stream.uniformInt(below: chain.count)]
    }
}

/// The log-likelihood Σᵢ yᵢηᵢ − b(ηᵢ) of a generalized linear mechanism (without the
/// constant −Σ log yᵢ! of the Poisson), its log-posterior under flat or Normal priors,
/// and the posterior mode by Newton's method.
struct GeneralizedLinearLikelihood {
    let family: GeneralizedLinearMechanism.Family
    let response: [Double]
    let offset: [Double]
    /// The design, row-major: row i is design[i·p ..< (i + 1)·p].
    let design: [Double]
    let p: Int
    let precision: [Double]
    let priorMean: [Double]

    init(family: GeneralizedLinearMechanism.Family, response: [Double], offset: [Double], design columns: [[Double]], priors: [ParameterPrior]) {
        self.family = family
        self.response = response
        self.offset = offset
        p = columns.count
        var design = [Double](repeating: 0, count: response.count * columns.count)
        for (k, column) in columns.enumerated() {
            for i in column.indices { design[i * columns.count + k] = column[i] }
        }
        self.design = design
        precision = priors.map { if case .normal(_, let sd) = $0 { return 1 / (sd * sd) } else { return 0.0 } }
        priorMean = priors.map { if case .normal(let m, _) = $0 { return m } else { return 0.0 } }
    }

    /// Calls `body(i, ηᵢ)` for every row i, with ηᵢ = offsetᵢ + Σₖ xᵢₖθₖ formed in place.
    @inline(__always)
    func forEachLinearPredictor(_ theta: [Double], _ body: (Int, Double) -> Void) {
        let n = response.count, p = p
        design.withUnsafeBufferPointer { x in
            theta.withUnsafeBufferPointer { t in
                offset.withUnsafeBufferPointer { o in
                    for i in 0..<n {
                        var eta = o[i]
                        for k in 0..<p { eta += x[i * p + k] * t[k] }
                        body(i, eta)
                    }
                }
            }
        }
    }

    /// ηᵢ = offsetᵢ + Σₖ xᵢₖθₖ for every row.
    func linearPredictor(_ theta: [Double]) -> [Double] {
        var eta = [Double](repeating: 0, count: response.count)
        eta.withUnsafeMutableBufferPointer { e in forEachLinearPredictor(theta) { e[$0] = $1 } }
        return eta
    }

    /// Σᵢ yᵢηᵢ − b(ηᵢ), holding no n-vector (the sampler calls it once per proposal).
    func logLikelihood(_ theta: [Double]) -> Double {
        var s = 0.0
        response.withUnsafeBufferPointer { y in
            forEachLinearPredictor(theta) { i, eta in s += y[i] * eta - family.cumulant(eta) }
        }
        return s
    }

    /// The log-likelihood plus Σₖ −(θₖ − mₖ)²/(2τₖ²) over the Normal priors.
    func logPosterior(_ theta: [Double]) -> Double {
        var s = logLikelihood(theta)
        for k in 0..<p where precision[k] > 0 { s -= 0.5 * precision[k] * (theta[k] - priorMean[k]) * (theta[k] - priorMean[k]) }
        return s
    }

    /// The mode of the log-posterior and the Cholesky factor of the negative Hessian
    /// there. Throws when Newton's iterates do not converge (no mode: separated data under a flat prior).
    func mode() throws -> (mode: [Double], curvature: CholeskyFactor) {
        var theta = [Double](repeating: 0, count: p)
        var current = logPosterior(theta)
        for iteration in 0..<GeneralizedLinearPosterior.newtonIterations {
            guard let (gradient, factor) = curvature(at: theta) else {
                if iteration == 0 { throw ModelError("its coefficients are not identified by the data: their features are collinear (or constant)") }
                break   // the weights vanished on the way to infinity: no mode
            }
            let direction = factor.solve(gradient)
            var scale = 1.0, candidate = theta, value = current
            repeat {
                candidate = zip(theta, direction).map { $0 + scale * $1 }
                value = logPosterior(candidate)
                if value.isFinite && value >= current - 1e-12 * abs(current) { break }
                scale /= 2
            } while scale > 1e-12
            let converged = (0..<p).allSatisfy { abs(candidate[$0] - theta[$0]) <= 1e-9 * (1 + abs(candidate[$0])) }
            (theta, current) = (candidate, value)
            if converged, let factor = curvature(at: theta)?.factor { return (theta, factor) }
        }
        throw ModelError("the posterior of its coefficients is improper: the likelihood has no maximum (Newton's method diverged), "
            + (family == .logistic ? "because the data separate the 0s from the 1s (a combination of the features predicts it perfectly, or it is always 0 or always 1); "
                                   : "because its counts are all zero where a feature is non-zero; ")
            + "give the coefficients Normal priors (param b ~ Normal(0, 5); an automatic mechanism written out by hand) to regularise them")
    }

    /// The gradient of the log-posterior at θ and the Cholesky factor of XᵀWX + diag(1/τ²),
    /// or nil when that matrix is not positive definite.
    private func curvature(at theta: [Double]) -> (gradient: [Double], factor: CholeskyFactor)? {
        let eta = linearPredictor(theta)
        var gradient = (0..<p).map { -precision[$0] * (theta[$0] - priorMean[$0]) }
        var hessian = Matrix(rows: p, columns: p)
        for k in 0..<p { hessian[k, k] = precision[k] }
        for i in eta.indices {
            let residual = response[i] - family.mean(eta[i]), weight = family.variance(eta[i])
            for k in 0..<p {
                let xk = design[i * p + k]
                gradient[k] += xk * residual
                for l in 0...k { hessian[k, l] += weight * xk * design[i * p + l] }
            }
        }
        for k in 0..<p { for l in 0..<k { hessian[l, k] = hessian[k, l] } }
        return (try? hessian.cholesky()).map { (gradient, $0) }
    }
}
