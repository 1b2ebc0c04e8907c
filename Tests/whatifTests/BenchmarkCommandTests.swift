import Foundation
import Testing

/// `whatif benchmark`: the JSON contract, the picture, the table and the errors.
@Suite struct BenchmarkCommandTests {
    @Test func writesTheContractJSONThePlotAndATable() throws {
        let json = CommandLineTests.temporaryPath("bench.json"), plot = CommandLineTests.temporaryPath("bench.svg")
        defer {
            try? FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: plot)
        }
        let run = try WhatIf("benchmark", "banner", "--treatment", "banner", "--outcome", "spend", "--rows", "300",
                             "--replications", "3", "--seed", "4", "--truth-units", "5000",
                             "--estimators", "difference-in-means,ipw", "--json", json, "--plot", plot)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let truth = try #require(root["truth"] as? [String: Any])
        #expect(truth["ate"] as? Double == 5 && truth["att"] as? Double == 5 && truth["atu"] as? Double == 5)
        let estimators = try #require(root["estimators"] as? [[String: Any]])
        #expect(estimators.map { $0["name"] as? String } == ["difference-in-means", "ipw"])
        for entry in estimators {
            for key in ["meanEstimate", "bias", "rmse", "coverage", "seconds"] {
                #expect(entry[key] is Double, "\(entry["name"] ?? "?"): \(key)")
            }
        }
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg ") && svg.contains(">ipw</text>"))
        #expect(run.stdout.hasPrefix("Benchmark: the effect of banner on spend in banner\n"))
        #expect(run.stdout.contains("\n  difference-in-means  ") && run.stdout.contains("\nTruth (exact: "))
        #expect(run.stdout.hasSuffix("The model file states the effect of banner on spend as 5 "
            + "(E[spend | do(banner = 1)] − E[spend | do(banner = 0)]).\n"))
    }

    @Test func defaultsToTheCatalogsStatedEffect() throws {
        let run = try WhatIf("benchmark", "difference_in_differences", "--rows", "200", "--replications", "2",
                             "--truth-units", "5000", "--estimators", "did-2x2")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2×2 difference in differences: campaign = treated × post"))
    }

    @Test func errorsAreOneLine() throws {
        let unknown = try WhatIf("benchmark", "banner", "--treatment", "baner", "--outcome", "spend", "--rows", "100",
                                 "--replications", "2")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "whatif: error: no variable named 'baner' in the model (did you mean 'banner'?)\n")
        let inapplicable = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "2", "--estimators", "iv-2sls")
        #expect(inapplicable.status == 1)
        #expect(inapplicable.stderr == "whatif: error: estimator 'iv-2sls' cannot run on this design: it needs an instrument\n")
        let json = CommandLineTests.temporaryPath("never.json")
        let tooFew = try WhatIf("benchmark", "banner", "--rows", "5", "--replications", "2", "--json", json)
        #expect(tooFew.status != 0 && tooFew.stderr.contains("--rows must be at least 10"))
        #expect(!FileManager.default.fileExists(atPath: json))
    }
}
