import Foundation
import Probability

/// Which family of prior constants the model uses (see `Defaults`).
public enum PriorPreset: String, Sendable, CaseIterable {
    /// The model CausalImpact builds (NOTES §2): priors relative to sdy of the
    /// standardised response, σ_level guess `priorLevelSD`·sdy worth 32 observations,
    /// spike-and-slab with expected model size 3, expected R² 0.8, prior df 50.
    case causalImpact
    /// bsts' own defaults for user-built components (NOTES §6): trend σ's guess
    /// 0.01·sdy worth 0.01 observations, expected model size 1, R² 0.5, prior df 0.01.
    case bsts
}

/// The trend component.
public enum TrendKind: String, Sendable, CaseIterable {
    /// μ_{t+1} = μ_t + η_t.
    case localLevel = "level"
    /// μ_{t+1} = μ_t + δ_t + η_t, δ_{t+1} = δ_t + ζ_t.
    case localLinearTrend = "linear"
    /// μ_{t+1} = μ_t + δ_t + η_t, δ_{t+1} = D + φ(δ_t − D) + ζ_t with |φ| < 1
    /// (bsts `AddSemilocalLinearTrend`): a slope that reverts to D, for long post-periods.
    case semilocal = "semilocal"
    /// The local linear trend with Student-t level and slope innovations, each with its own
    /// ν ~ Uniform(1, 500) (bsts `AddStudentLocalLinearTrend`): a trend that can jump.
    case student = "student"
}

/// A dummy seasonal component beyond the first (`ModelOptions.seasons`): S seasons of d steps.
public struct DummySeasonality: Sendable, Equatable {
    /// S, the number of seasons (at least 2).
    public var seasons: Int
    /// d, the time steps per season.
    public var duration: Int

    /// S seasons of d steps each.
    public init(seasons: Int, duration: Int = 1) {
        self.seasons = seasons
        self.duration = duration
    }
}

/// A holiday or known event for a regression-holiday component: the rows (0-based, in the
/// response given to `fit`) of the day of each occurrence, and the days of its window.
public struct EventPattern: Sendable, Equatable {
    /// The event's name, used in parameter names ("July4.-1", "July4.0", …).
    public var name: String
    /// The row of each occurrence's day; window days outside the response are skipped.
    public var rows: [Int]
    /// Days of the window before the day itself (each day its own coefficient).
    public var daysBefore: Int
    /// Days of the window after the day itself.
    public var daysAfter: Int

    /// An event on `rows`, with a window of `daysBefore` + 1 + `daysAfter` days.
    public init(name: String, rows: [Int], daysBefore: Int = 0, daysAfter: Int = 0) {
        self.name = name
        self.rows = rows
        self.daysBefore = daysBefore
        self.daysAfter = daysAfter
    }
}

/// Trigonometric seasonality (bsts `AddTrig(period = S, frequencies = 1:H)`): harmonics
/// j = 1…H of the period S, each a rotating pair of states; one σ for all of them.
public struct TrigonometricSeasonality: Sendable, Equatable {
    /// S, the period in time steps: any real number of at least 2 (365.25 for a year of days).
    public var period: Double
    /// H, the number of harmonics: 1 ≤ H ≤ S/2.
    public var harmonics: Int

    /// Harmonics 1…H of period S.
    public init(period: Double, harmonics: Int) {
        self.period = period
        self.harmonics = harmonics
    }
}

/// The structure of the model: what the user chooses.
public struct ModelOptions: Sendable, Equatable {
    /// The trend component.
    public var trend: TrendKind
    /// The number of seasons S of a dummy seasonal component; 1 means none.
    public var seasons: Int
    /// Time steps per season (the seasonal moves once every `seasonDuration` steps).
    public var seasonDuration: Int
    /// Random-walk coefficients (a state component) instead of a static spike-and-slab regression.
    public var dynamicRegression: Bool
    /// The prior family.
    public var priors: PriorPreset
    /// σ_level's prior guess as a fraction of sdy (CausalImpact's `prior.level.sd`).
    public var priorLevelSD: Double
    /// The spike-and-slab prior's expected number of included regressors M (prior
    /// inclusion probability min(1, M/P) over the P columns with the intercept; bsts'
    /// `expected.model.size`); nil takes the preset's (3 for CausalImpact, 1 for bsts).
    public var expectedModelSize: Double? = nil
    /// p of an AR(p) noise state (bsts `AddAr(lags = p)`); 0 means none.
    public var autoregressiveOrder: Int
    /// Trigonometric seasonal components, each with its own σ.
    public var trigonometric: [TrigonometricSeasonality]
    /// Dummy seasonal components beyond the one of `seasons` and `seasonDuration`.
    public var additionalSeasons: [DummySeasonality]
    /// Holidays and known events, each with one coefficient per day of its window
    /// (bsts `AddRegressionHoliday`).
    public var events: [EventPattern]
    /// The observation errors: Gaussian (the default) or Student-t with latent weights
    /// (bsts' `family = "student"`, see `ObservationErrors`).
    public var observationErrors: ObservationErrors = .gaussian

    /// CausalImpact's default model: local level, no seasonal, static regression; the
    /// other components are added by name.
    public init(trend: TrendKind = .localLevel, seasons: Int = 1, seasonDuration: Int = 1,
                dynamicRegression: Bool = false, priors: PriorPreset = .causalImpact,
                priorLevelSD: Double = Defaults.causalImpactPriorLevelSD, autoregressiveOrder: Int = 0,
                trigonometric: [TrigonometricSeasonality] = [], additionalSeasons: [DummySeasonality] = [],
                events: [EventPattern] = [], observationErrors: ObservationErrors = .gaussian) {
        self.trend = trend
        self.seasons = seasons
        self.seasonDuration = seasonDuration
        self.dynamicRegression = dynamicRegression
        self.priors = priors
        self.priorLevelSD = priorLevelSD
        self.autoregressiveOrder = autoregressiveOrder
        self.trigonometric = trigonometric
        self.additionalSeasons = additionalSeasons
        self.events = events
        self.observationErrors = observationErrors
    }
}

/// How long and how many chains to sample.
public struct SamplerOptions: Sendable, Equatable {
    /// Stored MCMC iterations per chain (bsts' `niter`; at least 10).
    public var iterations: Int
    /// The seed: chain c draws from `RandomStream(seed: seed).substream(c)`.
    public var seed: UInt64
    /// Independent chains, run on separate cores.
    public var chains: Int
    /// The progress closure is called every this many iterations of each chain.
    public var progressInterval: Int

    /// 1000 iterations, seed 1, one chain (CausalImpact's defaults).
    public init(iterations: Int = 1000, seed: UInt64 = RandomStream.defaultSeed, chains: Int = 1, progressInterval: Int = 100) {
        self.iterations = iterations
        self.seed = seed
        self.chains = chains
        self.progressInterval = progressInterval
    }
}

/// A Bayesian structural time-series model (Scott & Varian 2014) fitted by
/// Gibbs sampling, reproducing R's bsts 0.9.10 as CausalImpact 1.3.0 runs it:
///
///     y_t = μ_t [+ s_t] + x_tᵀβ + ε_t,  ε_t ~ N(0, σ²_obs)
///
/// with a local level (or local linear trend) μ_t, an optional dummy seasonal s_t,
/// and either a static spike-and-slab regression (intercept folded into the trend)
/// or random-walk coefficients β_t. bsts' other components can be added through
/// `ModelOptions`: a semilocal linear trend, an AR(p) state, trigonometric and further
/// dummy seasonals, and regression holidays (each in its own file under Components).
public enum BSTSModel {
    /// Samples the posterior.
    ///
    /// - Parameters:
    ///   - y: the modelling response, NaN = missing (for the causalImpact preset the
    ///     caller has standardised it and set the post-period to NaN); sdy for the
    ///     priors is the sample sd of the non-NaN values.
    ///   - covariates: one array per covariate, each of length y.count, finite.
    ///   - covariateNames: one name per covariate (used in errors and summaries).
    ///   - model: the components and priors.
    ///   - sampler: iterations, seed, chains.
    ///   - progress: called with (iterations done over all chains, total) every
    ///     `sampler.progressInterval` iterations of a chain, from the chain's thread.
    /// - Each chain: initial values (σ's at their prior guesses, σ²_obs = 1 with a
    ///   static regression, β = 0, only π = 1 columns included), an initial state draw,
    ///   one unstored sweep, then `iterations` stored sweeps of: regression
    ///   (indicator flips, σ²_obs, β), state variances, state path (Durbin–Koopman
    ///   simulation smoother). Burn-in per chain by `SuggestBurn(0.1)`; with Student-t errors,
    ///   for which bsts stores no log-likelihood, floor(0.1·iterations) as `SuggestBurn` then takes.
    /// - Throws: `BSTSError` for unusable input, or a request beyond `FitLimits`
    ///   (checked before anything large is allocated).
    public static func fit(response y: [Double], covariates: [[Double]], covariateNames: [String],
                           model: ModelOptions, sampler: SamplerOptions,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> BSTSPosterior {
        try validate(sampler)
        if let violation = FitLimits.violation(response: y, covariates: covariates.count, model: model, sampler: sampler) {
            throw BSTSError.limitExceeded(violation)
        }
        let specification = try ModelSpecification(response: y, covariates: covariates,
                                                   covariateNames: covariateNames, options: model)
        let chains = try ChainRunner.run(specification, sampler: sampler, progress: progress)
        return BSTSPosterior(specification: specification, chains: chains)
    }

    static func validate(_ sampler: SamplerOptions) throws {
        guard sampler.iterations >= Defaults.minimumIterations else { throw BSTSError.tooFewIterations(sampler.iterations) }
        guard (1...FitLimits.maximumChains).contains(sampler.chains) else { throw BSTSError.invalidChainCount(sampler.chains) }
        guard sampler.progressInterval >= 1 else {
            throw BSTSError.invalidOption(name: "progressInterval", value: "\(sampler.progressInterval)", requirement: "must be at least 1")
        }
    }
}
