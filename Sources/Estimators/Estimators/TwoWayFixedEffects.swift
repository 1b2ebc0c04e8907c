import Probability

/// Two-way fixed effects: OLS of y on the treatment (and covariates) with a fixed
/// effect for every unit and every period,
///
///     yᵢₜ = αᵢ + λₜ + τ·Dᵢₜ + βᵀxᵢₜ + εᵢₜ.
///
/// The effects are absorbed by demeaning every column by unit and by period in turn
/// until nothing changes (alternating projections, Guimarães & Portugal 2010; one
/// sweep for a balanced panel), then τ̂ is the OLS coefficient on the demeaned data
/// (Frisch–Waugh–Lovell). The standard error is clustered by unit. By default its
/// finite-sample factor is G/(G − 1)·(n − 1)/(n − k − T) (T periods): the unit effects
/// are nested in the unit clusters and are not counted (Stata's `xtreg, fe vce(cluster)`;
/// Cameron & Miller 2015). `.linearmodels` scales by n/(n − k − a) with all
/// a = units + periods − 1 absorbed parameters, as linearmodels' `PanelOLS` does; that
/// overstates the variance in short panels (by a factor near 2 with two periods). The
/// unadjusted SE (σ̂² with n − k − a degrees of freedom) is a diagnostic. Estimates the ATT
/// under parallel trends when the effect is constant; with staggered timing and
/// heterogeneous effects it is a weighted average that can even change sign
/// (Goodman-Bacon 2021), hence the warning.
public struct TwoWayFixedEffects: EffectEstimator {
    /// The finite-sample factor of the clustered standard error.
    public enum Correction: String, Sendable, Equatable {
        /// CR1 counting only the period effects (unit effects are nested in the clusters).
        case nestedEffects
        /// n/(n − k − a) with every absorbed effect counted, as linearmodels' `PanelOLS`.
        case linearmodels
    }

    /// The finite-sample factor of the clustered standard error.
    public var correction: Correction
    /// Confidence level of the interval.
    public var level: Double

    /// Sweeps allowed for the alternating projections.
    public static let maximumSweeps = 10_000

    /// The estimator with the given correction and confidence level.
    public init(correction: Correction = .nestedEffects, level: Double = 0.95) {
        self.correction = correction
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "twfe" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.anyTreatmentCondition, (data.isPanel, "needs unit and period columns (a panel)"))
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let d = try data.anyTreatment(for: name)
        let (units, periods) = try data.requirePanel(for: name)
        let treatmentName = data.roles.treatment ?? "treatment"
        var columns = [(treatmentName, d)] + zip(data.roles.covariates, data.covariates).map { ($0, $1) }
        for c in columns.indices { columns[c].1 = try demean(columns[c].1, columns[c].0, units, periods) }
        let outcome = try demean(data.outcome, data.roles.outcome, units, periods)
        let fit = try LinearRegression(Design(columns), response: outcome, model: "\(name) (after absorbing unit and period effects)",
                                       absorbedDegreesOfFreedom: units.count + periods.count - 1)
        let factor: ClusterCorrection = correction == .linearmodels ? .residualDegreesOfFreedom
            : .stataNested(absorbedOutsideClusters: periods.count)
        let se = fit.standardErrors(.clustered(by: units, correction: factor))[0]
        var warnings: [EstimatorWarning] = []
        let timings = treatmentTimings(d, units, periods)
        if timings > 1 { warnings.append(.staggeredAdoption(firstPeriods: timings)) }
        return EffectEstimate(estimator: name, estimand: .att, value: fit.coefficients[0], standardError: se,
                              method: correction == .linearmodels ? "clustered by unit, scaled by n/(n − k − absorbed effects)"
                                  : "clustered by unit (CR1, unit effects nested in clusters)", sampleSize: d.count,
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
        var treatedPeriods = [[Int]](repeating: [], count: units.count)
        for i in d.indices where d[i] != 0 { treatedPeriods[units.codes[i]].append(periods.codes[i]) }
        return Set(treatedPeriods.filter { !$0.isEmpty }.map { $0.sorted() }).count
    }
}
