import Estimators
import GSL
import Probability

/// The coefficient of the treatment in the least-squares regression Y = α + τ·T + Xβ + ε:
/// the linear-regression estimate that `SensitivityAnalysis` analyses, as an `EffectEstimator`
/// (for the refuters and the simulator's own check). Classical standard error
/// σ̂·√[(XᵀX)⁻¹]_TT and the interval τ̂ ∓ t_{1−α/2; n−k}·se, as sensemakr uses them.
///
/// With a binary treatment and additive covariates it estimates the conditional effects
/// averaged with weights Var(T | X) (Angrist 1998), the average effect when the effect is
/// constant; with a continuous treatment, the slope. Any numeric treatment that varies.
///
///     let estimate = try OrdinaryLeastSquares().estimate(data, seed: 1)
public struct OrdinaryLeastSquares: EffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    /// "ols".
    public var name: String { "ols" }

    /// Applicable to any data with a treatment column (binary or continuous).
    public func applicability(to data: DataDescription) -> Applicability {
        data.treatment == .none ? .notApplicable(reason: "needs a treatment column") : .applicable
    }

    /// The treatment's coefficient τ̂ with its classical SE; deterministic (`randomness` is not used).
    /// Throws for a missing or constant treatment and for collinear columns.
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        guard level > 0, level < 1 else {
            throw EstimationError.invalidOption(estimator: name, detail: "confidence level \(level) must lie strictly between 0 and 1")
        }
        guard let t = data.treatment, let treatment = data.roles.treatment else {
            throw EstimationError.missingRole(estimator: name, role: "a treatment column")
        }
        if let first = t.first, t.allSatisfy({ $0 == first }) {
            throw EstimationError.noVariation(column: treatment, detail: "the treatment is constant")
        }
        let fit = try RegressionFit(response: data.outcome, regressors: [(treatment, t)] + Array(zip(data.roles.covariates, data.covariates)))
        let value = fit.coefficient(1), se = fit.standardError(1)
        let critical = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: fit.degreesOfFreedom)
        return EffectEstimate(estimator: name, estimand: .varianceWeightedEffect, value: value, standardError: se,
                              interval: ConfidenceInterval(lower: value - critical * se, upper: value + critical * se, level: level),
                              uncertainty: .analytic(method: "classical OLS, t interval with n − k degrees of freedom"),
                              sampleSize: data.rowCount, diagnostics: [Diagnostic("residual degrees of freedom", fit.degreesOfFreedom)])
    }

    /// The estimators `whatif refute` can run: this one, then the library's catalog.
    public static func catalog(level: Double = 0.95, bootstrapReplications: Int = 100) -> [any EffectEstimator] {
        [OrdinaryLeastSquares(level: level)] + EstimatorCatalog.standard(level: level, bootstrapReplications: bootstrapReplications)
    }
}
