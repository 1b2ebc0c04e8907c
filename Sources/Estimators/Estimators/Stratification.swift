import Probability

/// Subclassification: split the rows into strata, take the difference in means within
/// each, and average with the strata's shares of the rows (Cochran 1968; Rosenbaum &
/// Rubin 1984):
///
///     τ̂ = Σₛ (nₛ/n)(ȳ₁ₛ − ȳ₀ₛ),   Var(τ̂) = Σₛ (nₛ/n)²(s²₁ₛ/n₁ₛ + s²₀ₛ/n₀ₛ).
///
/// Strata are either the values of a discrete covariate (exact adjustment for it) or
/// quantile classes of the estimated propensity score (five classes remove about 90%
/// of the bias from a covariate, Cochran 1968). The variance treats the strata as
/// fixed; for propensity classes it ignores the estimation of the score, which makes it
/// conservative (Lunceford & Davidian 2004). Strata
/// without at least two treated and two control rows are dropped with a warning.
public struct Stratification: EffectEstimator {
    /// How the strata are formed.
    public enum Strata: Sendable, Equatable {
        /// Equal-count classes of the logistic propensity score.
        case propensityQuantiles(Int)
        /// The distinct values of the named covariate (at most `maximumLevels`).
        case covariate(String)
    }

    /// The strata.
    public var strata: Strata
    /// Confidence level of the interval.
    public var level: Double

    /// A discrete covariate may have at most this many distinct values.
    public static let maximumLevels = 50

    /// The estimator on the given strata.
    public init(strata: Strata = .propensityQuantiles(5), level: Double = 0.95) {
        self.strata = strata
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String {
        switch strata {
        case .propensityQuantiles(let k): return "stratification-propensity-\(k)"
        case .covariate(let c): return "stratification-on-\(c)"
        }
    }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        switch strata {
        case .propensityQuantiles:
            return .requiring(data.binaryTreatmentCondition, data.covariatesCondition)
        case .covariate(let c):
            return .requiring(data.binaryTreatmentCondition, (data.covariates.contains(c), "needs the covariate '\(c)'"))
        }
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let t = try data.binaryTreatment(for: name)
        let (codes, count, diagnostics, warnings) = try strataCodes(data, treatment: t)
        var control = [RunningMoments](repeating: RunningMoments(), count: count)
        var treated = [RunningMoments](repeating: RunningMoments(), count: count)
        for i in t.indices {
            if t[i] == 1 { treated[codes[i]].add(data.outcome[i]) } else { control[codes[i]].add(data.outcome[i]) }
        }
        let usable = (0..<count).filter { treated[$0].count >= 2 && control[$0].count >= 2 }
        let kept = usable.reduce(0) { $0 + treated[$1].count + control[$1].count }
        guard kept > 0 else {
            throw EstimationError.tooFewObservations(estimator: name, detail: "no stratum has two treated and two control rows")
        }
        var tau = 0.0, variance = 0.0
        for s in usable {
            let w = Double(treated[s].count + control[s].count) / Double(kept)
            tau += w * (treated[s].mean - control[s].mean)
            variance += w * w * (treated[s].variance / Double(treated[s].count) + control[s].variance / Double(control[s].count))
        }
        var allWarnings = warnings
        let droppedStrata = (0..<count).filter { !usable.contains($0) && treated[$0].count + control[$0].count > 0 }
        if !droppedStrata.isEmpty {
            allWarnings.append(.droppedStrata(strata: droppedStrata.count, rows: data.rowCount - kept))
        }
        return EffectEstimate(estimator: name, estimand: .ate, value: tau, standardError: variance.squareRoot(),
                              method: "within-stratum Neyman variances, strata fixed", sampleSize: kept, level: level,
                              warnings: allWarnings, diagnostics: diagnostics + [Diagnostic("strata used", Double(usable.count))])
    }

    /// Each row's stratum in 0..<count, with diagnostics and warnings of the propensity fit.
    private func strataCodes(_ data: CausalData, treatment: [Double])
        throws -> (codes: [Int], count: Int, diagnostics: [Diagnostic], warnings: [EstimatorWarning]) {
        switch strata {
        case .propensityQuantiles(let k):
            guard k >= 1 else { throw EstimationError.invalidOption(estimator: name, detail: "\(k) strata; need at least 1") }
            _ = try data.requireCovariates(for: name)
            let scores = try PropensityScores(data, treatment: treatment, estimator: name)
            let order = scores.values.indices.sorted { scores.values[$0] < scores.values[$1] }
            var codes = [Int](repeating: 0, count: order.count)
            for (rank, i) in order.enumerated() { codes[i] = rank * k / order.count }
            return (codes, k, scores.diagnostics, scores.overlapWarnings())
        case .covariate(let c):
            guard let j = data.roles.covariates.firstIndex(of: c) else {
                throw EstimationError.missingRole(estimator: name, role: "the covariate '\(c)' among the covariates")
            }
            let groups = GroupCodes(.numeric(data.covariates[j]))
            guard groups.count <= Stratification.maximumLevels else {
                throw EstimationError.invalidOption(
                    estimator: name, detail: "covariate '\(c)' has \(groups.count) distinct values (at most "
                        + "\(Stratification.maximumLevels) allowed); stratify on propensity quantiles instead")
            }
            return (groups.codes, groups.count, [], [])
        }
    }
}
