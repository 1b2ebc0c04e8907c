import BSTS

/// What the MCMC run behind an analysis reports about itself: chains, burn-in,
/// the regression and the convergence diagnostics of each monitored parameter.
public struct SamplerReport: Sendable {
    /// MCMC iterations per chain.
    public let iterations: Int
    /// The burn-in of each chain (R bsts' `SuggestBurn(0.1)`).
    public let burnIn: [Int]
    /// The covariate names (static regression only; empty otherwise).
    public let covariateNames: [String]
    /// Per covariate: the fraction of kept draws that include it.
    public let inclusionProbabilities: [Double]
    /// Per covariate: the posterior mean coefficient on the modelling scale (standardised
    /// with CausalImpact's priors), counting excluded draws as 0.
    public let coefficientMeans: [Double]
    /// Posterior mean, effective sample size and split R̂ of σ_obs, the state σ's and the coefficients.
    public let parameters: [ParameterSummary]

    /// Split R̂ above this suggests the chains have not converged (Gelman et al.,
    /// Bayesian Data Analysis, 3rd ed., §11.4, use 1.1).
    public static let rHatLimit = 1.1

    /// A standard deviation whose draws are worth fewer independent ones than this is
    /// flagged: a 95% interval's ends then rest on about one effective draw beyond each
    /// (0.025 × 50), and its sd is known only to about ±10% (1/√(2 × 50)).
    public static let minimumEffectiveSampleSize = 50.0

    /// The model standard deviation (`sigma.*`) with the smallest effective sample size,
    /// when that is below `minimumEffectiveSampleSize`. Coefficients are left out: under
    /// spike-and-slab a rarely included one has few distinct draws by design.
    public var poorlyMixed: ParameterSummary? {
        let worst = parameters.filter { $0.name.hasPrefix("sigma.") && $0.effectiveSampleSize.isFinite }
            .min { $0.effectiveSampleSize < $1.effectiveSampleSize }
        guard let worst, worst.effectiveSampleSize < Self.minimumEffectiveSampleSize else { return nil }
        return worst
    }

    /// The number of chains.
    public var chains: Int { burnIn.count }

    /// The parameter with the largest split R̂ when it exceeds `rHatLimit` (needs two or more chains).
    public var unconverged: ParameterSummary? {
        let worst = parameters.filter { ($0.splitRHat ?? 0).isFinite }.max { ($0.splitRHat ?? 0) < ($1.splitRHat ?? 0) }
        guard let worst, let r = worst.splitRHat, r > Self.rHatLimit else { return nil }
        return worst
    }
}

extension SamplerReport {
    /// The report of a BSTS posterior.
    public init(_ posterior: BSTSPosterior, iterations: Int) {
        self.iterations = iterations
        burnIn = posterior.burnIn
        covariateNames = posterior.inclusionProbabilities.isEmpty ? [] : posterior.covariateNames
        inclusionProbabilities = posterior.inclusionProbabilities
        coefficientMeans = posterior.coefficientMeans
        parameters = posterior.diagnostics
    }
}
