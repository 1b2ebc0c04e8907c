import Probability

/// The 2×2 difference in differences of cell means (Card & Krueger 1994):
///
///     τ̂ = (ȳ_treated,post − ȳ_treated,pre) − (ȳ_control,post − ȳ_control,pre),
///
/// computed as the interaction coefficient of the saturated OLS y = a + b·G + c·P + τ·G·P.
/// The treatment must be (treated group) × (post period): a period is "post" when any
/// row is treated in it, and
///
/// - on a panel (unit and period columns), a unit is in the treated group when it is
///   ever treated; the standard error is clustered by unit (Stata's CR1, Bertrand,
///   Duflo & Mullainathan 2004), so serial correlation within a unit is allowed;
/// - on a repeated cross-section (group and period columns, no unit column: other
///   units in every period), a group is treated when any of its rows is; every row is
///   its own unit, so the standard error is the heteroskedasticity-robust HC1 sandwich
///   (MacKinnon & White 1985), which for this saturated model is
///   √(n/(n − 4)·Σ_cells σ̂²_cell/n_cell) with σ̂²_cell the cell's mean squared deviation.
///
/// Estimates the ATT under parallel trends (and, for a repeated cross-section, a
/// composition of each group that does not change between periods). A staggered or
/// switching treatment is refused: use `TwoWayFixedEffects` (which also adjusts for
/// covariates; this estimator ignores them).
public struct DifferenceInDifferences: EffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    /// The name the command line and the reports use.
    public var name: String { "did-2x2" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition,
                   (data.isPanel || data.isRepeatedCrossSection,
                    "needs unit and period columns (a panel) or group and period columns (a repeated cross-section)"))
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let d = try data.binaryTreatment(for: name)
        if data.units == nil, data.groups != nil {
            let (groups, periods) = try data.requireGroupsAndPeriods(for: name)
            let fit = try interactionFit(d, outcome: data.outcome, groups: groups, periods: periods, groupWord: "group",
                                         treatmentName: data.roles.treatment)
            let se = fit.standardErrors(.hc1)[3]
            return EffectEstimate(estimator: name, estimand: .att, value: fit.coefficients[3], standardError: se,
                                  method: "OLS interaction, HC1 (repeated cross-section)", sampleSize: d.count, level: level,
                                  diagnostics: [Diagnostic("groups", Double(groups.count)), Diagnostic("periods", Double(periods.count))])
        }
        let (units, periods) = try data.requirePanel(for: name)
        let fit = try interactionFit(d, outcome: data.outcome, groups: units, periods: periods, groupWord: "unit",
                                     treatmentName: data.roles.treatment)
        let se = fit.standardErrors(.clustered(by: units, correction: .stata))[3]
        return EffectEstimate(estimator: name, estimand: .att, value: fit.coefficients[3], standardError: se,
                              method: "OLS interaction, clustered by unit (CR1)", sampleSize: d.count, level: level,
                              diagnostics: [Diagnostic("units", Double(units.count)), Diagnostic("periods", Double(periods.count))])
    }

    /// The saturated regression y = a + b·G + c·P + τ·D, with G = 1 for the groups (or
    /// units) that have a treated row and P = 1 for the periods that do, after checking
    /// that D = G·P in every row and that both a pre-period and a comparison group exist.
    private func interactionFit(_ d: [Double], outcome: [Double], groups: GroupCodes, periods: GroupCodes,
                                groupWord: String, treatmentName: String?) throws -> LinearRegression {
        var treatedGroup = [Double](repeating: 0, count: groups.count)
        var postPeriod = [Double](repeating: 0, count: periods.count)
        for i in d.indices where d[i] == 1 {
            treatedGroup[groups.codes[i]] = 1
            postPeriod[periods.codes[i]] = 1
        }
        let group = groups.codes.map { treatedGroup[$0] }
        let post = periods.codes.map { postPeriod[$0] }
        if let bad = d.indices.first(where: { d[$0] != group[$0] * post[$0] }) {
            throw EstimationError.invalidDesign(
                estimator: name,
                detail: "row \(bad + 1) (\(groupWord) '\(groups.labels[groups.codes[bad]])', period '\(periods.labels[periods.codes[bad]])'): "
                    + "treatment \(d[bad]) differs from (\(groupWord) ever treated) × (some \(groupWord) treated in the period) = "
                    + "\(group[bad] * post[bad]); the 2×2 design needs one group switching on in common post periods "
                    + "(for staggered timing use two-way fixed effects)")
        }
        guard post.contains(0) else {
            throw EstimationError.invalidDesign(estimator: name, detail: "every period has treated units: no pre-period")
        }
        guard group.contains(0) else {
            throw EstimationError.invalidDesign(estimator: name, detail: "every \(groupWord) is treated at some time: no comparison group")
        }
        return try LinearRegression(Design([("intercept", [Double](repeating: 1, count: d.count)), ("treated group", group),
                                            ("post period", post), (treatmentName ?? "treatment", d)]),
                                    response: outcome, model: name)
    }
}
