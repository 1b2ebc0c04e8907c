// Stand-in for the BSTS module's public contract, used until the `bsts` branch
// lands. At integration this file is deleted and the CausalImpact target
// depends on BSTS instead; nothing else in this module changes.

/// Which prior family the model uses (contract of the BSTS module).
public enum PriorPreset: String, Sendable {
    /// CausalImpact's priors, on standardised data.
    case causalImpact
    /// bsts' own default priors, on the data as given (no standardisation).
    case bsts
}

/// The trend component (contract of the BSTS module).
public enum TrendKind: String, Sendable {
    /// A random-walk level.
    case localLevel = "level"
    /// A random-walk level with a random-walk slope.
    case localLinearTrend = "linear"
}

/// The structure of the time-series model (contract of the BSTS module).
public struct ModelOptions: Sendable {
    /// The trend component.
    public var trend: TrendKind = .localLevel
    /// The number of seasons (1 = no seasonal component).
    public var seasons = 1
    /// Time steps per season.
    public var seasonDuration = 1
    /// Random-walk regression coefficients instead of a static spike-and-slab regression.
    public var dynamicRegression = false
    /// The prior family.
    public var priors: PriorPreset = .causalImpact
    /// The prior guess of the level's standard deviation, as a fraction of sd(y).
    public var priorLevelSD = 0.01
    /// The defaults.
    public init() {}
}

/// How long and how many chains to sample (contract of the BSTS module).
public struct SamplerOptions: Sendable {
    /// Stored MCMC iterations per chain.
    public var iterations = 1000
    /// The seed of the chains.
    public var seed: UInt64 = 1
    /// The number of chains.
    public var chains = 1
    /// The defaults.
    public init() {}
}

/// Posterior draws of a fitted model (contract of the BSTS module).
public struct BSTSPosterior: Sendable {
    /// Per kept draw k: the sum of the state components S[k, t], t in 0..<T.
    public let stateContributions: [[Double]]
    /// σ_obs per kept draw.
    public let observationSD: [Double]
    /// Burn-in per chain.
    public let burnIn: [Int]
}

/// The model fitter (contract of the BSTS module); unavailable in this build.
public enum BSTSModel {
    /// Always throws: the Gibbs sampler arrives with the BSTS module.
    public static func fit(response y: [Double], covariates: [[Double]], covariateNames: [String],
                           model: ModelOptions, sampler: SamplerOptions,
                           progress: ((Int, Int) -> Void)? = nil) throws -> BSTSPosterior {
        throw ImpactError.modelUnavailable
    }
}
