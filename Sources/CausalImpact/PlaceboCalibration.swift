/// Intervals calibrated by a placebo backtest: the model's interval of the average
/// effect, each arm stretched by one factor c learnt from the placebo windows
/// (a split-conformal rule, Vovk et al. 2005; Lei et al. 2018, "Distribution-free
/// predictive inference for regression", JASA 113), never shrunk.
///
/// In placebo window j the true effect is 0. With the window's estimate m_j and
/// interval [l_j, u_j], the stretch needed to reach 0 is
///
///     r_j = m_j / (m_j − l_j)   when m_j > 0  (the lower arm must reach down to 0),
///     r_j = −m_j / (u_j − m_j)  when m_j < 0,   r_j = 0 when m_j = 0,
///
/// so r_j ≤ 1 exactly when the model's own interval covers 0. The conformal quantile q is
/// the k-th smallest of the K stretches with k = ⌈(1 − alpha)(K + 1)⌉; when k > K (fewer
/// than (1 − alpha)/alpha windows) no finite quantile is justified and q = +∞. The
/// calibration factor is c = max(1, q), and the calibrated interval of an estimate m with
/// interval [l, u] is [m − c(m − l), m + c(u − m)]: wider when the placebo windows show
/// the model's intervals too narrow, the model's own otherwise.
///
/// If the real window's stretch were exchangeable with the placebo ones, the interval
/// stretched by q would cover the true effect with probability at least 1 − alpha. The
/// windows overlap, though (K windows of length L in a pre-period far shorter than K·L),
/// so their stretches are positively correlated and carry the information of only about
/// (pre-period length)/L independent windows: q then falls short of the stretches' true
/// (1 − alpha) quantile more often than exchangeability allows. A q below 1 — the windows
/// suggesting intervals too wide — is that weak evidence, and shrinking by it lost
/// coverage in the calibration study (`WhatIfBenchmarks impact-calibration-ar1`: with
/// `--ar 1`, whose own intervals covered 97%, shrinking gave 93.5% coverage and 8% false
/// positives); so the backtest only ever widens.
public struct PlaceboCalibration: Sendable, Equatable {
    /// The conformal quantile q of the stretches (+∞ when the windows are too few for level
    /// 1 − alpha); below 1 when the windows find the model's intervals wide enough.
    public let quantile: Double
    /// The calibration factor c = max(1, q) that stretches each arm of an interval.
    public var factor: Double { max(1, quantile) }
    /// The rank k of q among the sorted stretches (1-based); greater than their count when c = +∞.
    public let rank: Int

    /// The stretch r_j that makes interval `estimate` reach the true effect 0.
    public static func stretch(_ estimate: PosteriorEstimate) -> Double {
        let m = estimate.mean
        if m > 0 { return m / (m - estimate.lower) }
        if m < 0 { return -m / (estimate.upper - m) }
        return 0
    }

    /// The calibration learnt from placebo `estimates` (true effect 0) at level 1 − alpha.
    public init(placebo estimates: [PosteriorEstimate], alpha: Double) {
        let stretches = estimates.map(Self.stretch).sorted()
        let k = Self.rank(windows: stretches.count, alpha: alpha)
        rank = k
        quantile = k <= stretches.count ? stretches[k - 1] : .infinity
    }

    /// The fewest windows that give a finite factor at level 1 − alpha: the least K with
    /// ⌈(1 − alpha)(K + 1)⌉ ≤ K.
    /// That is K ≥ (1 − alpha)/alpha; the closed form is checked against the rule itself.
    public static func minimumWindows(alpha: Double) -> Int {
        func enough(_ k: Int) -> Bool { rank(windows: k, alpha: alpha) <= k }
        var k = max(1, Int(min((1 - alpha) / alpha, 1e9).rounded(.up)))
        while k > 1, enough(k - 1) { k -= 1 }
        while !enough(k) { k += 1 }
        return k
    }

    /// k = ⌈(1 − alpha)(K + 1)⌉ for K windows.
    static func rank(windows: Int, alpha: Double) -> Int { Int(((1 - alpha) * Double(windows + 1)).rounded(.up)) }

    /// `estimate` with its interval's arms stretched by the factor (the mean and sd unchanged);
    /// with factor 1, `estimate` itself (m − 1·(m − l) need not round back to l).
    public func calibrated(_ estimate: PosteriorEstimate) -> PosteriorEstimate {
        if factor == 1 { return estimate }
        let m = estimate.mean
        guard factor.isFinite else { return PosteriorEstimate(mean: m, sd: estimate.sd, lower: -.infinity, upper: .infinity) }
        return PosteriorEstimate(mean: m, sd: estimate.sd, lower: m - factor * (m - estimate.lower),
                                 upper: m + factor * (estimate.upper - m))
    }
}
