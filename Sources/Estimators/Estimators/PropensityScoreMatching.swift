import Probability

/// Nearest-neighbour matching on the estimated propensity score, with replacement
/// and a caliper, for the average effect on the treated (Rosenbaum & Rubin 1985;
/// Austin 2011 for the caliper of 0.2 standard deviations of the logit score).
///
/// Each treated unit i is matched to the `neighbours` controls nearest in the logit
/// of the logistic propensity score (ties broken towards the lower score), keeping
/// only controls within `caliper`·SD(logit ê); a treated unit without any is dropped
/// (warning). With Jᵢ its mᵢ matches,
///
///     τ̂ = (1/N₁) Σᵢ [yᵢ − (1/mᵢ) Σ_{j ∈ Jᵢ} yⱼ].
///
/// Standard error: Abadie & Imbens (2006, Theorem 7) for the population ATT,
///
///     V̂ = (1/N₁²) [Σᵢ (τ̂ᵢ − τ̂)² + Σ_controls (wⱼ² − vⱼ)·σ̂²ⱼ],
///
/// with wⱼ = Σ_{i: j ∈ Jᵢ} 1/mᵢ and vⱼ = Σ_{i: j ∈ Jᵢ} 1/mᵢ² (wⱼ² − vⱼ = Kⱼ(Kⱼ − 1)/M² for
/// M matches each) and σ̂²ⱼ from three nearest same-arm neighbours in the score. It
/// treats the estimated score as known; Abadie & Imbens (2016) show this is
/// conservative for the ATE but can err either way for the ATT.
public struct PropensityScoreMatching: EffectEstimator {
    /// Controls matched to each treated unit (M).
    public var neighbours: Int
    /// Maximum distance in standard deviations of the logit score; nil for no caliper.
    public var caliper: Double?
    /// Confidence level of the interval.
    public var level: Double

    /// Same-arm neighbours used to estimate σ²(x) in the variance.
    public static let varianceNeighbours = 3

    /// The estimator with M = `neighbours` matches and the given caliper.
    public init(neighbours: Int = 1, caliper: Double? = 0.2, level: Double = 0.95) {
        self.neighbours = neighbours
        self.caliper = caliper
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "psm-nearest-\(neighbours)" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition, data.covariatesCondition)
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        guard neighbours >= 1 else {
            throw EstimationError.invalidOption(estimator: name, detail: "neighbours = \(neighbours); need at least 1")
        }
        if let caliper, !(caliper > 0) {
            throw EstimationError.invalidOption(estimator: name, detail: "caliper = \(caliper) must be positive")
        }
        _ = try data.requireCovariates(for: name)
        let t = try data.binaryTreatment(for: name)
        let scores = try PropensityScores(data, treatment: t, estimator: name)
        let logit = scores.values.map { Logistic.logit($0) }
        let y = data.outcome
        let spread = RunningMoments(logit).variance.squareRoot()
        let maximumDistance = caliper.map { $0 * spread } ?? .infinity

        let controls = t.indices.filter { t[$0] == 0 }.sorted { logit[$0] < logit[$1] }
        let controlScores = controls.map { logit[$0] }
        let controlY = controls.map { y[$0] }
        var weight = [Double](repeating: 0, count: controls.count)        // wⱼ
        var squaredWeight = [Double](repeating: 0, count: controls.count) // vⱼ
        var unitEffects: [Double] = []
        var unmatched = 0
        for i in t.indices where t[i] == 1 {
            let matches = nearest(neighbours, to: logit[i], in: controlScores, within: maximumDistance)
            guard !matches.isEmpty else {
                unmatched += 1
                continue
            }
            let m = Double(matches.count)
            var counterfactual = 0.0
            for j in matches {
                counterfactual += controlY[j] / m
                weight[j] += 1 / m
                squaredWeight[j] += 1 / (m * m)
            }
            unitEffects.append(y[i] - counterfactual)
        }
        guard !unitEffects.isEmpty else {
            throw EstimationError.noOverlap(treatment: data.roles.treatment ?? "treatment",
                                            detail: "no treated unit has a control within the caliper")
        }
        let n1 = Double(unitEffects.count)
        let tau = unitEffects.reduce(0, +) / n1
        let sigma2 = nearestNeighbourResiduals(x: controlScores[...], outcomes: [controlY[...]],
                                               matches: PropensityScoreMatching.varianceNeighbours)[0].map { $0 * $0 }
        var variance = unitEffects.reduce(0) { $0 + ($1 - tau) * ($1 - tau) }
        for j in controls.indices where weight[j] > 0 {
            variance += (weight[j] * weight[j] - squaredWeight[j]) * sigma2[j]
        }
        variance /= n1 * n1
        var warnings = scores.overlapWarnings()
        if unmatched > 0 { warnings.append(.unmatched(units: unmatched, caliper: caliper ?? .infinity)) }
        let controlsUsed = weight.filter { $0 > 0 }.count
        return EffectEstimate(estimator: name, estimand: .att, value: tau, standardError: variance.squareRoot(),
                              method: "Abadie–Imbens (2006) matching variance, propensity score treated as known",
                              sampleSize: unitEffects.count + controlsUsed, level: level, warnings: warnings,
                              diagnostics: scores.diagnostics + [Diagnostic("matched treated", n1),
                                                                 Diagnostic("distinct controls used", Double(controlsUsed))])
    }

    /// The indices (into the sorted `scores`, hence a contiguous range) of the `count`
    /// values nearest `target`, no farther than `limit`; ties go to the lower score.
    private func nearest(_ count: Int, to target: Double, in scores: [Double], within limit: Double) -> Range<Int> {
        var low = 0, high = scores.count
        while low < high {
            let mid = (low + high) / 2
            if scores[mid] < target { low = mid + 1 } else { high = mid }
        }
        var left = low - 1, right = low
        while right - left - 1 < count && (left >= 0 || right < scores.count) {
            let toLeft = left >= 0 ? target - scores[left] : .infinity
            let toRight = right < scores.count ? scores[right] - target : .infinity
            if toLeft <= toRight {
                guard toLeft <= limit else { break }
                left -= 1
            } else {
                guard toRight <= limit else { break }
                right += 1
            }
        }
        return (left + 1)..<right
    }
}
