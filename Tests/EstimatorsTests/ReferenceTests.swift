import Foundation
import Testing
@testable import Estimators
import Tabular

/// The building blocks and estimators against statsmodels, linearmodels and rdrobust
/// on the reference data sets (exact computations: about 1e-8 relative).
@Suite struct ReferenceTests {
    @Test func olsMatchesStatsmodels() throws {
        let table = try Reference.table("ols.csv")
        let expected = try Reference.results("ols")
        var design = Design(rows: table.rowCount)
        design.addIntercept()
        design.add("x1", try table.numbers("x1"))
        design.add("x2", try table.numbers("x2"))
        let fit = try LinearRegression(design, response: try table.numbers("y"))
        let params = try expected.numbers("params"), classical = try expected.numbers("se_classical")
        let hc1 = try expected.numbers("se_hc1")
        let classicalSE = fit.standardErrors(.classical), robustSE = fit.standardErrors(.hc1)
        for j in 0..<3 {
            expectRelative(fit.coefficients[j], params[j], "coefficient \(j)")
            expectRelative(classicalSE[j], classical[j], "classical SE \(j)")
            expectRelative(robustSE[j], hc1[j], "HC1 SE \(j)")
        }
        expectRelative(fit.rSquared, try expected.number("r2"), "R²")
        expectRelative(fit.residualVariance, try expected.number("sigma2"), "σ²")
    }

    @Test func logisticMatchesStatsmodels() throws {
        let table = try Reference.table("logit.csv")
        let expected = try Reference.results("logit")
        var design = Design(rows: table.rowCount)
        design.addIntercept()
        design.add("a", try table.numbers("a"))
        design.add("b", try table.numbers("b"))
        let fit = try LogisticRegression(design, response: try table.numbers("t"))
        let params = try expected.numbers("params"), se = try expected.numbers("se")
        for j in 0..<3 {
            expectRelative(fit.coefficients[j], params[j], "coefficient \(j)")
            expectRelative(fit.standardErrors()[j], se[j], "SE \(j)")
        }
        expectRelative(fit.logLikelihood, try expected.number("loglik"), "log-likelihood")
    }

    @Test func twoStageLeastSquaresMatchesLinearmodels() throws {
        let table = try Reference.table("iv.csv")
        let expected = try Reference.results("iv")
        var exogenous = Design(rows: table.rowCount)
        exogenous.addIntercept()
        let fit = try InstrumentalVariablesRegression(
            response: try table.numbers("y"), exogenous: exogenous, endogenous: try table.numbers("x"), endogenousName: "x",
            instrument: try table.numbers("z"), instrumentName: "z")
        let params = try expected.numbers("params")
        let unadjusted = try expected.numbers("se_unadjusted"), robust = try expected.numbers("se_robust")
        for j in 0..<2 {
            expectRelative(fit.coefficients[j], params[j], "coefficient \(j)")
            expectRelative(fit.unadjustedCovariance[j, j].squareRoot(), unadjusted[j], "unadjusted SE \(j)")
            expectRelative(fit.robustCovariance[j, j].squareRoot(), robust[j], "robust SE \(j)")
        }
        expectRelative(fit.firstStageF, try expected.number("first_stage_f"), "first-stage F")

        // The estimator reports the same numbers; OLS of y on x is the biased slope.
        let data = try CausalData(table: table, roles: Roles(outcome: "y", treatment: "x", instrument: "z"))
        let estimate = try TwoStageLeastSquares().estimate(data)
        expectRelative(estimate.value, params[1], "2SLS estimator")
        expectRelative(estimate.standardError, robust[1], "2SLS estimator robust SE")
        #expect(estimate.estimand == .late && estimate.warnings.isEmpty)
        let ols = try LinearRegression(Design([("intercept", [Double](repeating: 1, count: table.rowCount)),
                                               ("x", try table.numbers("x"))]), response: try table.numbers("y"))
        expectRelative(ols.coefficients[1], try expected.number("ols_slope_biased"), "OLS slope")
    }

    @Test func panelEstimatorsMatchLinearmodels() throws {
        let table = try Reference.table("did_panel.csv")
        let expected = try Reference.results("did")
        let data = try CausalData(table: table, roles: Roles(outcome: "y", treatment: "d", unit: "unit", period: "period"))
        let twfe = try TwoWayFixedEffects(correction: .linearmodels).estimate(data)
        expectRelative(twfe.value, try expected.number("twfe"), "TWFE estimate")
        expectRelative(twfe.standardError, try expected.number("se_clustered_by_unit"), "TWFE SE clustered by unit")
        expectRelative(try #require(twfe.diagnostic("unadjusted SE")), try expected.number("se_unadjusted"), "TWFE unadjusted SE")
        let did = try DifferenceInDifferences().estimate(data)
        expectRelative(did.value, try expected.number("did_2x2_means"), "2×2 contrast of means")
        #expect(did.estimand == .att && twfe.warnings.isEmpty)
    }

    @Test func sharpDiscontinuityMatchesRdrobust() throws {
        let table = try Reference.table("rdd.csv")
        let expected = try Reference.results("rdd")
        let data = try CausalData(table: table, roles: Roles(outcome: "y", runningVariable: "score", cutoff: 70))
        let robust = try RegressionDiscontinuity().estimate(data)
        expectRelative(try #require(robust.diagnostic("h")), try expected.number("mserd_bandwidth"), "mserd bandwidth h")
        expectRelative(try #require(robust.diagnostic("conventional estimate")), try expected.number("estimate_conventional"),
                       "conventional estimate")
        expectRelative(try #require(robust.diagnostic("conventional SE")), try expected.number("se_conventional"), "conventional SE")
        expectRelative(robust.value, try expected.number("estimate_bias_corrected"), "bias-corrected estimate")
        expectRelative(robust.standardError, try expected.number("se_robust"), "robust SE")
        #expect(robust.estimand == .effectAtCutoff)

        let fixed = try RegressionDiscontinuity(bandwidth: .fixed(h: 8, b: nil), inference: .conventional).estimate(data)
        expectRelative(fixed.value, try expected.number("fixed_h8_estimate"), "estimate at h = 8")
        expectRelative(fixed.standardError, try expected.number("fixed_h8_se_conventional"), "conventional SE at h = 8")
    }
}
