import Probability

/// Instrumental variables by two-stage least squares (`InstrumentalVariablesRegression`):
/// the outcome on [1, covariates, treatment] with the treatment instrumented by the
/// instrument. Under independence, exclusion and monotonicity (Imbens & Angrist 1994;
/// Angrist, Imbens & Rubin 1996) a binary instrument and treatment identify the LATE
/// of compliers. The first-stage F is reported; below 10 the instrument is flagged
/// weak (Staiger & Stock 1997), since 2SLS is then biased towards OLS.
public struct TwoStageLeastSquares: EffectEstimator {
    /// Which covariance gives the reported standard error.
    public enum Covariance: String, Sendable, Equatable {
        /// Homoskedastic, σ̂² = eᵀe/n.
        case unadjusted
        /// Heteroskedasticity-robust (HC0).
        case robust
    }

    /// The reported covariance (the other is a diagnostic).
    public var covariance: Covariance
    /// Confidence level of the interval.
    public var level: Double

    /// First-stage F below this flags a weak instrument (Staiger & Stock 1997).
    public static let weakInstrumentF = 10.0

    /// The estimator with the given covariance.
    public init(covariance: Covariance = .robust, level: Double = 0.95) {
        self.covariance = covariance
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "iv-2sls" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.anyTreatmentCondition, (data.hasInstrument, "needs an instrument"))
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let t = try data.anyTreatment(for: name)
        let z = try data.requireInstrument(for: name)
        var exogenous = Design(rows: data.rowCount)
        exogenous.addIntercept()
        for (c, x) in zip(data.roles.covariates, data.covariates) { exogenous.add(c, x) }
        let fit = try InstrumentalVariablesRegression(
            response: data.outcome, exogenous: exogenous, endogenous: t, endogenousName: data.roles.treatment ?? "treatment",
            instrument: z, instrumentName: data.roles.instrument ?? "instrument", model: name)
        let k = fit.coefficients.count - 1
        let unadjusted = fit.unadjustedCovariance[k, k].squareRoot()
        let robust = fit.robustCovariance[k, k].squareRoot()
        var warnings: [EstimatorWarning] = []
        if fit.firstStageF < TwoStageLeastSquares.weakInstrumentF { warnings.append(.weakInstrument(firstStageF: fit.firstStageF)) }
        return EffectEstimate(estimator: name, estimand: .late, value: fit.coefficients[k],
                              standardError: covariance == .robust ? robust : unadjusted,
                              method: covariance == .robust ? "2SLS robust (HC0) sandwich" : "2SLS unadjusted, σ̂² = eᵀe/n",
                              sampleSize: data.rowCount, level: level, warnings: warnings,
                              diagnostics: [Diagnostic("first-stage F", fit.firstStageF),
                                            Diagnostic("first-stage coefficient", fit.firstStageCoefficient),
                                            Diagnostic("unadjusted SE", unadjusted), Diagnostic("robust SE", robust)])
    }
}
