import GSL

/// The Clopper–Pearson (1934) interval for a binomial proportion: with k successes in n
/// trials, the exact equal-tailed interval at `level`
///
///     [B⁻¹(α/2; k, n − k + 1),  B⁻¹(1 − α/2; k + 1, n − k)],   α = 1 − level,
///
/// B⁻¹ the beta quantile (solved on GSL's incomplete beta function), with 0 as the lower end when k = 0 and 1 as the upper when k = n.
/// Its coverage is at least `level` for every true proportion (conservative).
///
///     BinomialInterval(successes: 100, trials: 2000)   // [0.0409, 0.0605] around 0.05
public struct BinomialInterval: Sendable, Equatable {
    /// The lower end.
    public let lower: Double
    /// The upper end.
    public let upper: Double
    /// The coverage it is built for.
    public let level: Double

    /// The interval for `successes` out of `trials` (trials ≥ 1).
    public init(successes k: Int, trials n: Int, level: Double = 0.95) {
        let alpha = 1 - level
        lower = k == 0 ? 0 : Self.betaQuantile(alpha / 2, Double(k), Double(n - k + 1))
        upper = k == n ? 1 : Self.betaQuantile(1 - alpha / 2, Double(k + 1), Double(n - k))
        self.level = level
    }

    /// The p-quantile of Beta(a, b), by Brent's method on I_x(a, b) = p (GSL's
    /// `gsl_cdf_beta_Pinv` fails for some large parameters, e.g. a = 973, b = 19027).
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        brentRoot(0, 1) { x in SpecialFunctions.incompleteBeta(x, a, b) - p } ?? .nan
    }

    /// Whether p lies in the closed interval.
    public func contains(_ p: Double) -> Bool { lower <= p && p <= upper }
}
