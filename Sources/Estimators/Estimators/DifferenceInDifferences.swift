import Probability

/// The 2×2 difference in differences of cell means (Card & Krueger 1994):
///
///     τ̂ = (ȳ_treated,post − ȳ_treated,pre) − (ȳ_control,post − ȳ_control,pre),
///
/// on a panel where the treatment is (treated group) × (post period): a unit is in the
/// treated group when it is ever treated, a period is "post" when any unit is treated
/// in it. Computed as the interaction coefficient of the saturated OLS
/// y = a + b·G + c·P + τ·G·P, whose standard error is clustered by unit (Stata's CR1,
/// Bertrand, Duflo & Mullainathan 2004), so serial correlation within a unit is allowed.
/// Estimates the ATT under parallel trends. A staggered or switching treatment is
/// refused: use `TwoWayFixedEffects` (which also adjusts for covariates; this estimator
/// ignores them).
public struct DifferenceInDifferences: EffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    public var name: String { "did-2x2" }

    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition, (data.isPanel, "needs unit and period columns (a panel)"))
    }

    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let d = try data.binaryTreatment(for: name)
        let (units, periods) = try data.requirePanel(for: name)
        var treatedUnit = [Double](repeating: 0, count: units.count)
        var postPeriod = [Double](repeating: 0, count: periods.count)
        for i in d.indices where d[i] == 1 {
            treatedUnit[units.codes[i]] = 1
            postPeriod[periods.codes[i]] = 1
        }
        let group = units.codes.map { treatedUnit[$0] }
        let post = periods.codes.map { postPeriod[$0] }
        if let bad = d.indices.first(where: { d[$0] != group[$0] * post[$0] }) {
            throw EstimationError.invalidDesign(
                estimator: name,
                detail: "row \(bad + 1) (unit '\(units.labels[units.codes[bad]])', period '\(periods.labels[periods.codes[bad]])'): "
                    + "treatment \(d[bad]) differs from (unit ever treated) × (some unit treated in the period) = "
                    + "\(group[bad] * post[bad]); the 2×2 design needs one group switching on in common post periods "
                    + "(for staggered timing use two-way fixed effects)")
        }
        guard post.contains(0) else {
            throw EstimationError.invalidDesign(estimator: name, detail: "every period has treated units: no pre-period")
        }
        guard group.contains(0) else {
            throw EstimationError.invalidDesign(estimator: name, detail: "every unit is treated at some time: no comparison group")
        }
        let interaction = "\(data.roles.treatment ?? "treatment")"
        let fit = try LinearRegression(Design([("intercept", [Double](repeating: 1, count: d.count)), ("treated group", group),
                                               ("post period", post), (interaction, d)]),
                                       response: data.outcome, model: name)
        let se = fit.standardErrors(.clustered(by: units, correction: .stata))[3]
        return EffectEstimate(estimator: name, estimand: .att, value: fit.coefficients[3], standardError: se,
                              method: "OLS interaction, clustered by unit (CR1)", sampleSize: d.count, level: level,
                              diagnostics: [Diagnostic("units", Double(units.count)), Diagnostic("periods", Double(periods.count))])
    }
}
