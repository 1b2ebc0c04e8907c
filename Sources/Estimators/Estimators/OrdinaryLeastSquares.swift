import Probability

/// The treatment's coefficient in the ordinary least-squares regression of the
/// outcome on an intercept, the treatment and the covariates, entered additively:
///
///     y = α + τ·T + βᵀX + ε,   τ̂ = the OLS coefficient of T,
///
/// the estimate "controlling for X" that most analyses start from, and the one to
/// show what adjusting for the wrong variable does (a collider, a mediator). Any
/// numeric treatment: a dose, a price, or 0/1. Without covariates it is the simple
/// regression slope (for a 0/1 treatment, the difference in means).
///
/// Estimand: when the outcome is linear in T with one effect for everyone, and linear
/// in X, τ̂ is unbiased for that effect. With effects that vary between units it
/// estimates them averaged with weights Var(T | X) when E[T | X] is linear in X
/// (Angrist 1998; Angrist & Pischke 2009, §3.3.1), the estimand of the partially
/// linear model, so it reports `.varianceWeightedEffect` (as `DoubleML` with the
/// partially linear model does). `RegressionAdjustment` interacts T with X and
/// estimates the ATE instead, for a binary treatment.
///
/// Variance: the HC1 sandwich (MacKinnon & White 1985). Cost: one QR factorisation of
/// an n × (k + 2) design. Not in `EstimatorCatalog.standard()`, whose binary-treatment
/// estimators already include the interacted regression.
///
///     let price = try OrdinaryLeastSquares().estimate(table, roles: Roles(outcome: "bookings", treatment: "price",
///                                                                         covariates: ["temperature"]))
public struct OrdinaryLeastSquares: EffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    public var name: String { "ols" }

    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.anyTreatmentCondition)
    }

    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let t = try data.anyTreatment(for: name)
        var design = Design(rows: data.rowCount)
        design.addIntercept()
        design.add(data.roles.treatment ?? "treatment", t)
        for (covariate, x) in zip(data.roles.covariates, data.covariates) { design.add(covariate, x) }
        let fit = try LinearRegression(design, response: data.outcome, model: "\(name) (outcome on treatment and covariates)")
        return EffectEstimate(estimator: name, estimand: .varianceWeightedEffect, value: fit.coefficients[1],
                              standardError: fit.standardErrors(.hc1)[1], method: "HC1 sandwich",
                              sampleSize: data.rowCount, level: level, diagnostics: [Diagnostic("R²", fit.rSquared)])
    }
}
