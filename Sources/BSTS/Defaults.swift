/// The prior constants of the two presets, each with where it comes from.
/// "sdy" is the sample standard deviation of the modelling response (NaNs dropped).
public enum Defaults {
    // MARK: CausalImpact (R package CausalImpact 1.3.0, R/impact_model.R)

    /// `kLocalLevelPriorSampleSize <- 32`: the local level's SdPrior is worth 32 observations.
    public static let causalImpactLevelSampleSize = 32.0
    /// `model.args$prior.level.sd` default (R/impact_analysis.R `.defaults`): σ_level's guess is 0.01·sdy.
    public static let causalImpactPriorLevelSD = 0.01
    /// `kStaticRegressionExpectedModelSize <- 3`: prior inclusion probability min(1, 3/P).
    public static let causalImpactExpectedModelSize = 3.0
    /// `kStaticRegressionExpectedR2 <- 0.8`: σ_obs's guess is √(1 − 0.8)·sdy.
    public static let causalImpactExpectedR2 = 0.8
    /// `kStaticRegressionPriorDf <- 50`: the residual-variance prior is worth 50 observations.
    public static let causalImpactPriorDF = 50.0
    /// `kDynamicRegressionPriorSampleSize <- 32`: σ_obs's SdPrior under dynamic regression.
    public static let causalImpactDynamicObservationSampleSize = 32.0
    /// `SdPrior(..., upper.limit = 0.1 * sdy)` for σ_obs under dynamic regression (ConstructModel).
    public static let causalImpactDynamicObservationUpperLimit = 0.1

    // MARK: bsts 0.9.10 defaults (R/add.local.level.R, add.local.linear.trend.R, add.seasonal.R)

    /// `SdPrior(0.01 * sdy, ...)`: the guess of every trend and seasonal σ, as a fraction of sdy.
    public static let bstsSigmaGuessFraction = 0.01
    /// SdPrior's default `sample.size = 0.01`: an almost flat prior on trend and seasonal σ's.
    public static let bstsSampleSize = 0.01
    /// `upper.limit = sdy`: no trend or seasonal σ may exceed sdy.
    public static let bstsStateUpperLimit = 1.0
    /// `NormalPrior(y[1], sdy)` and `NormalPrior(0, sdy)`: initial level, slope and seasonal
    /// effects have prior standard deviation sdy.
    public static let initialStateSDFraction = 1.0

    /// The prior sd of each regression-holiday coefficient: sdy², not the sdy bsts documents.
    /// `AddRegressionHoliday` stores `NormalPrior(0, sdy)`, and bsts 0.9.10's factory
    /// (src/create_state_model.cpp, CreateRegressionHolidayStateModel) builds Boom's
    /// `GaussianModel(mean, sd)` from the prior's mean and *variance*, so the prior in
    /// force is N(0, sdy⁴). On CausalImpact's standardised scale (sdy = 1) the two agree;
    /// on a raw scale with sdy > 1 the coefficients are shrunk less than documented (R's
    /// holiday case: Thanksgiving's day 7.65 with sdy = 1.5, 6.2 under N(0, sdy²)).
    public static func regressionHolidayPriorSD(sdy: Double) -> Double { sdy * sdy }

    // MARK: BoomSpikeSlab 1.2.6 SpikeSlabPrior defaults (bsts' .SetDefaultPrior)

    /// `expected.model.size = 1`.
    public static let bstsExpectedModelSize = 1.0
    /// `expected.r2 = 0.5`.
    public static let bstsExpectedR2 = 0.5
    /// `prior.df = 0.01`.
    public static let bstsPriorDF = 0.01
    /// `prior.information.weight = 0.01`: Ω is worth 0.01 observations.
    public static let priorInformationWeight = 0.01
    /// `diagonal.shrinkage = 0.5`: Ω = w·((1 − 0.5)·X'X/n + 0.5·diag(X'X/n)).
    public static let diagonalShrinkage = 0.5
    /// `sigma.upper.limit = sdy * 1.2` in bsts' .SetDefaultPrior.
    public static let observationUpperLimit = 1.2
    /// bsts' default observation SdPrior without a regression: `SdPrior(sdy, 0.01, upper.limit = 1.2 * sdy)`.
    public static let observationGuessWithoutRegression = 1.0

    // MARK: Dynamic regression (bsts R/add.dynamic.regression.R, Boom DynamicRegressionStateModel)

    /// `DynamicRegressionRandomWalkOptions`: σ_j's guess is 0.01·sdy/sdx_j …
    public static let dynamicSigmaGuessFraction = 0.01
    /// … with `SdPrior(..., 1)`: sample size 1 and no upper limit.
    public static let dynamicSampleSize = 1.0
    /// Boom's DynamicRegressionStateModel: initial coefficients N(0, 1).
    public static let dynamicInitialVariance = 1.0
    /// Boom's ZeroMeanGaussianModel default: each coefficient's σ² starts at 1
    /// (bsts' factory, SetIndependentDynamicRegressionModelPriors, leaves it).
    public static let dynamicInitialDisturbanceVariance = 1.0

    // MARK: Sampler (bsts, NOTES §3 and §9)

    /// `SuggestBurn(0.1, model)`: the burn-in looks at the last 10% of the log-likelihood trace …
    public static let burnInFraction = 0.1
    /// … and its 90% quantile (bsts 0.9.10 SuggestBurnLogLikelihood).
    public static let burnInQuantile = 0.9
    /// CausalImpact refuses fewer draws ("must draw, at the very least, 10 MCMC samples").
    public static let minimumIterations = 10
    /// Boom's observation models (RegressionModel, ZeroMeanGaussianModel) start with
    /// σ²_obs = 1; bsts' model managers do not reset it from the prior.
    public static let initialObservationVariance = 1.0
}
