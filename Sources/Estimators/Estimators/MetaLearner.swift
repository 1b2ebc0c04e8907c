import Probability

/// Meta-learners of the conditional effect τ(x) = E[Y(1) − Y(0) | X = x] from a base
/// `Learner`, averaged over the sample for the ATE (Künzel, Sekhon, Bickel & Yu 2019):
///
/// - S-learner: one model μ̂(x, t) with the treatment as a feature; τ̂(x) = μ̂(x, 1) − μ̂(x, 0).
///   With the linear learner this is the OLS coefficient of T (no interactions).
/// - T-learner: μ̂₁ on the treated, μ̂₀ on the controls; τ̂(x) = μ̂₁(x) − μ̂₀(x).
/// - X-learner: the T-learner's models impute effects D¹ᵢ = yᵢ − μ̂₀(xᵢ) for the treated and
///   D⁰ᵢ = μ̂₁(xᵢ) − yᵢ for the controls; τ̂₁, τ̂₀ are fitted to them and combined as
///   τ̂(x) = ê(x)·τ̂₀(x) + (1 − ê(x))·τ̂₁(x) with the learner's propensity ê.
///
/// τ̂ = (1/n) Σᵢ τ̂(xᵢ); `estimateWithConditionalEffects` also returns the τ̂(xᵢ). Uncertainty by the bootstrap stratified by arm (the learners
/// have no simple variance formula); the interval is the percentile interval.
/// Consistent for the ATE under unconfoundedness and overlap when the learner is
/// consistent for the regressions involved.
public struct MetaLearner: ConditionalEffectEstimator {
    /// Which meta-learner.
    public enum Kind: String, Sendable, Equatable {
        /// Single model with the treatment as a feature.
        case s
        /// Two models, one per arm.
        case t
        /// Imputed effects, propensity-weighted.
        case x
    }

    /// The meta-learner.
    public var kind: Kind
    /// The base learner.
    public var learner: Learner
    /// Bootstrap resamples for the standard error and interval.
    public var replications: Int
    /// Confidence level of the interval.
    public var level: Double

    /// A meta-learner with a base learner and the bootstrap size.
    public init(_ kind: Kind, learner: Learner = .linear, replications: Int = 100, level: Double = 0.95) {
        self.kind = kind
        self.learner = learner
        self.replications = replications
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "\(kind.rawValue)-learner-\(learner.name)" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring(data.binaryTreatmentCondition, data.covariatesCondition)
    }

    /// The estimate and each row's predicted effect τ̂(xᵢ) (`ConditionalEffectEstimator`).
    public func estimateWithConditionalEffects(_ data: CausalData, randomness: RandomStream) throws -> ConditionalEffectEstimate {
        try checkLevel(level, estimator: name)
        let t = try data.binaryTreatment(for: name)
        let covariates = Features(names: data.roles.covariates, columns: try data.requireCovariates(for: name))
        // The S-learner's model also sees the treatment; prepared once for every resample.
        let x = learner.prepared(kind == .s ? covariates.appending("treatment", t) : covariates)
        let y = data.outcome
        let bootstrap = try StratifiedBootstrap(treatment: t, replications: replications, estimator: name)
        let effects = try conditionalEffects(x, y, t, rows: Array(t.indices))
        let tau = mean(effects)
        let (values, failures) = bootstrap.replicates(randomness: randomness) { try mean(conditionalEffects(x, y, t, rows: $0)) }
        guard values.count >= 2 else {
            throw EstimationError.tooFewObservations(estimator: name, detail: "only \(values.count) bootstrap resamples could be estimated")
        }
        let (se, lower, upper) = StratifiedBootstrap.summary(values, level: level)
        var warnings: [EstimatorWarning] = []
        if failures > 0 { warnings.append(.bootstrapFailures(replications: failures, of: replications)) }
        let estimate = EffectEstimate(estimator: name, estimand: .ate, value: tau, standardError: se,
                                      interval: ConfidenceInterval(lower: lower, upper: upper, level: level),
                                      uncertainty: .bootstrap(replications: values.count, method: "rows resampled within arms, percentile interval"),
                                      sampleSize: data.rowCount, warnings: warnings)
        return ConditionalEffectEstimate(estimate: estimate, conditionalEffects: effects)
    }

    private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// τ̂(xᵢ) for each of `rows`, with the models fitted on `rows` (for the S-learner, `x`
    /// ends with the treatment column).
    private func conditionalEffects(_ x: Features, _ y: [Double], _ t: [Double], rows: [Int]) throws -> [Double] {
        let treated = rows.filter { t[$0] == 1 }, controls = rows.filter { t[$0] == 0 }
        let effects: [Double]
        switch kind {
        case .s:
            let model = try learner.fitRegression(x, y, rows: rows, model: "\(name) outcome model")
            let column = x.columns.count - 1
            let mu1 = model.predict(x.settingColumn(column, to: 1), rows: rows)
            let mu0 = model.predict(x.settingColumn(column, to: 0), rows: rows)
            effects = zip(mu1, mu0).map { $0 - $1 }
        case .t:
            let mu1 = try learner.fitRegression(x, y, rows: treated, model: "\(name) treated-arm model").predict(x, rows: rows)
            let mu0 = try learner.fitRegression(x, y, rows: controls, model: "\(name) control-arm model").predict(x, rows: rows)
            effects = zip(mu1, mu0).map { $0 - $1 }
        case .x:
            let model1 = try learner.fitRegression(x, y, rows: treated, model: "\(name) treated-arm model")
            let model0 = try learner.fitRegression(x, y, rows: controls, model: "\(name) control-arm model")
            // Imputed effects, stored by row so the second-stage learners can index them.
            var imputed = [Double](repeating: 0, count: y.count)
            for (i, m0) in zip(treated, model0.predict(x, rows: treated)) { imputed[i] = y[i] - m0 }
            for (i, m1) in zip(controls, model1.predict(x, rows: controls)) { imputed[i] = m1 - y[i] }
            let tau1 = try learner.fitRegression(x, imputed, rows: treated, model: "\(name) treated effect model").predict(x, rows: rows)
            let tau0 = try learner.fitRegression(x, imputed, rows: controls, model: "\(name) control effect model").predict(x, rows: rows)
            let e = try learner.fitProbability(x, t, rows: rows, responseName: "treatment", model: "\(name) propensity model")
                .predict(x, rows: rows)
            effects = rows.indices.map { e[$0] * tau0[$0] + (1 - e[$0]) * tau1[$0] }
        }
        return effects
    }
}
