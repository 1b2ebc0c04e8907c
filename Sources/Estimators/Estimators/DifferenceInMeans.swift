import Probability

/// The difference in mean outcomes between treated and control units,
/// τ̂ = ȳ₁ − ȳ₀, with Neyman's (1923) standard error √(s₁²/n₁ + s₀²/n₀).
///
/// Unbiased for the ATE when treatment is randomised (or unconfounded without
/// covariates); under confounding it is biased by the difference in the arms'
/// baseline outcomes. Needs a binary treatment.
public struct DifferenceInMeans: EffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    /// The name the command line and the reports use.
    public var name: String { "difference-in-means" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition)
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let t = try data.binaryTreatment(for: name)
        let (control, treated) = armMoments(data.outcome, t)
        guard control.count >= 2, treated.count >= 2 else {
            throw EstimationError.tooFewObservations(
                estimator: name, detail: "\(treated.count) treated and \(control.count) control units; need 2 of each")
        }
        let se = (treated.variance / Double(treated.count) + control.variance / Double(control.count)).squareRoot()
        return EffectEstimate(estimator: name, estimand: .ate, value: treated.mean - control.mean, standardError: se,
                              method: "Neyman variance s₁²/n₁ + s₀²/n₀", sampleSize: data.rowCount, level: level,
                              diagnostics: [Diagnostic("treated", Double(treated.count)),
                                            Diagnostic("controls", Double(control.count))])
    }
}
