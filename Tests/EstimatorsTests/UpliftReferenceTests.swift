import Foundation
import Testing
@testable import Estimators

/// scikit-uplift 0.5.1 on 5,000 randomised units with tied scores (`Reference/uplift/`,
/// see its README): every metric and curve to 1e-10 relative, curve x values exactly.
@Suite struct UpliftReferenceTests {
    static let tolerance = 1e-10

    static func evaluation() throws -> UpliftEvaluation {
        let table = try Reference.table("uplift/uplift_data.csv")
        return try UpliftEvaluation(table: table, treatment: "treatment", outcome: "y", score: "score",
                                    trueEffect: "true_uplift", k: [0.1, 0.3])
    }

    static func curve(_ name: String) throws -> (x: [Double], y: [Double]) {
        let curves = try Reference.results("curves", file: "uplift/results.json")
        let entry = try #require(curves[name] as? [String: Any], "no curve \(name)")
        return (try entry.numbers("x"), try entry.numbers("y"))
    }

    @Test func metricsMatchScikitUplift() throws {
        let e = try Self.evaluation()
        let m = try Reference.results("metrics", file: "uplift/results.json")
        expectRelative(e.model.qiniAuc, try m.number("qini_auc_score"), tolerance: Self.tolerance, "qini_auc_score")
        expectRelative(e.model.upliftAuc, try m.number("uplift_auc_score"), tolerance: Self.tolerance, "uplift_auc_score")
        expectRelative(e.model.qiniCoefficient, try m.number("qini_auc_score_negative_effect_false"), tolerance: Self.tolerance,
                       "qini_auc_score(negative_effect=False)")
        expectRelative(e.model.upliftAtK[0].value, try m.number("uplift_at_k_overall_0.1"), tolerance: Self.tolerance, "uplift_at_k 0.1")
        expectRelative(e.model.upliftAtK[1].value, try m.number("uplift_at_k_overall_0.3"), tolerance: Self.tolerance, "uplift_at_k 0.3")
        let oracle = try #require(e.oracle)
        expectRelative(oracle.qiniAuc, try m.number("qini_auc_score_true_uplift_score"), tolerance: Self.tolerance, "oracle qini")
        expectRelative(oracle.upliftAuc, try m.number("uplift_auc_score_true_uplift_score"), tolerance: Self.tolerance, "oracle uplift")
    }

    @Test func areasMatchScikitLearnsTrapezoids() throws {
        let e = try Self.evaluation()
        let a = try Reference.results("areas", file: "uplift/results.json")
        expectRelative(e.model.qini.area, try a.number("qini_actual"), tolerance: Self.tolerance, "qini area")
        expectRelative(e.perfectQini.area, try a.number("qini_perfect"), tolerance: Self.tolerance, "perfect qini area")
        expectRelative(e.perfectQini.randomArea, try a.number("qini_baseline"), tolerance: Self.tolerance, "qini baseline")
        expectRelative(e.model.uplift.area, try a.number("uplift_actual"), tolerance: Self.tolerance, "uplift area")
        expectRelative(e.perfectUplift.area, try a.number("uplift_perfect"), tolerance: Self.tolerance, "perfect uplift area")
        expectRelative(e.perfectUplift.randomArea, try a.number("uplift_baseline"), tolerance: Self.tolerance, "uplift baseline")
    }

    /// Every curve point: x exactly (the tie runs collapse where sklift's do), y to 1e-10
    /// relative to max(|y|, 1).
    @Test func curvesMatchPointForPoint() throws {
        let e = try Self.evaluation()
        let oracle = try #require(e.oracle)
        let pairs: [(String, UpliftCurve)] = [
            ("qini_curve", e.model.qini), ("uplift_curve", e.model.uplift), ("perfect_qini_curve", e.perfectQini),
            ("perfect_qini_curve_negative_effect_false", e.zeroDownsideQini), ("perfect_uplift_curve", e.perfectUplift),
            ("qini_curve_true_uplift_score", oracle.qini), ("uplift_curve_true_uplift_score", oracle.uplift),
        ]
        for (name, curve) in pairs {
            let expected = try Self.curve(name)
            #expect(curve.x == expected.x, "\(name): x differs (\(curve.x.count) points, reference \(expected.x.count))")
            #expect(curve.y.count == expected.y.count, "\(name): \(curve.y.count) points, reference \(expected.y.count)")
            let worst = zip(curve.y, expected.y).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? 0
            #expect(worst <= Self.tolerance, "\(name): largest relative error \(worst)")
        }
    }

    /// The cut at k falls inside a run of tied scores: the later rows come first there.
    @Test func tiesAtTheCutFollowTheReversedStableSort() throws {
        let e = try Self.evaluation()
        let ties = try Reference.results("tie_diagnostics", file: "uplift/results.json")
        let k1 = try #require(ties["k_0.1"] as? [String: Any])
        #expect(try k1.number("units_with_that_score_inside_top") < k1.number("units_with_that_score"))
        let other = try k1.number("uplift_at_k_overall_if_lower_index_first")
        #expect(abs(e.model.upliftAtK[0].value - other) > 1e-3, "the tie-break should matter here")
    }
}
