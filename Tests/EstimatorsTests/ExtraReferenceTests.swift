import Foundation
import Testing
@testable import Estimators
import Tabular

/// Designs beyond the shared reference set, against answers made by
/// `Reference/make_extra_reference.py` with rdrobust, linearmodels and statsmodels.
@Suite struct ExtraReferenceTests {
    private func extra(_ name: String) throws -> [String: Any] { try Reference.results(name, file: "extra_results.json") }

    /// The discontinuity numbers of rdrobust for an estimate with the default options.
    private func expectMatchesRdrobust(_ robust: EffectEstimate, _ expected: [String: Any]) throws {
        expectRelative(try #require(robust.diagnostic("h")), try expected.number("h"), "h")
        expectRelative(try #require(robust.diagnostic("b")), try expected.number("b"), "b")
        expectRelative(try #require(robust.diagnostic("conventional estimate")), try expected.number("estimate_conventional"),
                       "conventional estimate")
        expectRelative(try #require(robust.diagnostic("conventional SE")), try expected.number("se_conventional"), "conventional SE")
        expectRelative(robust.value, try expected.number("estimate_bias_corrected"), "bias-corrected estimate")
        expectRelative(robust.standardError, try expected.number("se_robust"), "robust SE")
    }

    @Test func fuzzyDiscontinuityMatchesRdrobust() throws {
        let data = try CausalData(table: try Reference.table("rdd_fuzzy.csv"),
                                  roles: Roles(outcome: "y", treatment: "t", runningVariable: "x", cutoff: 0))
        #expect(data.describe().discontinuity == .fuzzy)
        try expectMatchesRdrobust(try RegressionDiscontinuity(design: .fuzzy).estimate(data), try extra("rdd_fuzzy"))
    }

    @Test func discreteRunningVariableMatchesRdrobustMassPointAdjustment() throws {
        let data = try CausalData(table: try Reference.table("rdd_masspoints.csv"),
                                  roles: Roles(outcome: "y", runningVariable: "score", cutoff: 30))
        try expectMatchesRdrobust(try RegressionDiscontinuity().estimate(data), try extra("rdd_masspoints"))
    }

    @Test func unbalancedPanelWithACovariateMatchesLinearmodels() throws {
        let data = try CausalData(table: try Reference.table("panel_unbalanced.csv"),
                                  roles: Roles(outcome: "y", treatment: "d", covariates: ["x"], unit: "unit", period: "period"))
        let expected = try extra("panel_unbalanced")
        let twfe = try TwoWayFixedEffects(correction: .linearmodels).estimate(data)
        expectRelative(twfe.value, try expected.number("twfe"), "TWFE estimate")
        expectRelative(twfe.standardError, try expected.number("se_clustered_by_unit"), "TWFE clustered SE")
        expectRelative(try #require(twfe.diagnostic("unadjusted SE")), try expected.number("se_unadjusted"), "TWFE unadjusted SE")
    }

    @Test func twoByTwoClusteredErrorMatchesStatsmodels() throws {
        let data = try CausalData(table: try Reference.table("did_panel.csv"),
                                  roles: Roles(outcome: "y", treatment: "d", unit: "unit", period: "period"))
        let expected = try extra("did_2x2_cluster")
        let did = try DifferenceInDifferences().estimate(data)
        expectRelative(did.value, try expected.number("estimate"), "2×2 estimate")
        expectRelative(did.standardError, try expected.number("se_cluster_cr1"), "2×2 CR1 SE")
    }

    @Test func twoStageLeastSquaresWithACovariateMatchesLinearmodels() throws {
        let table = try Reference.table("iv_covariate.csv")
        let expected = try extra("iv_covariate")
        var exogenous = Design(rows: table.rowCount)
        exogenous.addIntercept()
        exogenous.add("w", try table.numbers("w"))
        let fit = try InstrumentalVariablesRegression(
            response: try table.numbers("y"), exogenous: exogenous, endogenous: try table.numbers("x"), endogenousName: "x",
            instrument: try table.numbers("z"), instrumentName: "z")
        let params = try expected.numbers("params")
        let unadjusted = try expected.numbers("se_unadjusted"), robust = try expected.numbers("se_robust")
        for j in 0..<3 {
            expectRelative(fit.coefficients[j], params[j], "coefficient \(fit.names[j])")
            expectRelative(fit.unadjustedCovariance[j, j].squareRoot(), unadjusted[j], "unadjusted SE \(fit.names[j])")
            expectRelative(fit.robustCovariance[j, j].squareRoot(), robust[j], "robust SE \(fit.names[j])")
        }
        expectRelative(fit.firstStageF, try expected.number("first_stage_f"), "first-stage F (partial, with a covariate)")
    }

    @Test func logisticSandwichErrorsMatchStatsmodels() throws {
        let table = try Reference.table("logit.csv")
        var design = Design(rows: table.rowCount)
        design.addIntercept()
        design.add("a", try table.numbers("a"))
        design.add("b", try table.numbers("b"))
        let fit = try LogisticRegression(design, response: try table.numbers("t"))
        let expected = try extra("logit_robust").numbers("se_hc0")
        let hc0 = fit.standardErrors(.hc0), hc1 = fit.standardErrors(.hc1)
        let n = Double(table.rowCount)
        for j in 0..<3 {
            expectRelative(hc0[j], expected[j], "HC0 SE \(j)")
            expectRelative(hc1[j], expected[j] * (n / (n - 3)).squareRoot(), "HC1 SE \(j) (HC0 × √(n/(n − k)))")
        }
    }
}
