import GSL

/// Estimated propensity scores ê(x) = P(T = 1 | X = x) from a logistic regression of
/// the treatment on an intercept and the covariates (Rosenbaum & Rubin 1983), shared by
/// the weighting, matching and stratification estimators.
struct PropensityScores {
    /// The fitted logistic regression.
    let model: LogisticRegression
    /// The design [1, X] it was fitted on.
    let design: Matrix
    /// ê(xᵢ) for every row.
    var values: [Double] { model.probabilities }

    /// Propensities below this or above 1 minus it count as poor overlap (Crump et al. 2009 use 0.1
    /// for trimming; 0.01 flags weights above 100, where an estimate rests on a handful of units).
    static let overlapWarningBound = 0.01

    /// Fits the propensity model of `treatment` on the covariates of `data`.
    init(_ data: CausalData, treatment: [Double], estimator: String) throws {
        var d = Design(rows: data.rowCount)
        d.addIntercept()
        for (name, x) in zip(data.roles.covariates, data.covariates) { d.add(name, x) }
        model = try LogisticRegression(d, response: treatment, responseName: data.roles.treatment ?? "treatment",
                                       model: "propensity model of \(estimator)")
        design = d.matrix
    }

    /// A `poorOverlap` warning when some scores lie outside [bound, 1 − bound].
    func overlapWarnings(bound: Double = PropensityScores.overlapWarningBound) -> [EstimatorWarning] {
        let outside = values.filter { $0 < bound || $0 > 1 - bound }.count
        guard outside > 0 else { return [] }
        return [.poorOverlap(units: outside, bound: bound, minimum: values.min() ?? .nan, maximum: values.max() ?? .nan)]
    }

    /// Diagnostics: the range of the scores.
    var diagnostics: [Diagnostic] {
        [Diagnostic("minimum propensity", values.min() ?? .nan), Diagnostic("maximum propensity", values.max() ?? .nan)]
    }

    /// The influence of the propensity fit on a mean of ψᵢ(β): with G = (1/n) Σ ∂ψᵢ/∂β,
    /// each row adds Gᵀ·n·Cov(β̂)·(Tᵢ − êᵢ)xᵢ, since β̂ − β ≈ n·Cov(β̂)·(1/n)Σ(Tᵢ − êᵢ)xᵢ
    /// (M-estimation; Lunceford & Davidian 2004, §3). `gradient` is G.
    func influenceCorrection(gradient: [Double], treatment: [Double]) -> [Double] {
        let n = design.rows, k = design.columns
        let a = model.informationInverse * gradient.map { $0 * Double(n) }  // n·Cov(β̂)·G
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<k { s += design[i, j] * a[j] }
            out[i] = s * (treatment[i] - values[i])
        }
        return out
    }

    /// (1/n) Σᵢ cᵢ·xᵢ: the mean of the design rows weighted by `coefficients`.
    func weightedMeanOfRows(_ coefficients: [Double]) -> [Double] {
        design.transposeTimes(coefficients).map { $0 / Double(design.rows) }
    }
}

/// The sample a weighting estimator works on: the binary treatment, the fitted
/// propensity scores and, when `trim` is given, only the rows whose first-fit score
/// lies in [trim, 1 − trim] (Crump, Hotz, Imbens & Mitnik 2009), with the propensity
/// model refitted on them.
struct WeightingSample {
    /// The rows kept.
    let data: CausalData
    /// Their 0/1 treatment.
    let treatment: [Double]
    /// Their propensity scores.
    let scores: PropensityScores
    /// Trimming and overlap warnings.
    let warnings: [EstimatorWarning]

    init(_ data: CausalData, estimator: String, trim: Double?) throws {
        if let trim, !(trim >= 0 && trim < 0.5) {
            throw EstimationError.invalidOption(estimator: estimator, detail: "trim = \(trim) must lie in [0, 0.5)")
        }
        var sample = data
        var treatment = try data.binaryTreatment(for: estimator)
        var scores = try PropensityScores(data, treatment: treatment, estimator: estimator)
        var warnings: [EstimatorWarning] = []
        if let trim {
            let keep = scores.values.indices.filter { scores.values[$0] >= trim && scores.values[$0] <= 1 - trim }
            if keep.count < data.rowCount {
                warnings.append(.trimmed(units: data.rowCount - keep.count, bound: trim))
                sample = data.selecting(rows: keep)
                treatment = try sample.binaryTreatment(for: estimator)
                scores = try PropensityScores(sample, treatment: treatment, estimator: estimator)
            }
        }
        self.data = sample
        self.treatment = treatment
        self.scores = scores
        self.warnings = warnings + scores.overlapWarnings()
    }
}

extension CausalData {
    /// The estimated propensity score ê(xᵢ) = P(T = 1 | X = xᵢ) of every row, in row
    /// order: the logistic regression of the 0/1 treatment on an intercept and the
    /// covariates, the very fit the weighting, matching and stratification estimators
    /// use. Drawn by treatment arm (`HistogramChart` in Plotting) it shows the overlap
    /// those estimators rely on: a region of scores where one arm has no units is a
    /// region where they compare nothing. Throws when the treatment is not 0/1 with
    /// both values present, or the fit fails (perfect separation).
    ///
    ///     let scores = try data.propensityScores()
    ///     let treated = zip(scores, data.treatment!).filter { $0.1 == 1 }.map(\.0)
    public func propensityScores() throws -> [Double] {
        let estimator = "propensity model"
        return try PropensityScores(self, treatment: binaryTreatment(for: estimator), estimator: estimator).values
    }
}
