import Foundation
import Testing
import Tabular
@testable import CausalImpact

/// The JSON document of `whatif impact --json` (DESIGN.md).
@Suite struct ImpactJSONTests {
    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func hasTheDesignedShape() throws {
        let json = try Self.parse(try CounterfactualTests.result().jsonText())
        #expect(Set(json.keys) == ["average", "cumulative", "tailProbability", "probabilityOfCausalEffect",
                                   "alpha", "niter", "series", "warnings"])
        for block in ["average", "cumulative"] {
            let b = try #require(json[block] as? [String: Any])
            #expect(Set(b.keys) == ["actual", "predicted", "absoluteEffect", "relativeEffect"])
            for part in ["predicted", "absoluteEffect", "relativeEffect"] {
                let estimate = try #require(b[part] as? [String: Double])
                #expect(Set(estimate.keys) == ["mean", "sd", "lower", "upper"])
            }
        }
        let cumulative = try #require(json["cumulative"] as? [String: Any])
        #expect(cumulative["actual"] as? Double == 42)
        let absolute = try #require(cumulative["absoluteEffect"] as? [String: Double])
        #expect(absolute["mean"] == 9.25 && absolute["lower"] == 8.5 && absolute["upper"] == 10.75)
        #expect(json["tailProbability"] as? Double == 0.2)
        #expect(json["probabilityOfCausalEffect"] as? Double == 0.8)
        #expect(json["alpha"] as? Double == 0.5)
        #expect(json["niter"] as? Int == 1000)
        let series = try #require(json["series"] as? [String: [Double]])
        #expect(Set(series.keys) == ["actual", "predicted", "predictedLower", "predictedUpper", "pointEffect",
                                     "pointEffectLower", "pointEffectUpper", "cumulativeEffect",
                                     "cumulativeEffectLower", "cumulativeEffectUpper"])
        #expect(series.values.allSatisfy { $0.count == 5 })
        #expect(series["cumulativeEffect"] == [0, 0, 0, 4.25, 9.25])
    }

    @Test func missingValuesAreNull() throws {
        let text = try FabricatedResult.make().jsonText()
        let json = try Self.parse(text)
        let series = try #require(json["series"] as? [String: [Any]])
        let predicted = try #require(series["predicted"])
        #expect(predicted.count == 8)
        #expect(predicted.allSatisfy { $0 is NSNull })
        #expect(text.contains("\"predicted\": [null, null, null, null, null, null, null, null]"))
    }

    @Test func noInferenceGivesNullSummaryAndAReason() throws {
        let flat = try ImpactData(table: try Table(numericColumns: [("y", [3, 3, 3, 4])]),
                                  specification: ImpactSpecification(pre: .rows(1...3), post: .rows(4...4)))
        let json = try Self.parse(ImpactOutcome.notInferred(flat, alpha: 0.05, iterations: 1000).jsonText())
        #expect(json["average"] is NSNull && json["cumulative"] is NSNull && json["tailProbability"] is NSNull)
        #expect((json["noInferenceReason"] as? String)?.contains("constant") == true)
        #expect((json["series"] as? [String: [Any]])?["actual"]?.count == 4)
    }
}

/// The `whatif impact --json` document byte for byte, on a result with hand-chosen
/// numbers (`FabricatedResult`): keys in the contract's order, scalar arrays on one
/// line, relative effects as fractions, missing values as null.
@Suite struct ImpactJSONGoldenTests {
    @Test func documentOfAFabricatedResult() throws {
        let text = try FabricatedResult.make().jsonText()
        let nulls = "[null, null, null, null, null, null, null, null]"
        #expect(text == """
            {
              "average": {
                "actual": 12,
                "predicted": {
                  "mean": 10,
                  "sd": 0.5,
                  "lower": 9,
                  "upper": 11
                },
                "absoluteEffect": {
                  "mean": 2,
                  "sd": 0.5,
                  "lower": 1,
                  "upper": 3
                },
                "relativeEffect": {
                  "mean": 0.2,
                  "sd": 0.05,
                  "lower": 0.1,
                  "upper": 0.3
                }
              },
              "cumulative": {
                "actual": 24,
                "predicted": {
                  "mean": 20,
                  "sd": 1,
                  "lower": 18,
                  "upper": 22
                },
                "absoluteEffect": {
                  "mean": 4,
                  "sd": 1,
                  "lower": 2,
                  "upper": 6
                },
                "relativeEffect": {
                  "mean": 0.2,
                  "sd": 0.05,
                  "lower": 0.1,
                  "upper": 0.3
                }
              },
              "tailProbability": 0.002,
              "probabilityOfCausalEffect": 0.998,
              "alpha": 0.05,
              "niter": 1000,
              "series": {
                "actual": [9, 11, 10, 9, 11, 10, 13, 11],
                "predicted": \(nulls),
                "predictedLower": \(nulls),
                "predictedUpper": \(nulls),
                "pointEffect": \(nulls),
                "pointEffectLower": \(nulls),
                "pointEffectUpper": \(nulls),
                "cumulativeEffect": \(nulls),
                "cumulativeEffectLower": \(nulls),
                "cumulativeEffectUpper": \(nulls)
              },
              "warnings": []
            }

            """)
    }
}
