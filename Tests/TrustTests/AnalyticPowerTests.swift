import GSL
import Testing
@testable import Trust

/// Analytic power against `Reference/power_results.json`: the exact values (mpmath, 40
/// digits) to 1e-10 relative, statsmodels' own figures to its stated accuracy.
@Suite struct AnalyticPowerTests {
    static let effects = ["0.1", "0.2", "0.5"]
    static let sizes = ["20", "50", "100", "200", "500", "1000"]

    @Test func tTestPowerMatchesTheExactValues() throws {
        let exact = try Reference.results("power_results.json").section("exact_high_precision").section("ttest_power")
        for d in Self.effects {
            let row = try exact.section(d)
            for n in Self.sizes {
                let power = AnalyticPower.power(.t, effectSize: Double(d)!, nobs1: Double(n)!)
                expectRelative(power, try row.number(n), tolerance: 1e-10, "t power d = \(d), n₁ = \(n)")
            }
        }
    }

    @Test func normalPowerMatchesTheExactValuesAndStatsmodels() throws {
        let all = try Reference.results("power_results.json")
        let exact = try all.section("exact_high_precision").section("normal_power")
        let statsmodels = try all.section("normal_ind_power").section("power")
        for d in Self.effects {
            for n in Self.sizes {
                let power = AnalyticPower.power(.normal, effectSize: Double(d)!, nobs1: Double(n)!)
                expectRelative(power, try exact.section(d).number(n), tolerance: 1e-10, "z power d = \(d), n₁ = \(n)")
                expectRelative(power, try statsmodels.section(d).number(n), tolerance: 1e-12, "statsmodels z power d = \(d), n₁ = \(n)")
            }
        }
    }

    @Test func solvedSampleSizesMatchTheExactRoots() throws {
        let exact = try Reference.results("power_results.json").section("exact_high_precision")
        for d in Self.effects {
            let t = try AnalyticPower.sampleSize(.t, effectSize: Double(d)!, power: 0.8)
            expectRelative(t, try exact.section("ttest_solve_nobs1").number(d), tolerance: 1e-10, "t-test n₁ for d = \(d)")
            let z = try AnalyticPower.sampleSize(.normal, effectSize: Double(d)!, power: 0.8)
            expectRelative(z, try exact.section("normal_solve_nobs1").number(d), tolerance: 1e-10, "z-test n₁ for d = \(d)")
        }
        let h = AnalyticPower.cohensH(0.12, 0.10)
        expectRelative(h, try exact.number("cohens_h_0.12_vs_0.10_from_decimal_inputs"), tolerance: 1e-14, "Cohen's h")
        let proportions = try AnalyticPower.sampleSize(.normal, effectSize: h, power: 0.8)
        expectRelative(proportions, try exact.number("proportions_solve_nobs1"), tolerance: 1e-10, "proportions n₁")
    }

    /// statsmodels' t-test figures are off by up to 2e-8 (CDFLIB's noncentral t and brentq's
    /// tolerance), its normal and proportion figures by up to 1e-8: agreement at those levels.
    @Test func statsmodelsFiguresAgreeWithinTheirOwnAccuracy() throws {
        let all = try Reference.results("power_results.json")
        let t = try all.section("ttest_ind_power")
        for d in Self.effects {
            let es = Double(d)!
            for n in Self.sizes {
                expectRelative(AnalyticPower.power(.t, effectSize: es, nobs1: Double(n)!, ratio: 2),
                               try t.section("power_ratio_2").section(d).number(n), tolerance: 5e-8, "t power ratio 2, d = \(d), n₁ = \(n)")
            }
            expectRelative(try AnalyticPower.sampleSize(.t, effectSize: es, power: 0.8), try t.section("solve_nobs1").number(d),
                           tolerance: 5e-8, "statsmodels t n₁, d = \(d)")
            expectRelative(try AnalyticPower.sampleSize(.t, effectSize: es, power: 0.8, ratio: 2),
                           try t.section("solve_nobs1_ratio_2").number(d), tolerance: 5e-8, "t n₁ ratio 2, d = \(d)")
            expectRelative(try AnalyticPower.sampleSize(.t, effectSize: es, power: 0.8, alternative: .larger),
                           try t.section("solve_nobs1_larger").number(d), tolerance: 5e-8, "t n₁ one-sided, d = \(d)")
            expectRelative(try AnalyticPower.sampleSize(.normal, effectSize: es, power: 0.8),
                           try all.section("normal_ind_power").section("solve_nobs1").number(d), tolerance: 1e-8, "z n₁, d = \(d)")
        }
        // statsmodels' solved effect size is off by 2.5e-6 relative (brentq's default tolerance on
        // the effect): 40-digit quadrature gives power 0.8 + 6e-15 at our root, 0.8 + 1.9e-6 at its one.
        let detectable = try AnalyticPower.detectableEffect(.t, nobs1: 100, power: 0.8)
        expectRelative(detectable, try t.number("solve_effect_size_nobs1_100"), tolerance: 5e-6, "detectable effect at n₁ = 100")
        expectRelative(AnalyticPower.power(.t, effectSize: detectable, nobs1: 100), 0.8, tolerance: 1e-12, "power at the detectable effect")
        let p = try all.section("proportions_0.10_vs_0.12")
        let h = AnalyticPower.cohensH(0.12, 0.10)
        expectRelative(h, try p.number("cohens_h"), tolerance: 1e-15, "Cohen's h")
        for n in ["1000", "2000", "3000", "4000", "5000", "10000"] {
            expectRelative(AnalyticPower.power(.normal, effectSize: h, nobs1: Double(n)!), try p.section("power").number(n),
                           tolerance: 1e-12, "proportions power n₁ = \(n)")
        }
        expectRelative(try AnalyticPower.sampleSize(.normal, effectSize: h, power: 0.8), try p.number("solve_nobs1"),
                       tolerance: 1e-8, "proportions n₁")
        expectRelative(try AnalyticPower.sampleSize(.normal, effectSize: h, power: 0.8, alternative: .larger),
                       try p.number("solve_nobs1_larger"), tolerance: 1e-8, "proportions n₁ one-sided")
    }

    @Test func noEffectRejectsAtAlpha() {
        for test in TwoSampleTest.allCases {
            for n in [5.0, 50, 5000] {
                expectRelative(AnalyticPower.power(test, effectSize: 0, nobs1: n), 0.05, tolerance: 1e-12, "\(test) size at n₁ = \(n)")
            }
        }
    }

    @Test func badTargetsAreRefused() {
        #expect(throws: PowerError.invalidPower(1.2)) { try AnalyticPower.sampleSize(.t, effectSize: 0.2, power: 1.2) }
        #expect(throws: PowerError.invalidPower(0)) { try AnalyticPower.sampleSize(.t, effectSize: 0.2, power: 0) }
        #expect(throws: PowerError.invalidAlpha(1)) { try AnalyticPower.sampleSize(.t, effectSize: 0.2, power: 0.8, alpha: 1) }
        #expect(throws: PowerError.self) { try AnalyticPower.sampleSize(.t, effectSize: 0, power: 0.8) }
        #expect(throws: PowerError.self) { try AnalyticPower.sampleSize(.t, effectSize: -0.2, power: 0.8, alternative: .larger) }
    }
}
