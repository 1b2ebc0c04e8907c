import GSL
import Probability

/// Augmented inverse probability weighting, the doubly robust estimator (Robins,
/// Rotnitzky & Zhao 1994; Bang & Robins 2005):
///
///     φᵢ = μ̂₁(xᵢ) − μ̂₀(xᵢ) + Tᵢ(yᵢ − μ̂₁(xᵢ))/êᵢ − (1 − Tᵢ)(yᵢ − μ̂₀(xᵢ))/(1 − êᵢ),   τ̂ = mean φᵢ,
///
/// with linear outcome models μ̂ₜ fitted by OLS in each arm and a logistic propensity
/// model ê. Consistent for the ATE when either model is right. Standard error from the
/// influence function, √(Σ(φᵢ − τ̂)²)/n, valid when both models are right (the
/// nuisance estimates then do not affect the first-order variance).
public struct AugmentedIPW: EffectEstimator {
    /// When set, rows with ê outside [trim, 1 − trim] are dropped before estimation.
    public var trim: Double?
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator with optional trimming.
    public init(trim: Double? = nil, level: Double = 0.95) {
        self.trim = trim
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "aipw" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition, data.covariatesCondition)
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        _ = try data.requireCovariates(for: name)
        let sample = try WeightingSample(data, estimator: name, trim: trim)
        let t = sample.treatment, y = sample.data.outcome, e = sample.scores.values
        let n = y.count
        let design = sample.scores.design
        let mu1 = try armRegression(design: design, names: ["intercept"] + data.roles.covariates, y: y, t: t, arm: 1)
        let mu0 = try armRegression(design: design, names: ["intercept"] + data.roles.covariates, y: y, t: t, arm: 0)
        var phi = [Double](repeating: 0, count: n)
        for i in 0..<n {
            phi[i] = mu1[i] - mu0[i] + (t[i] == 1 ? (y[i] - mu1[i]) / e[i] : -(y[i] - mu0[i]) / (1 - e[i]))
        }
        let tau = phi.reduce(0, +) / Double(n)
        let se = phi.reduce(0) { $0 + ($1 - tau) * ($1 - tau) }.squareRoot() / Double(n)
        return EffectEstimate(estimator: name, estimand: .ate, value: tau, standardError: se,
                              method: "influence function of the doubly robust score", sampleSize: n, level: level,
                              warnings: sample.warnings, diagnostics: sample.scores.diagnostics)
    }

    /// Predictions for every row of the OLS fit of y on `design` within one arm.
    private func armRegression(design: Matrix, names: [String], y: [Double], t: [Double], arm: Double) throws -> [Double] {
        let rows = t.indices.filter { t[$0] == arm }
        let fit = try LinearRegression(matrix: design.selectingRows(rows), names: names, response: rows.map { y[$0] },
                                       model: "\(name) outcome model (\(arm == 1 ? "treated" : "control") arm)")
        return design * fit.coefficients
    }
}
