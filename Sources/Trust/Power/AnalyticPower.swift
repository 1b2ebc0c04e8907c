import Foundation
import GSL

/// The direction of a test's alternative hypothesis about the difference μ₁ − μ₀.
public enum Alternative: String, Sendable, Equatable, CaseIterable {
    /// μ₁ ≠ μ₀: reject in both tails at α/2 each.
    case twoSided = "two-sided"
    /// μ₁ > μ₀: reject in the upper tail at α.
    case larger
    /// μ₁ < μ₀: reject in the lower tail at α.
    case smaller
}

/// Two-sample tests of a difference in means whose power has a closed form, in terms of
/// the standardised effect d = (μ₁ − μ₀)/σ, n₁ units in the first arm and n₂ = r·n₁ in the
/// second (statsmodels' `TTestIndPower` and `NormalIndPower`; Cohen 1988, ch. 2).
public enum TwoSampleTest: String, Sendable, Equatable, CaseIterable {
    /// Student's pooled-variance t test: the statistic is noncentral t with ν = n₁ + n₂ − 2
    /// degrees of freedom and noncentrality λ = d·√(n₁n₂/(n₁ + n₂)).
    case t
    /// The z test (σ known, or a large-sample test): the statistic is N(λ, 1).
    case normal = "z"
}

/// Power, sample size and detectable effect of two-sample tests in closed form.
///
/// With λ = d·√(n₁n₂/(n₁ + n₂)) and c the critical value, both tails count for a
/// two-sided test:
///
///     t test:  power = P(T′ > t_{1−α/2; ν}) + P(T′ < −t_{1−α/2; ν}),   T′ ~ t′(ν, λ), ν = n₁ + n₂ − 2
///     z test:  power = Φ(λ − z_{1−α/2}) + Φ(−z_{1−α/2} − λ)
///
/// (one-sided: the one tail at α). The noncentral t comes from
/// `SpecialFunctions.noncentralTCDF` (absolute error about 10⁻¹⁵). Two proportions p₁, p₂
/// use the z test on Cohen's h = 2·asin√p₁ − 2·asin√p₂ (`cohensH`). Sample sizes and
/// effects are solved by Brent's method to full precision, unrounded (round n₁ up for a plan).
///
///     AnalyticPower.power(.t, effectSize: 0.2, nobs1: 100)              // 0.2906…
///     try AnalyticPower.sampleSize(.t, effectSize: 0.2, power: 0.8)     // 393.4057 per arm
public enum AnalyticPower {
    /// The power of `test` to detect the standardised effect d with n₁ units in the first
    /// arm and n₂ = ratio·n₁ in the second, at level α. NaN when ν ≤ 0 or an argument is
    /// out of range.
    public static func power(_ test: TwoSampleTest, effectSize d: Double, nobs1: Double, alpha: Double = 0.05,
                             ratio: Double = 1, alternative: Alternative = .twoSided) -> Double {
        let n2 = ratio * nobs1
        guard nobs1 > 0, n2 > 0, alpha > 0, alpha < 1, d.isFinite else { return .nan }
        let lambda = d * (nobs1 * n2 / (nobs1 + n2)).squareRoot()
        let tail = alternative == .twoSided ? alpha / 2 : alpha
        switch test {
        case .normal:
            let z = SpecialFunctions.normalQuantile(1 - tail)
            let upper = alternative == .smaller ? 0 : SpecialFunctions.normalUpperTail(z - lambda)
            let lower = alternative == .larger ? 0 : SpecialFunctions.normalCDF(-z - lambda)
            return upper + lower
        case .t:
            let nu = nobs1 + n2 - 2
            guard nu > 0 else { return .nan }
            let c = SpecialFunctions.studentTQuantile(1 - tail, degreesOfFreedom: nu)
            let upper = alternative == .smaller ? 0
                : SpecialFunctions.noncentralTUpperTail(c, degreesOfFreedom: nu, noncentrality: lambda)
            let lower = alternative == .larger ? 0
                : SpecialFunctions.noncentralTCDF(-c, degreesOfFreedom: nu, noncentrality: lambda)
            return upper + lower
        }
    }

    /// The n₁ (unrounded) at which `test` has the target power for the standardised effect d;
    /// n₂ = ratio·n₁. Throws `PowerError` for a target outside (α, 1) (one-sided: the
    /// target must exceed α as well), α outside (0, 1), d = 0 or a wrong-signed d for a
    /// one-sided alternative.
    public static func sampleSize(_ test: TwoSampleTest, effectSize d: Double, power target: Double, alpha: Double = 0.05,
                                  ratio: Double = 1, alternative: Alternative = .twoSided) throws -> Double {
        try PowerError.check(alpha: alpha, power: target, ratio: ratio)
        guard d.isFinite, d != 0 else { throw PowerError.invalidEffectSize(d, detail: "a sample size needs an effect other than 0") }
        if (alternative == .larger && d < 0) || (alternative == .smaller && d > 0) {
            throw PowerError.invalidEffectSize(d, detail: "the alternative '\(alternative.rawValue)' never detects an effect of this sign")
        }
        // ν = n₁(1 + r) − 2 must be positive for the t test.
        let start = test == .t ? 2 / (1 + ratio) * (1 + 1e-9) : 1e-9
        let f = { (n: Double) in power(test, effectSize: d, nobs1: n, alpha: alpha, ratio: ratio, alternative: alternative) - target }
        if f(start) >= 0 {
            throw PowerError.unreachable(detail: "power \(target) is reached with fewer than \(start) units per arm")
        }
        guard let n = increasingRoot(above: start, initialStep: 8, limit: 1e15, f) else {
            throw PowerError.unreachable(detail: "power \(target) needs more than 10¹⁵ units per arm for effect size \(d)")
        }
        return n
    }

    /// The smallest positive standardised effect d that `test` detects with the target
    /// power at n₁ units in the first arm (n₂ = ratio·n₁); for the alternative `smaller`
    /// the effect returned is negative.
    public static func detectableEffect(_ test: TwoSampleTest, nobs1: Double, power target: Double, alpha: Double = 0.05,
                                        ratio: Double = 1, alternative: Alternative = .twoSided) throws -> Double {
        try PowerError.check(alpha: alpha, power: target, ratio: ratio)
        guard nobs1.isFinite, test == .normal ? nobs1 > 0 : nobs1 * (1 + ratio) > 2 else {
            throw PowerError.invalidSampleSize(nobs1)
        }
        let sign: Double = alternative == .smaller ? -1 : 1
        let f = { (d: Double) in power(test, effectSize: sign * d, nobs1: nobs1, alpha: alpha, ratio: ratio, alternative: alternative) - target }
        guard let d = increasingRoot(above: 0, initialStep: 0.5, limit: 1e8, f) else {
            throw PowerError.unreachable(detail: "no effect size reaches power \(target) with \(nobs1) units per arm")
        }
        return sign * d
    }

    /// Cohen's h = 2·asin√p₁ − 2·asin√p₂, the arcsine-transformed difference of two
    /// proportions (statsmodels' `proportion_effectsize`); its z test has variance 1/n₁ + 1/n₂.
    public static func cohensH(_ p1: Double, _ p2: Double) -> Double {
        2 * asin(p1.squareRoot()) - 2 * asin(p2.squareRoot())
    }
}
