import Probability

/// Regression adjustment with treatment–covariate interactions (Lin 2013; Imbens &
/// Wooldridge 2009, §5.3): OLS of
///
///     y = α + τ·T + βᵀ(X − X̄) + γᵀ·T·(X − X̄) + ε,
///
/// which fits a separate linear model in each arm; with covariates centred at their
/// sample means, τ̂ is the average over the sample of μ̂₁(X) − μ̂₀(X), the ATE.
///
/// Variance: the HC1 sandwich variance of τ̂, plus γ̂ᵀ(S_X/n)γ̂ for the sampling
/// variability of X̄ (S_X the covariance of the covariates), so that the interval
/// covers the population ATE under heterogeneous effects. Consistent when each arm's
/// outcome is linear in X (or treatment is randomised). Needs a binary treatment.
/// Its conditional effects are τ̂(xᵢ) = τ̂ + γ̂ᵀ(xᵢ − x̄), the difference of the arms' fits.
public struct RegressionAdjustment: ConditionalEffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    /// The name the command line and the reports use.
    public var name: String { "regression-adjustment" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition)
    }

    /// The estimate and each row's predicted effect τ̂(xᵢ) (`ConditionalEffectEstimator`).
    public func estimateWithConditionalEffects(_ data: CausalData, randomness: RandomStream) throws -> ConditionalEffectEstimate {
        try checkLevel(level, estimator: name)
        let t = try data.binaryTreatment(for: name)
        let n = data.rowCount
        var design = Design(rows: n)
        design.addIntercept()
        design.add(data.roles.treatment ?? "treatment", t)
        var centred: [[Double]] = []
        for (name, x) in zip(data.roles.covariates, data.covariates) {
            let mean = x.reduce(0, +) / Double(n)
            let c = x.map { $0 - mean }
            centred.append(c)
            design.add(name, c)
        }
        for (name, c) in zip(data.roles.covariates, centred) {
            design.add("\(data.roles.treatment ?? "treatment") × \(name)", zip(t, c).map { $0 * $1 })
        }
        let fit = try LinearRegression(design, response: data.outcome, model: "\(name) (outcome on treatment × covariates)")
        let tau = fit.coefficients[1]
        var variance = fit.covariance(.hc1)[1, 1]
        let gamma = Array(fit.coefficients.suffix(centred.count))
        // γ̂ᵀ (S_X / n) γ̂ with S_X the sample covariance of the centred covariates.
        for a in centred.indices {
            for b in centred.indices {
                var s = 0.0
                for i in 0..<n { s += centred[a][i] * centred[b][i] }
                variance += gamma[a] * gamma[b] * s / Double(n - 1) / Double(n)
            }
        }
        var conditionalEffects = [Double](repeating: tau, count: n)
        for (g, c) in zip(gamma, centred) {
            for i in 0..<n { conditionalEffects[i] += g * c[i] }
        }
        let estimate = EffectEstimate(estimator: name, estimand: .ate, value: tau, standardError: variance.squareRoot(),
                                      method: "HC1 sandwich plus covariate-mean variance", sampleSize: n, level: level,
                                      diagnostics: [Diagnostic("R²", fit.rSquared)])
        return ConditionalEffectEstimate(estimate: estimate, conditionalEffects: conditionalEffects)
    }
}
