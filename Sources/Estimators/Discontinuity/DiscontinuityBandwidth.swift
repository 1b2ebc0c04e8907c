import Probability
import Foundation
import GSL

/// The MSE-optimal common bandwidth ("mserd") of Calonico, Cattaneo & Titiunik (2014,
/// Econometrica 82(6), §S.2 of the supplement) and Calonico, Cattaneo & Farrell (2020),
/// computed as rdrobust's `rdbwselect` does with its defaults (p = 1, q = 2, deriv 0,
/// triangular kernel, nearest-neighbour variance with 3 matches, regularisation on,
/// bandwidths restricted to the support, mass-point adjustment).
///
/// For a local polynomial of order o estimating the ν-th derivative, each side gives
///
///     V = (2ν + 1)·h_V^(2ν+1)·V̂[β̂_ν]                       (variance constant)
///     B = √(2(o + 1 − ν))·C_B·β̂_(o+1)                         (bias constant)
///     R = 2(o + 1 − ν)·3·C_B²·V̂[β̂_(o+1)]                     (regularisation)
///
/// where V̂[β̂_ν] is the nearest-neighbour sandwich variance of the order-o fit at the
/// pilot bandwidth h_V, C_B = e_νᵀ(RᵀWR)⁻¹RᵀW·u^(o+1) the bias coefficient of that fit,
/// and β̂_(o+1) (with its variance) comes from an order o + 1 fit at bandwidth h_B. The
/// bandwidth is ((V₋ + V₊)/((B₊ − B₋)² + R₋ + R₊))^(1/(2o+3)), in three steps:
///
/// 1. pilot h_V = C_K·min(SD, IQR/1.349)·M^(−1/5) (C_K = 2.576 for the triangular
///    kernel, M distinct values of x), capped at the larger distance from c to the
///    edge of the support;
/// 2. d for the third derivative (o = 3, ν = 3, B-fit of order 4 on the whole side, no R);
/// 3. b for the second derivative (o = 2, ν = 2, B-fit of order 3 at d), then
///    h for the level (o = 1, ν = 0, B-fit of order 2 at b).
///
/// In a fuzzy design each side's residuals and coefficients are combined with
/// s = (1/τ_T, −τ_Y/τ_T²) of that side's pilot fit (the delta method for τ_Y/τ_T).
struct DiscontinuityBandwidth {
    let left: DiscontinuitySide
    let right: DiscontinuitySide
    /// The cutoff.
    let cutoff: Double
    /// Nearest-neighbour matches of the variance estimator.
    let matches: Int
    /// Whether the fuzzy combination is used (T varies on both sides).
    let fuzzy: Bool

    /// C_K for the triangular kernel (rdrobust; Fan & Gijbels 1996, Table 3.2 rule-of-thumb constant).
    static let triangularKernelConstant = 2.576
    /// Mass-point adjustment: when at least this share of a side's rows repeat a value, the
    /// pilot bandwidths are widened to cover `massPointMinimumValues` distinct values (rdrobust's bwcheck).
    static let massPointShare = 0.2
    /// Distinct values a pilot bandwidth must cover on each side when the adjustment applies.
    static let massPointMinimumValues = 10

    /// The pair (h, b): the MSE-optimal bandwidth of the estimate and of the bias correction.
    func select() throws -> (h: Double, b: Double) {
        let all = left.x + right.x
        let mLeft = left.distinctValues(in: 0..<left.count), mRight = right.distinctValues(in: 0..<right.count)
        let rangeLeft = abs(cutoff - (left.x.first ?? cutoff)), rangeRight = abs(cutoff - (right.x.last ?? cutoff))
        let maximum = max(rangeLeft, rangeRight)
        let sd = RunningMoments(all).variance.squareRoot()
        let sorted = all.sorted()
        let iqr = DiscontinuityBandwidth.quantileType2(sorted, 0.75) - DiscontinuityBandwidth.quantileType2(sorted, 0.25)
        var pilot = DiscontinuityBandwidth.triangularKernelConstant * min(sd, iqr / 1.349) * pow(Double(mLeft + mRight), -0.2)
        pilot = min(pilot, maximum)
        var floor = 0.0
        let massLeft = 1 - Double(mLeft) / Double(left.count), massRight = 1 - Double(mRight) / Double(right.count)
        if massLeft >= DiscontinuityBandwidth.massPointShare || massRight >= DiscontinuityBandwidth.massPointShare {
            floor = max(distanceToDistinctValue(left, min(DiscontinuityBandwidth.massPointMinimumValues, mLeft), fromEnd: true),
                        distanceToDistinctValue(right, min(DiscontinuityBandwidth.massPointMinimumValues, mRight), fromEnd: false))
                * (1 + Double.ulpOfOne.squareRoot())
            pilot = max(pilot, floor)
        }
        let pilotLeft = try PilotFits(side: left, bandwidth: pilot, matches: matches, fuzzy: fuzzy)
        let pilotRight = try PilotFits(side: right, bandwidth: pilot, matches: matches, fuzzy: fuzzy)
        let widen = 1 + Double.ulpOfOne.squareRoot()

        // Step 1: d, for the third derivative.
        let dLeft = try pilotLeft.constants(order: 3, derivative: 3, biasBandwidth: rangeLeft * widen, regularise: false)
        let dRight = try pilotRight.constants(order: 3, derivative: 3, biasBandwidth: rangeRight * widen, regularise: false)
        var d = pow((dLeft.v + dRight.v) / pow(dRight.b - dLeft.b, 2), dLeft.rate)
        d = max(min(d, maximum), floor)
        // Step 2: b, for the second derivative.
        let bLeft = try pilotLeft.constants(order: 2, derivative: 2, biasBandwidth: d, regularise: true)
        let bRight = try pilotRight.constants(order: 2, derivative: 2, biasBandwidth: d, regularise: true)
        let b = min(pow((bLeft.v + bRight.v) / (pow(bRight.b - bLeft.b, 2) + bLeft.r + bRight.r), bLeft.rate), maximum)
        // Step 3: h, for the level.
        let hLeft = try pilotLeft.constants(order: 1, derivative: 0, biasBandwidth: b, regularise: true)
        let hRight = try pilotRight.constants(order: 1, derivative: 0, biasBandwidth: b, regularise: true)
        let h = min(pow((hLeft.v + hRight.v) / (pow(hRight.b - hLeft.b, 2) + hLeft.r + hRight.r), hLeft.rate), maximum)
        guard h.isFinite, h > 0, b.isFinite, b > 0 else {
            throw EstimationError.tooFewObservations(
                estimator: "regression discontinuity bandwidth",
                detail: "not enough variation in the running variable near the cutoff to select a bandwidth")
        }
        return (h, b)
    }

    /// |x − c| of the k-th distinct value of x counted from the cutoff.
    private func distanceToDistinctValue(_ side: DiscontinuitySide, _ k: Int, fromEnd: Bool) -> Double {
        var seen = 0
        var previous = Double.nan
        let indices = fromEnd ? Array(side.x.indices.reversed()) : Array(side.x.indices)
        for i in indices where side.x[i] != previous {
            previous = side.x[i]
            seen += 1
            if seen == k { return abs(side.distance[i]) }
        }
        return abs(side.distance[indices.last ?? 0])
    }

    /// The sample quantile of Hyndman & Fan's type 2 (R's `quantile(type = 2)`): the
    /// order statistic at ⌈np⌉, averaging two when np is an integer.
    static func quantileType2(_ sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        let h = Double(n) * p
        let j = Int(h.rounded(.down))
        if Double(j) == h { return j == 0 ? sorted[0] : 0.5 * (sorted[j - 1] + sorted[min(j, n - 1)]) }
        return sorted[min(j, n - 1)]
    }
}

/// One side's fits at the pilot bandwidth h_V, shared by the three steps: the
/// nearest-neighbour residuals on the pilot window are computed once.
private struct PilotFits {
    let side: DiscontinuitySide
    let bandwidth: Double
    let matches: Int
    let fuzzy: Bool
    let window: Range<Int>
    let residuals: [[Double]]
    let weights: [Double]

    init(side: DiscontinuitySide, bandwidth: Double, matches: Int, fuzzy: Bool) throws {
        self.side = side
        self.bandwidth = bandwidth
        self.matches = matches
        self.fuzzy = fuzzy
        window = side.window(bandwidth)
        residuals = side.residuals(window, matches: matches)
        weights = side.triangularWeights(window, bandwidth: bandwidth)
    }

    /// The constants (V, B, R) and the rate 1/(2o + 3) for a fit of order `order` of the
    /// `derivative`-th derivative, with the bias fit (order o + 1) at `biasBandwidth`.
    func constants(order o: Int, derivative nu: Int, biasBandwidth hB: Double, regularise: Bool)
        throws -> (v: Double, b: Double, r: Double, rate: Double) {
        guard side.distinctValues(in: window) >= o + 1 else { throw notEnough(order: o, bandwidth: bandwidth) }
        let design = side.powers(window, order: o, scale: bandwidth)
        let inverse = try WeightedPolynomial.inverseGram(design, weights: weights)
        let coefficients = side.responses.map { inverse * WeightedPolynomial.crossProduct(design, weights: weights, $0[window]) }
        // s: the combination of responses whose variance and bias matter (1 for sharp designs).
        var s = [1.0]
        if fuzzy {
            // τ = ν!·β_ν in the units of x: the coefficient of u^ν divided by h_V^ν.
            let scale = (1...max(nu, 1)).reduce(1.0) { $0 * Double($1) } / pow(bandwidth, Double(nu))
            let tauY = coefficients[0][nu] * scale, tauT = coefficients[1][nu] * scale
            s = [1 / tauT, -tauY / (tauT * tauT)]
        }
        let scores = WeightedPolynomial.weightedRows(design, weights: weights)
        let combined = WeightedPolynomial.combine(residuals, s)
        let sandwich = Sandwich.covariance(bread: inverse, meat: Sandwich.meat(scores, residuals: combined))
        let v = Double(2 * nu + 1) * bandwidth * sandwich[nu, nu]
        // C_B = e_νᵀ(R̃ᵀWR̃)⁻¹ Σ R̃ᵢwᵢuᵢ^(o+1), u = (x − c)/h_V.
        var momentVector = [Double](repeating: 0, count: o + 1)
        for (r, i) in window.enumerated() {
            let tail = weights[r] * pow(side.distance[i] / bandwidth, Double(o + 1))
            for j in 0...o { momentVector[j] += design[r, j] * tail }
        }
        let biasConstant = (inverse * momentVector)[nu]

        let biasWindow = side.window(hB)
        guard side.distinctValues(in: biasWindow) >= o + 2 else { throw notEnough(order: o + 1, bandwidth: hB) }
        let biasDesign = side.powers(biasWindow, order: o + 1, scale: hB)
        let biasWeights = side.triangularWeights(biasWindow, bandwidth: hB)
        let biasInverse = try WeightedPolynomial.inverseGram(biasDesign, weights: biasWeights)
        let unscale = pow(hB, Double(o + 1))
        var leading = 0.0
        for c in side.responses.indices {
            let beta = biasInverse * WeightedPolynomial.crossProduct(biasDesign, weights: biasWeights, side.responses[c][biasWindow])
            leading += s[c] * beta[o + 1] / unscale
        }
        var regularisation = 0.0
        if regularise {
            let biasResiduals = WeightedPolynomial.combine(side.residuals(biasWindow, matches: matches), s)
            let biasScores = WeightedPolynomial.weightedRows(biasDesign, weights: biasWeights)
            let biasVariance = Sandwich.covariance(bread: biasInverse, meat: Sandwich.meat(biasScores, residuals: biasResiduals))[o + 1, o + 1]
                / (unscale * unscale)
            regularisation = Double(2 * (o + 1 - nu)) * 3 * biasConstant * biasConstant * biasVariance
        }
        let b = Double(2 * (o + 1 - nu)).squareRoot() * biasConstant * leading
        return (v, b, regularisation, 1 / Double(2 * o + 3))
    }

    private func notEnough(order: Int, bandwidth: Double) -> EstimationError {
        .tooFewObservations(estimator: "regression discontinuity bandwidth",
                            detail: "fewer than \(order + 1) distinct running-variable values within \(bandwidth) of the cutoff")
    }
}
