import Probability

/// Double/debiased machine learning with K-fold cross-fitting (Chernozhukov,
/// Chetverikov, Demirer, Duflo, Hansen, Newey & Robins 2018, Econometrics Journal 21).
///
/// The rows are split at random into K folds; every nuisance function is fitted on
/// the other K − 1 folds and predicted on the held-out fold, so no row's prediction
/// uses its own outcome. The effect solves a Neyman-orthogonal moment, which makes it
/// insensitive to first-order errors in the nuisances.
///
/// - Partially linear model (§4.1), Y = θ·T + g(X) + ε: with ℓ̂(x) ≈ E[Y | X], m̂(x) ≈ E[T | X],
///   Ỹ = Y − ℓ̂, T̃ = T − m̂: θ̂ = ΣỸT̃ / ΣT̃²; ψᵢ = (Ỹᵢ − θ̂T̃ᵢ)T̃ᵢ and
///   SE = √(mean ψ²)/(mean T̃²)/√n. Any numeric treatment; θ is the Var(T | X)-weighted
///   average effect.
/// - Interactive model (§5.1), binary T: ĝₜ(x) ≈ E[Y | X, T = t] and the propensity m̂
///   (clipped to [0.01, 0.99], the DoubleML package's default), the doubly robust score
///   ψᵢ = ĝ₁ − ĝ₀ + Tᵢ(Yᵢ − ĝ₁)/m̂ − (1 − Tᵢ)(Yᵢ − ĝ₀)/(1 − m̂); θ̂ = mean ψ (the ATE),
///   SE = SD(ψ)/√n. Its conditional effects τ̂(xᵢ) = ĝ₁(xᵢ) − ĝ₀(xᵢ) are cross-fitted too
///   (`estimateWithConditionalEffects`); the partially linear model gives none.
public struct DoubleML: ConditionalEffectEstimator {
    /// The structural model.
    public enum Model: String, Sendable, Equatable {
        /// Y = θT + g(X) + ε.
        case partiallyLinear = "plr"
        /// Y = g(T, X) + ε with binary T.
        case interactive = "irm"
    }

    /// The structural model.
    public var model: Model
    /// The learner for every nuisance function.
    public var learner: Learner
    /// The number of folds K.
    public var folds: Int
    /// Confidence level of the interval.
    public var level: Double

    /// Propensities are clipped to [clip, 1 − clip] in the interactive score (DoubleML's `trimming_threshold`).
    public static let propensityClip = 0.01

    /// The estimator for a model, learner and number of folds.
    public init(model: Model = .interactive, learner: Learner = .linear, folds: Int = 5, level: Double = 0.95) {
        self.model = model
        self.learner = learner
        self.folds = folds
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "dml-\(model.rawValue)-\(learner.name)" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        switch model {
        case .partiallyLinear: return .requiring(data.anyTreatmentCondition, data.covariatesCondition)
        case .interactive: return .requiring(data.binaryTreatmentCondition, data.covariatesCondition)
        }
    }

    /// The estimate and each row's predicted effect τ̂(xᵢ) (`ConditionalEffectEstimator`).
    public func estimateWithConditionalEffects(_ data: CausalData, randomness: RandomStream) throws -> ConditionalEffectEstimate {
        try checkLevel(level, estimator: name)
        guard folds >= 2, folds <= data.rowCount else {
            throw EstimationError.invalidOption(estimator: name, detail: "\(folds) folds for \(data.rowCount) rows; need 2 ≤ K ≤ n")
        }
        let t = model == .interactive ? try data.binaryTreatment(for: name) : try data.anyTreatment(for: name)
        let x = learner.prepared(Features(names: data.roles.covariates, columns: try data.requireCovariates(for: name)))
        let y = data.outcome
        let n = y.count
        var order = Array(0..<n)
        randomness.shuffle(&order)
        let split = (0..<folds).map { k in stride(from: k, to: n, by: folds).map { order[$0] } }

        var psi = [Double](repeating: 0, count: n)
        var conditionalEffects: [Double]?
        var warnings: [EstimatorWarning] = []
        let theta: Double, se: Double
        switch model {
        case .partiallyLinear:
            var yResidual = [Double](repeating: 0, count: n), tResidual = [Double](repeating: 0, count: n)
            for k in 0..<folds {
                let training = (0..<folds).filter { $0 != k }.flatMap { split[$0] }
                let held = split[k]
                let l = try learner.fitRegression(x, y, rows: training, model: "\(name) outcome model").predict(x, rows: held)
                let m = try learner.fitRegression(x, t, rows: training, model: "\(name) treatment model").predict(x, rows: held)
                for (j, i) in held.enumerated() {
                    yResidual[i] = y[i] - l[j]
                    tResidual[i] = t[i] - m[j]
                }
            }
            let stt = tResidual.reduce(0) { $0 + $1 * $1 }
            theta = zip(yResidual, tResidual).reduce(0) { $0 + $1.0 * $1.1 } / stt
            for i in 0..<n { psi[i] = (yResidual[i] - theta * tResidual[i]) * tResidual[i] }
            let j = stt / Double(n)
            se = (psi.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot() / j / Double(n).squareRoot()
        case .interactive:
            var clipped = 0
            var differences = [Double](repeating: 0, count: n)
            for k in 0..<folds {
                let training = (0..<folds).filter { $0 != k }.flatMap { split[$0] }
                let held = split[k]
                let g1 = try learner.fitRegression(x, y, rows: training.filter { t[$0] == 1 }, model: "\(name) treated outcome model")
                    .predict(x, rows: held)
                let g0 = try learner.fitRegression(x, y, rows: training.filter { t[$0] == 0 }, model: "\(name) control outcome model")
                    .predict(x, rows: held)
                let m = try learner.fitProbability(x, t, rows: training, responseName: data.roles.treatment ?? "treatment",
                                                   model: "\(name) propensity model").predict(x, rows: held)
                for (j, i) in held.enumerated() {
                    let e = min(max(m[j], DoubleML.propensityClip), 1 - DoubleML.propensityClip)
                    if e != m[j] { clipped += 1 }
                    differences[i] = g1[j] - g0[j]
                    psi[i] = g1[j] - g0[j] + (t[i] == 1 ? (y[i] - g1[j]) / e : -(y[i] - g0[j]) / (1 - e))
                }
            }
            theta = psi.reduce(0, +) / Double(n)
            se = (psi.reduce(0) { $0 + ($1 - theta) * ($1 - theta) } / Double(n)).squareRoot() / Double(n).squareRoot()
            if clipped > 0 { warnings.append(.clippedPropensities(units: clipped, bound: DoubleML.propensityClip)) }
            conditionalEffects = differences
        }
        let estimate = EffectEstimate(estimator: name, estimand: model == .interactive ? .ate : .varianceWeightedEffect,
                                      value: theta, standardError: se,
                                      method: "Neyman-orthogonal score, \(folds)-fold cross-fitting", sampleSize: n, level: level,
                                      warnings: warnings)
        return ConditionalEffectEstimate(estimate: estimate, conditionalEffects: conditionalEffects)
    }
}
