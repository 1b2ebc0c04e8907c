import Foundation
import Probability
@testable import Estimators

/// Data-generating processes with known effects, written out in full so that each
/// test's truth comes from the process, not from the estimators.
enum Simulate {
    static func logistic(_ eta: Double) -> Double { 1 / (1 + exp(-eta)) }

    /// Confounded binary treatment with a logistic propensity and a linear outcome:
    ///
    ///     x₁, x₂ ~ N(0, 1);  e(x) = logistic(−0.3 + 0.8x₁ − 0.5x₂);  T ~ Bernoulli(e(x))
    ///     Y = 1 + 2x₁ + x₂ + τ(x)·T + N(0, 1),  τ(x) = effect + heterogeneity·x₁.
    ///
    /// ATE = effect (E[x₁] = 0). Returns the data and the sample ATT, the mean of τ(xᵢ) over
    /// the treated rows. The naive difference in means is biased upwards (x₁ raises both T and Y).
    static func confounded(rows n: Int, effect: Double = 2, heterogeneity: Double = 0, seed: UInt64)
        -> (data: CausalData, sampleATT: Double) {
        let rng = RandomStream(seed: seed)
        var x1 = [Double](), x2 = [Double](), t = [Double](), y = [Double]()
        var attSum = 0.0, treated = 0.0
        for _ in 0..<n {
            let a = rng.normal(), b = rng.normal()
            let treat: Double = rng.uniform() < logistic(-0.3 + 0.8 * a - 0.5 * b) ? 1 : 0
            let tau = effect + heterogeneity * a
            x1.append(a)
            x2.append(b)
            t.append(treat)
            y.append(1 + 2 * a + b + tau * treat + rng.normal())
            if treat == 1 {
                attSum += tau
                treated += 1
            }
        }
        let data = try! CausalData(columns: [("y", y), ("t", t), ("x1", x1), ("x2", x2)],
                                   roles: Roles(outcome: "y", treatment: "t", covariates: ["x1", "x2"]))
        return (data, attSum / treated)
    }

    /// A non-linear confounder: x₁, x₂ ~ U(−2, 2); e(x) = logistic(x₁); T ~ Bernoulli(e);
    /// Y = 2x₁² + sin(2x₂) + effect·T + N(0, 1). A linear outcome model misses x₁², which
    /// is correlated with treatment through e; ATE = effect.
    static func nonlinear(rows n: Int, effect: Double = 1, seed: UInt64) -> CausalData {
        let rng = RandomStream(seed: seed)
        var x1 = [Double](), x2 = [Double](), t = [Double](), y = [Double]()
        for _ in 0..<n {
            let a = 4 * rng.uniform() - 2, b = 4 * rng.uniform() - 2
            let treat: Double = rng.uniform() < logistic(1.5 * a - 0.5 * a * a + 0.5) ? 1 : 0
            x1.append(a)
            x2.append(b)
            t.append(treat)
            y.append(2 * a * a + sin(2 * b) + effect * treat + rng.normal())
        }
        return try! CausalData(columns: [("y", y), ("t", t), ("x1", x1), ("x2", x2)],
                               roles: Roles(outcome: "y", treatment: "t", covariates: ["x1", "x2"]))
    }

    /// A discrete confounder z ∈ {0, 1, 2} (equally likely) with P(T = 1 | z) = 0.2, 0.5, 0.8
    /// and Y = 3z + effect·T + N(0, 1): stratifying on z removes the confounding exactly.
    static func discreteConfounder(rows n: Int, effect: Double = 1.5, seed: UInt64) -> CausalData {
        let rng = RandomStream(seed: seed)
        var z = [Double](), t = [Double](), y = [Double]()
        for _ in 0..<n {
            let level = Double(rng.uniformInt(below: 3))
            let treat: Double = rng.uniform() < 0.2 + 0.3 * level ? 1 : 0
            z.append(level)
            t.append(treat)
            y.append(3 * level + effect * treat + rng.normal())
        }
        return try! CausalData(columns: [("y", y), ("t", t), ("z", z)],
                               roles: Roles(outcome: "y", treatment: "t", covariates: ["z"]))
    }

    /// A randomised binary instrument with an unobserved confounder u:
    /// z ~ Bernoulli(0.5), u ~ N(0, 1), T = 1{−0.5 + 1.5z + u + N(0, 1) > 0},
    /// Y = 2 + effect·T + 2u + N(0, 1). The effect is constant, so LATE = effect; OLS of Y
    /// on T is biased upwards by u.
    static func instrument(rows n: Int, effect: Double = 1.5, seed: UInt64) -> CausalData {
        let rng = RandomStream(seed: seed)
        var z = [Double](), t = [Double](), y = [Double]()
        for _ in 0..<n {
            let zi: Double = rng.uniform() < 0.5 ? 1 : 0
            let u = rng.normal()
            let ti: Double = -0.5 + 1.5 * zi + u + rng.normal() > 0 ? 1 : 0
            z.append(zi)
            t.append(ti)
            y.append(2 + effect * ti + 2 * u + rng.normal())
        }
        return try! CausalData(columns: [("y", y), ("t", t), ("z", z)],
                               roles: Roles(outcome: "y", treatment: "t", instrument: "z"))
    }

    /// A panel of `units` units over 4 periods; the first half of the units is treated
    /// from period 2 on. Unit effects are larger for the treated group (so levels differ),
    /// y = αᵢ + 0.5·period + extraTrend·G·period + effect·D + N(0, 1). With extraTrend = 0
    /// parallel trends hold and the ATT is `effect`.
    static func panel(units: Int, effect: Double = 3, extraTrend: Double = 0, seed: UInt64) -> CausalData {
        let rng = RandomStream(seed: seed)
        var unit = [Double](), period = [Double](), d = [Double](), y = [Double]()
        for i in 0..<units {
            let group: Double = i < units / 2 ? 1 : 0
            let alpha = 2 * group + rng.normal()
            for p in 0..<4 {
                let treat = group * (p >= 2 ? 1 : 0)
                unit.append(Double(i))
                period.append(Double(p))
                d.append(treat)
                y.append(alpha + 0.5 * Double(p) + extraTrend * group * Double(p) + effect * treat + rng.normal())
            }
        }
        return try! CausalData(columns: [("y", y), ("d", d), ("unit", unit), ("period", period)],
                               roles: Roles(outcome: "y", treatment: "d", unit: "unit", period: "period"))
    }

    /// A discontinuity at c = 0 with score x ~ U(−1, 1): μ(x) = 1 + 2x − 1.5x² and a jump of
    /// `effect` in the treatment's effect. Sharp: T = 1{x ≥ 0}. Fuzzy: P(T = 1) = 0.2 below and
    /// 0.8 above, so the outcome jumps by 0.6·effect and the complier effect is `effect`.
    static func discontinuity(rows n: Int, effect: Double = 1, fuzzy: Bool, seed: UInt64) -> CausalData {
        let rng = RandomStream(seed: seed)
        var x = [Double](), t = [Double](), y = [Double]()
        for _ in 0..<n {
            let xi = 2 * rng.uniform() - 1
            let above = xi >= 0
            let ti: Double = fuzzy ? (rng.uniform() < (above ? 0.8 : 0.2) ? 1 : 0) : (above ? 1 : 0)
            x.append(xi)
            t.append(ti)
            y.append(1 + 2 * xi - 1.5 * xi * xi + effect * ti + 0.5 * rng.normal())
        }
        return try! CausalData(columns: [("y", y), ("t", t), ("x", x)],
                               roles: Roles(outcome: "y", treatment: "t", runningVariable: "x", cutoff: 0))
    }
}
