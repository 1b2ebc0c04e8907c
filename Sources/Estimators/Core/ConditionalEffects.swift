import Probability

/// An estimate together with the estimator's prediction of every row's conditional
/// effect τ̂(xᵢ) ≈ τ(xᵢ) = E[Y(1) − Y(0) | X = xᵢ], from the same fitted models.
public struct ConditionalEffectEstimate: Sendable {
    /// The estimate of the estimator's estimand.
    public var estimate: EffectEstimate
    /// τ̂(xᵢ) for every row of the data, in row order; nil when the estimator's
    /// configuration gives no unit-level predictions (e.g. the partially linear DML
    /// model, whose effect is one number).
    public var conditionalEffects: [Double]?

    /// An estimate and its row-level predictions.
    public init(estimate: EffectEstimate, conditionalEffects: [Double]?) {
        self.estimate = estimate
        self.conditionalEffects = conditionalEffects
    }
}

/// An estimator whose models also predict each unit's conditional effect τ̂(xᵢ):
/// the meta-learners (τ̂(x) of the S-, T- or X-learner fitted on all rows), the
/// interactive DML model (the cross-fitted ĝ₁(xᵢ) − ĝ₀(xᵢ), each row predicted by
/// models that did not see it) and regression adjustment (τ̂ + γ̂ᵀ(xᵢ − x̄)).
/// A benchmark scores these predictions against the true conditional effects.
public protocol ConditionalEffectEstimator: EffectEstimator {
    /// The estimate on `data` and the conditional effect of every row, drawing any
    /// randomness from `randomness` exactly as `estimate(_:randomness:)` does (so the
    /// estimate is the same).
    func estimateWithConditionalEffects(_ data: CausalData, randomness: RandomStream) throws -> ConditionalEffectEstimate
}

extension ConditionalEffectEstimator {
    /// The estimate alone.
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try estimateWithConditionalEffects(data, randomness: randomness).estimate
    }
}
