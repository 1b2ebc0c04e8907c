import GSL

/// One side's local-linear fit at the cutoff with its bias correction, as in
/// Calonico, Cattaneo & Titiunik (2014, §3): p = 1 with triangular weights at h for
/// the estimate, q = 2 with weights at b for the bias.
///
/// With R_p = [1, u], R_q = [1, u, u²] (u = (x − c)/h), W_h, W_b the kernel weights,
/// Γ_p = R_pᵀW_hR_p and Γ_q = R_qᵀW_bR_q:
///
///     conventional   β̂_p = Γ_p⁻¹ R_pᵀW_h·y
///     bias-corrected β̂_bc = Γ_p⁻¹ Qᵀ·y,  Q = W_hR_p − (W_bR_q Γ_q⁻¹e₂)(R_pᵀW_h u²)ᵀ,
///
/// i.e. the estimate minus its leading bias, (Γ_p⁻¹R_pᵀW_h u²)·(second-derivative
/// coefficient of the q-fit). Variances are sandwiches with nearest-neighbour
/// residuals: conventional Γ_p⁻¹(Σ rᵢ²·(W_hR_p)ᵢ(W_hR_p)ᵢᵀ)Γ_p⁻¹, robust the same with Qᵢ
/// in place of (W_hR_p)ᵢ (the variance of the bias-corrected estimate, which accounts
/// for estimating the bias).
struct LocalLinearSideFit {
    /// The level at the cutoff for each response (the intercept), conventional.
    let conventional: [Double]
    /// The same, bias-corrected.
    let biasCorrected: [Double]
    /// Rows with positive weight at h.
    let rowsAtH: Int
    private let inverse: Matrix
    private let conventionalScores: Matrix
    private let robustScores: Matrix
    private let residuals: [[Double]]

    init(side: DiscontinuitySide, h: Double, b: Double, matches: Int) throws {
        let rows = side.window(max(h, b))
        let wh = side.triangularWeights(rows, bandwidth: h)
        let wb = side.triangularWeights(rows, bandwidth: b)
        rowsAtH = wh.filter { $0 > 0 }.count
        let windowH = side.window(h), windowB = side.window(b)
        guard side.distinctValues(in: windowH) >= 2, side.distinctValues(in: windowB) >= 3 else {
            throw EstimationError.tooFewObservations(
                estimator: "regression discontinuity",
                detail: "fewer than 2 distinct running-variable values within h = \(h) or 3 within b = \(b) on one side of the cutoff")
        }
        let rq = side.powers(rows, order: 2, scale: h)
        let rp = side.powers(rows, order: 1, scale: h)
        let inverseP = try WeightedPolynomial.inverseGram(rp, weights: wh)
        let inverseQ = try WeightedPolynomial.inverseGram(rq, weights: wb)
        // L = R_pᵀW_h u² and m = W_b·R_q·Γ_q⁻¹e₂ (the row of Γ_q⁻¹ for the u² coefficient).
        var l = [0.0, 0.0]
        var m = [Double](repeating: 0, count: rows.count)
        for r in 0..<rows.count {
            let u = rp[r, 1]
            l[0] += wh[r] * u * u
            l[1] += wh[r] * u * u * u
            m[r] = wb[r] * (rq[r, 0] * inverseQ[2, 0] + rq[r, 1] * inverseQ[2, 1] + rq[r, 2] * inverseQ[2, 2])
        }
        let scores = WeightedPolynomial.weightedRows(rp, weights: wh)
        var q = scores
        for r in 0..<rows.count {
            q[r, 0] -= m[r] * l[0]
            q[r, 1] -= m[r] * l[1]
        }
        var conventional: [Double] = [], biasCorrected: [Double] = []
        for response in side.responses {
            let y = response[rows]
            conventional.append((inverseP * scores.transposeTimes(Array(y)))[0])
            biasCorrected.append((inverseP * q.transposeTimes(Array(y)))[0])
        }
        self.conventional = conventional
        self.biasCorrected = biasCorrected
        inverse = inverseP
        conventionalScores = scores
        robustScores = q
        residuals = side.residuals(rows, matches: matches)
    }

    /// The conventional and robust variances of Σ_c s_c·(level of response c).
    func variances(_ s: [Double]) -> (conventional: Double, robust: Double) {
        let r = WeightedPolynomial.combine(residuals, s)
        let conventional = Sandwich.covariance(bread: inverse, meat: Sandwich.meat(conventionalScores, residuals: r))[0, 0]
        let robust = Sandwich.covariance(bread: inverse, meat: Sandwich.meat(robustScores, residuals: r))[0, 0]
        return (conventional, robust)
    }
}
