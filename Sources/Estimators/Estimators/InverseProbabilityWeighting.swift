import Probability

/// Inverse probability weighting with a logistic propensity model ê(x).
///
/// Horvitz–Thompson (1952):  τ̂ = (1/n) Σ [Tᵢyᵢ/êᵢ − (1 − Tᵢ)yᵢ/(1 − êᵢ)].
///
/// Hájek (normalised weights):  τ̂ = Σ Tᵢyᵢ/êᵢ / Σ Tᵢ/êᵢ − Σ (1−Tᵢ)yᵢ/(1−êᵢ) / Σ (1−Tᵢ)/(1−êᵢ),
/// which is invariant to shifting y and usually has smaller variance.
///
/// Standard error: the M-estimation sandwich (Lunceford & Davidian 2004): the
/// estimator's influence function, including the term for the estimated propensity
/// coefficients, averaged as √(Σφᵢ²)/n. Consistent for the ATE when treatment is
/// unconfounded given X, the logistic model is right and overlap holds; propensities
/// outside [0.01, 0.99] give a `poorOverlap` warning, and `trim` drops such rows.
public struct InverseProbabilityWeighting: EffectEstimator {
    /// How the inverse-probability weights are normalised.
    public enum Weighting: String, Sendable, Equatable {
        /// Unnormalised weights 1/ê and 1/(1 − ê).
        case horvitzThompson = "horvitz-thompson"
        /// Weights normalised to sum to one within each arm.
        case hajek
    }

    /// The weighting.
    public var weighting: Weighting
    /// When set, rows with ê outside [trim, 1 − trim] are dropped before estimation.
    public var trim: Double?
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator with the given weighting, trimming and confidence level.
    public init(weighting: Weighting = .hajek, trim: Double? = nil, level: Double = 0.95) {
        self.weighting = weighting
        self.trim = trim
        self.level = level
    }

    /// "ipw" for the normalised (Hájek) weights, the usual meaning of IPW;
    /// "ipw-horvitz-thompson" for the unnormalised ones.
    public var name: String {
        switch weighting {
        case .hajek: return "ipw"
        case .horvitzThompson: return "ipw-horvitz-thompson"
        }
    }

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
        var psi = [Double](repeating: 0, count: n)       // per-row contributions before centring
        var derivative = [Double](repeating: 0, count: n) // cᵢ with ∂ψᵢ/∂β = cᵢ·xᵢ
        let tau: Double
        switch weighting {
        case .horvitzThompson:
            for i in 0..<n {
                if t[i] == 1 {
                    psi[i] = y[i] / e[i]
                    derivative[i] = -y[i] * (1 - e[i]) / e[i]
                } else {
                    psi[i] = -y[i] / (1 - e[i])
                    derivative[i] = -y[i] * e[i] / (1 - e[i])
                }
            }
            tau = psi.reduce(0, +) / Double(n)
            for i in 0..<n { psi[i] -= tau }
        case .hajek:
            var sumTreated = 0.0, weightTreated = 0.0, sumControl = 0.0, weightControl = 0.0
            for i in 0..<n {
                if t[i] == 1 {
                    sumTreated += y[i] / e[i]
                    weightTreated += 1 / e[i]
                } else {
                    sumControl += y[i] / (1 - e[i])
                    weightControl += 1 / (1 - e[i])
                }
            }
            let mu1 = sumTreated / weightTreated, mu0 = sumControl / weightControl
            tau = mu1 - mu0
            let scale1 = Double(n) / weightTreated, scale0 = Double(n) / weightControl
            for i in 0..<n {
                if t[i] == 1 {
                    psi[i] = scale1 * (y[i] - mu1) / e[i]
                    derivative[i] = -scale1 * (y[i] - mu1) * (1 - e[i]) / e[i]
                } else {
                    psi[i] = -scale0 * (y[i] - mu0) / (1 - e[i])
                    derivative[i] = -scale0 * (y[i] - mu0) * e[i] / (1 - e[i])
                }
            }
        }
        let correction = sample.scores.influenceCorrection(
            gradient: sample.scores.weightedMeanOfRows(derivative), treatment: t)
        var sumSquares = 0.0
        for i in 0..<n {
            let phi = psi[i] + correction[i]
            sumSquares += phi * phi
        }
        return EffectEstimate(estimator: name, estimand: .ate, value: tau, standardError: sumSquares.squareRoot() / Double(n),
                              method: "M-estimation sandwich including the propensity fit", sampleSize: n, level: level,
                              warnings: sample.warnings, diagnostics: sample.scores.diagnostics)
    }
}
