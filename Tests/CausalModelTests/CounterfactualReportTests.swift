import Foundation
import Testing
@testable import CausalModel

/// `CounterfactualReport`'s words and JSON, verbatim, for answers known exactly:
/// x = ε_x, y = 2x + ε_y with x = 0.5, y = 1 observed gives ε_y = 0, so y had x been
/// 1 is 2 (exact inversion); with y = t, the effect on the treated is 1.
@Suite struct CounterfactualReportTests {
    let linear = try! ModelFileParser().parse("""
        x = Normal(0, 1)
        y = 2 * x + Normal(0, 1)
        """)

    @Test func expectationInWords() throws {
        let report = try CounterfactualReport(model: linear, question: .expectation(
            of: "y", given: Evidence(["y": 1, "x": 0.5]), doing: [("x", 1)], equals: 2))
        #expect(report.text() == """
            counterfactual  y had do(x = 1) been done
            given           x = 0.5, y = 1
            probability     P(y = 2) = 1
            expectation     2
            standard error  0 (exact)
            method          exact inversion

            """)
        #expect(report.warnings.isEmpty)
    }

    @Test func expectationAsJSON() throws {
        let report = try CounterfactualReport(model: linear, question: .expectation(
            of: "y", given: Evidence(["x": 0.5, "y": 1]), doing: [("x", 1)]))
        #expect(report.jsonText() == """
            {
              "evidence" : {
                "x" : 0.5,
                "y" : 1
              },
              "expectation" : 2,
              "intervention" : {
                "x" : 1
              },
              "method" : "exact inversion",
              "query" : "y",
              "standardError" : 0
            }

            """)
    }

    /// t ~ Bernoulli(0.5), y = t: every treated unit's outcome drops by 1 without treatment.
    @Test func effectOnTheTreated() throws {
        let model = try ModelFileParser().parse("""
            t ~ Bernoulli(0.5)
            y = t + 0 * Normal(0, 1)
            """)
        let report = try CounterfactualReport(model: model, question: .effectOnTreated(treatment: "t", outcome: "y"))
        let lines = report.text().split(separator: "\n").map(String.init)
        #expect(lines.first == "effect on the treated  E[y had t = 1 - y had t = 0 | t = 1]")
        #expect(lines.contains("expectation            1"))
        let json = try JSONSerialization.jsonObject(with: Data(report.jsonText().utf8)) as? [String: Any]
        #expect(json?["query"] as? String == "ETT" && json?["expectation"] as? Double == 1)
        #expect(json?["treatment"] as? String == "t" && json?["treated"] as? Double == 1 && json?["control"] as? Double == 0)
    }
}
