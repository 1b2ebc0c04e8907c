import Estimators

/// One estimator on one replication's sample.
public struct EstimatorRun: Sendable {
    /// Wall-clock seconds the estimate took (including a failed attempt).
    public var seconds: Double
    /// The estimate, or nil when the estimator failed.
    public var estimate: EffectEstimate?
    /// The error message when the estimator failed.
    public var failure: String?
    /// For estimators that predict conditional effects: the error of their
    /// predictions against the true CATE by bins (`BinnedConditionalEffects.error`).
    public var binnedCATEError: Double?
    /// For estimators that predict conditional effects: √(mean (τ̂(xᵢ) − δᵢ)²) against
    /// the sample's unit-level effects δᵢ = Yᵢ(1) − Yᵢ(0), the "PEHE" of Hill (2011).
    /// It equals the CATE error when δ is a function of the covariates; otherwise it
    /// also holds the variation of δ that the covariates cannot predict.
    public var unitEffectError: Double?

    /// A finished or failed run.
    public init(seconds: Double, estimate: EffectEstimate?, failure: String? = nil,
                binnedCATEError: Double? = nil, unitEffectError: Double? = nil) {
        self.seconds = seconds
        self.estimate = estimate
        self.failure = failure
        self.binnedCATEError = binnedCATEError
        self.unitEffectError = unitEffectError
    }
}
