import Probability

/// Two-way fixed effects: OLS of y on the treatment (and covariates) with a fixed
/// effect for every unit and every period,
///
///     yᵢₜ = αᵢ + λₜ + τ·Dᵢₜ + βᵀxᵢₜ + εᵢₜ.
///
/// The effects are absorbed by demeaning every column by unit and by period in turn
/// until nothing changes (alternating projections, Guimarães & Portugal 2010; one
/// sweep for a balanced panel), then τ̂ is the OLS coefficient on the demeaned data
/// (Frisch–Waugh–Lovell). The standard error is clustered by unit and scaled by
/// n/(n − k − a) with a = units + periods − 1 absorbed parameters, as linearmodels'
/// `PanelOLS` does; the unadjusted SE is reported as a diagnostic. Estimates the ATT
/// under parallel trends when the effect is constant; with staggered timing and
/// heterogeneous effects it is a weighted average that can even change sign
/// (Goodman-Bacon 2021), hence the warning.
public struct TwoWayFixedEffects: EffectEstimator {
    /// Confidence level of the interval.
    public var level: Double

    /// Sweeps allowed for the alternating projections.
    public static let maximumSweeps = 10_000

    /// The estimator at confidence level `level`.
    public init(level: Double = 0.95) { self.level = level }

    public var name: String { "twfe" }

    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.anyTreatmentCondition, (data.isPanel, "needs unit and period columns (a panel)"))
    }

    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        let d = try data.anyTreatment(for: name)
        let (units, periods) = try data.requirePanel(for: name)
        let treatmentName = data.roles.treatment ?? "treatment"
        var columns = [(treatmentName, d)] + zip(data.roles.covariates, data.covariates).map { ($0, $1) }
        for c in columns.indices { columns[c].1 = try demean(columns[c].1, columns[c].0, units, periods) }
        let outcome = try demean(data.outcome, data.roles.outcome, units, periods)
        let fit = try LinearRegression(Design(columns), response: outcome, model: "\(name) (after absorbing unit and period effects)",
                                       absorbedDegreesOfFreedom: units.count + periods.count - 1)
        let se = fit.standardErrors(.clustered(by: units, correction: .residualDegreesOfFreedom))[0]
        var warnings: [EstimatorWarning] = []
        let timings = treatmentTimings(d, units, periods)
        if timings > 1 { warnings.append(.staggeredAdoption(firstPeriods: timings)) }
        return EffectEstimate(estimator: name, estimand: .att, value: fit.coefficients[0], standardError: se,
                              method: "clustered by unit, scaled by n/(n − k − absorbed effects)", sampleSize: d.count,
                              level: level, warnings: warnings,
                              diagnostics: [Diagnostic("unadjusted SE", fit.standardErrors(.classical)[0]),
                                            Diagnostic("units", Double(units.count)), Diagnostic("periods", Double(periods.count))])
    }

    /// `values` with unit and period means removed, to convergence.
    private func demean(_ values: [Double], _ column: String, _ units: GroupCodes, _ periods: GroupCodes) throws -> [Double] {
        var v = values
        let scale = max(1, values.reduce(0) { max($0, abs($1)) })
        let unitCounts = counts(units), periodCounts = counts(periods)
        for _ in 0..<TwoWayFixedEffects.maximumSweeps {
            let a = subtractGroupMeans(&v, units, unitCounts)
            let b = subtractGroupMeans(&v, periods, periodCounts)
            if max(a, b) <= 1e-13 * scale { return v }
        }
        throw EstimationError.notConverged(model: "\(name): absorbing the fixed effects of '\(column)'",
                                           iterations: TwoWayFixedEffects.maximumSweeps)
    }

    private func counts(_ groups: GroupCodes) -> [Double] {
        var c = [Double](repeating: 0, count: groups.count)
        for g in groups.codes { c[g] += 1 }
        return c
    }

    /// Subtracts each group's mean in place; returns the largest mean removed.
    private func subtractGroupMeans(_ v: inout [Double], _ groups: GroupCodes, _ counts: [Double]) -> Double {
        var sums = [Double](repeating: 0, count: groups.count)
        for i in v.indices { sums[groups.codes[i]] += v[i] }
        for g in sums.indices { sums[g] /= counts[g] }
        for i in v.indices { v[i] -= sums[groups.codes[i]] }
        return sums.reduce(0) { max($0, abs($1)) }
    }

    /// The number of distinct sets of treated periods among units ever treated.
    private func treatmentTimings(_ d: [Double], _ units: GroupCodes, _ periods: GroupCodes) -> Int {
        var treatedPeriods = [Set<Int>](repeating: [], count: units.count)
        for i in d.indices where d[i] != 0 { treatedPeriods[units.codes[i]].insert(periods.codes[i]) }
        return Set(treatedPeriods.filter { !$0.isEmpty }).count
    }
}
