import Estimators
import GSL
import Testing
@testable import Trust

/// The sensitivity analysis against PySensemakr 0.0.8 and the E-value formulas on
/// `Reference/ols_data.csv` (`Reference/sensitivity_results.json`), to 1e-10 relative.
@Suite struct SensitivityReferenceTests {
    static let tolerance = 1e-10

    static func report() throws -> SensitivityReport {
        try SensitivityAnalysis(treatment: "d", outcome: "y", benchmarks: ["x1"], kd: [1, 2, 3]).run(on: Reference.table("ols_data.csv"))
    }

    @Test func sensitivityStatisticsMatchSensemakr() throws {
        let report = try Self.report()
        let stats = try Reference.results("sensitivity_results.json").section("sensemakr").section("sensitivity_stats")
        #expect(report.covariates == ["x1", "x2", "x3"])
        #expect(report.ovb.degreesOfFreedom == (try stats.number("dof")))
        expectRelative(report.ovb.estimate, try stats.number("estimate"), tolerance: Self.tolerance, "estimate")
        expectRelative(report.ovb.standardError, try stats.number("se"), tolerance: Self.tolerance, "standard error")
        expectRelative(report.ovb.tValue, try stats.number("t_statistic"), tolerance: Self.tolerance, "t")
        expectRelative(report.ovb.partialR2, try stats.number("r2yd_x"), tolerance: Self.tolerance, "partial R²")
        expectRelative(report.ovb.partialF2, try stats.number("f2yd_x"), tolerance: Self.tolerance, "partial f²")
        expectRelative(report.robustnessValue, try stats.number("rv_q"), tolerance: Self.tolerance, "RV_q")
        expectRelative(report.robustnessValueAlpha, try stats.number("rv_qa"), tolerance: Self.tolerance, "RV_q,α")
    }

    @Test func benchmarkPartialR2sAndBoundsMatchSensemakr() throws {
        let report = try Self.report()
        let sensemakr = try Reference.results("sensitivity_results.json").section("sensemakr")
        let benchmark = try sensemakr.section("benchmark_partial_r2")
        expectRelative(report.benchmarks[0].outcomeR2, try benchmark.number("r2yxj_dx"), tolerance: Self.tolerance, "R²_{Y~x1|D,X}")
        expectRelative(report.benchmarks[0].treatmentR2, try benchmark.number("r2dxj_x"), tolerance: Self.tolerance, "R²_{D~x1|X}")
        let critical = abs(SpecialFunctions.studentTQuantile(0.025, degreesOfFreedom: report.ovb.degreesOfFreedom))
        expectRelative(critical, try sensemakr.number("t_crit_ci"), tolerance: Self.tolerance, "t critical value")
        let expected = try sensemakr.sections("bounds")
        #expect(report.bounds.count == expected.count)
        for (bound, reference) in zip(report.bounds, expected) {
            let k = bound.kd
            let (kd, ky) = (try reference.number("kd"), try reference.number("ky"))
            #expect(k == kd && bound.ky == ky)
            let a = bound.adjusted
            expectRelative(a.treatmentR2, try reference.number("r2dz_x"), tolerance: Self.tolerance, "R²_{D~Z|X}, kd = \(k)")
            expectRelative(a.outcomeR2, try reference.number("r2yz_dx"), tolerance: Self.tolerance, "R²_{Y~Z|D,X}, kd = \(k)")
            expectRelative(a.estimate, try reference.number("adjusted_estimate"), tolerance: Self.tolerance, "adjusted estimate, kd = \(k)")
            expectRelative(a.standardError, try reference.number("adjusted_se"), tolerance: Self.tolerance, "adjusted SE, kd = \(k)")
            expectRelative(a.tValue, try reference.number("adjusted_t"), tolerance: Self.tolerance, "adjusted t, kd = \(k)")
            expectRelative(a.lower, try reference.number("adjusted_lower_CI"), tolerance: Self.tolerance, "adjusted lower, kd = \(k)")
            expectRelative(a.upper, try reference.number("adjusted_upper_CI"), tolerance: Self.tolerance, "adjusted upper, kd = \(k)")
        }
    }

    @Test func olsCoefficientsMatchStatsmodels() throws {
        let data = try CausalData(table: Reference.table("ols_data.csv"),
                                  roles: Roles(outcome: "y", treatment: "d", covariates: ["x1", "x2", "x3"]))
        let fit = try RegressionFit(response: data.outcome, regressors: [("d", data.treatment!)] + Array(zip(["x1", "x2", "x3"], data.covariates)))
        let ols = try Reference.results("sensitivity_results.json").section("ols")
        for (i, name) in ["Intercept", "d", "x1", "x2", "x3"].enumerated() {
            expectRelative(fit.coefficient(i), try ols.section("params").number(name), tolerance: Self.tolerance, "β \(name)")
            expectRelative(fit.standardError(i), try ols.section("bse").number(name), tolerance: Self.tolerance, "se \(name)")
        }
    }

    @Test func riskRatioEValuesMatchTheFormula() throws {
        let cases = try Reference.results("sensitivity_results.json").section("evalues").sections("risk_ratios")
        #expect(cases.count == 6)
        for c in cases {
            let rr = try c.number("rr")
            let e = EValue(riskRatio: rr, lower: try c.number("lo"), upper: try c.number("hi"))
            expectRelative(e.point, try c.number("evalue_point"), tolerance: Self.tolerance, "E-value of RR \(rr)")
            expectRelative(e.point, try c.number("evalue_point_root_check"), tolerance: Self.tolerance, "E-value of RR \(rr) (root)")
            expectRelative(e.interval!, try c.number("evalue_ci"), tolerance: Self.tolerance, "interval E-value of RR \(rr)")
            let limit = try #require(c["ci_limit_used"] as? String)
            #expect(limit.hasPrefix(e.limitUsed.rawValue), "RR \(rr): limit \(e.limitUsed) vs \(limit)")
        }
    }

    @Test func standardisedMeanDifferenceEValuesMatchTheConversions() throws {
        let evalues = try Reference.results("sensitivity_results.json").section("evalues")
        let ols = try evalues.section("ols_smd")
        let report = try Self.report()
        expectRelative(report.outcomeStandardDeviation, try ols.number("sd_y_ddof1"), tolerance: Self.tolerance, "sd(y)")
        var cases = [(report.evalue, ols)]
        for c in try evalues.sections("smd_fixed") {
            cases.append((EValue(standardizedMeanDifference: try c.number("smd"), standardError: try c.number("se_smd")), c))
        }
        for (e, c) in cases {
            expectRelative(e.riskRatio, try c.number("rr_approx"), tolerance: Self.tolerance, "RR ≈ exp(0.91 d)")
            expectRelative(e.riskRatioInterval!.lower, try c.number("rr_lo"), tolerance: Self.tolerance, "RR lower")
            expectRelative(e.riskRatioInterval!.upper, try c.number("rr_hi"), tolerance: Self.tolerance, "RR upper")
            expectRelative(e.point, try c.number("evalue_point"), tolerance: Self.tolerance, "E-value")
            expectRelative(e.interval!, try c.number("evalue_ci"), tolerance: Self.tolerance, "interval E-value")
        }
    }
}
