import Probability

/// Sharp and fuzzy regression discontinuity by local linear regression with a
/// triangular kernel, with the MSE-optimal bandwidth and robust bias-corrected
/// inference of Calonico, Cattaneo & Titiunik (2014) — the defaults of rdrobust
/// (p = 1, q = 2, bandwidth "mserd", nearest-neighbour variance with 3 matches).
///
/// Sharp: τ̂ = μ̂₊(c) − μ̂₋(c), the jump of the outcome at the cutoff, estimates
/// E[Y(1) − Y(0) | X = c] when the potential outcomes are continuous in x at c.
/// Fuzzy: τ̂ = (μ̂_Y₊ − μ̂_Y₋)/(μ̂_T₊ − μ̂_T₋), the outcome jump over the treatment jump,
/// estimates the effect for compliers at the cutoff (Hahn, Todd & van der Klaauw 2001);
/// its variance combines both by the delta method, s = (1/τ_T, −τ_Y/τ_T²).
///
/// `inference` chooses the reported numbers: `.robustBiasCorrected` (default) reports
/// the bias-corrected estimate with the robust standard error, whose interval has
/// correct coverage at the MSE-optimal h; `.conventional` reports the local-linear
/// estimate with its conventional SE (whose interval undercovers at that h). Both sets
/// are in the diagnostics. Covariates named in the roles are not used (no covariate
/// adjustment); `design` must match the data (see `DataDescription.discontinuity`).
public struct RegressionDiscontinuity: EffectEstimator {
    /// How the bandwidths are chosen.
    public enum Bandwidth: Sendable, Equatable {
        /// rdrobust's "mserd": one MSE-optimal h for both sides, and b for the bias.
        case mseOptimal
        /// Given h, and b for the bias correction (b = h when nil).
        case fixed(h: Double, b: Double?)
    }

    /// Which estimate and standard error are reported.
    public enum Inference: String, Sendable, Equatable {
        /// The bias-corrected estimate with the robust standard error (CCT 2014).
        case robustBiasCorrected = "robust bias-corrected"
        /// The local-linear estimate with its conventional standard error.
        case conventional
    }

    /// Sharp (treatment = 1{x ≥ c}) or fuzzy (the probability of treatment jumps).
    public var design: DiscontinuityKind
    /// The bandwidth rule.
    public var bandwidth: Bandwidth
    /// The reported inference.
    public var inference: Inference
    /// Confidence level of the interval.
    public var level: Double

    /// Nearest neighbours in the variance estimator (rdrobust's `nnmatch` default).
    public static let nearestNeighbourMatches = 3
    /// Below this many rows the bandwidth is the whole support (as rdrobust does).
    public static let minimumRowsForBandwidthSelection = 20
    /// Fewer rows than this within h on a side give a warning.
    public static let fewRowsWarning = 20

    /// The estimator for a design, with bandwidth and inference options.
    public init(design: DiscontinuityKind = .sharp, bandwidth: Bandwidth = .mseOptimal,
                inference: Inference = .robustBiasCorrected, level: Double = 0.95) {
        self.design = design
        self.bandwidth = bandwidth
        self.inference = inference
        self.level = level
    }

    /// The name the command line and the reports use.
    public var name: String { "rdd-\(design.rawValue)" }

    /// Whether the estimator applies to data like these, and if not, why.
    public func applicability(to data: DataDescription) -> Applicability {
        .requiring((data.discontinuity == design,
                    data.discontinuity == nil ? "needs a running variable and a cutoff" : "needs a \(design.rawValue) discontinuity"))
    }

    /// The estimate with its standard error and interval (see the type's description).
    public func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate {
        try checkLevel(level, estimator: name)
        let (x, c) = try data.requireRunningVariable(for: name)
        var responses = [data.outcome]
        if design == .fuzzy { responses.append(try data.anyTreatment(for: name)) }
        let variable = data.roles.runningVariable ?? "running variable"
        guard let low = x.min(), let high = x.max(), low < c, c < high else {
            throw EstimationError.invalidDesign(
                estimator: name, detail: "cutoff \(c) is not inside the range of '\(variable)' [\(x.min() ?? .nan), \(x.max() ?? .nan)]")
        }
        let left = DiscontinuitySide(x: x, responses: responses, indices: x.indices.filter { x[$0] < c }, cutoff: c)
        let right = DiscontinuitySide(x: x, responses: responses, indices: x.indices.filter { x[$0] >= c }, cutoff: c)
        for (side, label) in [(left, "below"), (right, "at or above")] where side.distinctValues(in: 0..<side.count) < 3 {
            throw EstimationError.tooFewObservations(
                estimator: name, detail: "fewer than 3 distinct values of '\(variable)' \(label) the cutoff")
        }
        let (h, b) = try bandwidths(left: left, right: right, cutoff: c)
        let matches = RegressionDiscontinuity.nearestNeighbourMatches
        let fitLeft = try LocalLinearSideFit(side: left, h: h, b: b, matches: matches)
        let fitRight = try LocalLinearSideFit(side: right, h: h, b: b, matches: matches)

        var conventional = fitRight.conventional[0] - fitLeft.conventional[0]
        var biasCorrected = fitRight.biasCorrected[0] - fitLeft.biasCorrected[0]
        var s = [1.0]
        var diagnostics: [Diagnostic] = []
        if design == .fuzzy {
            let tauY = conventional, tauT = fitRight.conventional[1] - fitLeft.conventional[1]
            let tauTCorrected = fitRight.biasCorrected[1] - fitLeft.biasCorrected[1]
            guard tauT != 0 else {
                throw EstimationError.invalidDesign(estimator: name, detail: "the treatment does not jump at the cutoff")
            }
            conventional = tauY / tauT
            s = [1 / tauT, -tauY / (tauT * tauT)]
            biasCorrected = conventional - (s[0] * (tauY - biasCorrected) + s[1] * (tauT - tauTCorrected))
            diagnostics.append(Diagnostic("first-stage jump", tauT))
        }
        let (vl, vr) = (fitLeft.variances(s), fitRight.variances(s))
        let conventionalSE = (vl.conventional + vr.conventional).squareRoot()
        let robustSE = (vl.robust + vr.robust).squareRoot()
        diagnostics += [Diagnostic("h", h), Diagnostic("b", b),
                        Diagnostic("conventional estimate", conventional), Diagnostic("conventional SE", conventionalSE),
                        Diagnostic("bias-corrected estimate", biasCorrected), Diagnostic("robust SE", robustSE),
                        Diagnostic("rows within h below", Double(fitLeft.rowsAtH)),
                        Diagnostic("rows within h above", Double(fitRight.rowsAtH))]
        var warnings: [EstimatorWarning] = []
        for (fit, label) in [(fitLeft, "below"), (fitRight, "above")] where fit.rowsAtH < RegressionDiscontinuity.fewRowsWarning {
            warnings.append(.fewObservations(side: label, count: fit.rowsAtH))
        }
        let robust = inference == .robustBiasCorrected
        return EffectEstimate(estimator: name, estimand: design == .sharp ? .effectAtCutoff : .lateAtCutoff,
                              value: robust ? biasCorrected : conventional, standardError: robust ? robustSE : conventionalSE,
                              method: robust ? "robust bias-corrected, nearest-neighbour variance (CCT 2014)"
                                  : "conventional local-linear, nearest-neighbour variance",
                              sampleSize: fitLeft.rowsAtH + fitRight.rowsAtH, level: level,
                              warnings: warnings, diagnostics: diagnostics)
    }

    /// (h, b) by the chosen rule.
    private func bandwidths(left: DiscontinuitySide, right: DiscontinuitySide, cutoff c: Double) throws -> (Double, Double) {
        switch bandwidth {
        case let .fixed(h, b):
            guard h > 0, h.isFinite, (b ?? h) > 0, (b ?? h).isFinite else {
                throw EstimationError.invalidOption(estimator: name, detail: "bandwidths must be positive (h = \(h), b = \(b ?? h))")
            }
            return (h, b ?? h)
        case .mseOptimal:
            if left.count + right.count < RegressionDiscontinuity.minimumRowsForBandwidthSelection {
                let whole = max(c - left.x[0], right.x[right.count - 1] - c)
                return (whole, whole)
            }
            // As rdrobust: the fuzzy combination enters the bandwidth only when T varies on both sides.
            let varies = { (side: DiscontinuitySide) in side.responses.count > 1 && RunningMoments(side.responses[1]).variance > 0 }
            let selector = DiscontinuityBandwidth(left: left, right: right, cutoff: c, matches: RegressionDiscontinuity.nearestNeighbourMatches,
                                                  fuzzy: varies(left) && varies(right))
            return try selector.select()
        }
    }
}
