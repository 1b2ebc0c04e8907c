import Foundation
import Testing

/// `whatif refute` on the reference data of the Trust tests.
@Suite struct RefuteCommandTests {
    @Test func tableAndJSON() throws {
        let data = SensitivityCommandTests.data
        let run = try WhatIf("refute", data, "--treatment", "d", "--outcome", "y", "--simulations", "5", "--seed", "2")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Refutation of ols: effect of d on y = 0.3021 (SE 0.03232), 2000 rows, 5 simulations per refuter"))
        for name in ["placebo-treatment", "random-common-cause", "data-subset", "bootstrap", "dummy-outcome"] {
            #expect(run.stdout.contains("\n\(name): "), "\(name)")
        }
        let svg = CommandLineTests.temporaryPath("refute.svg")
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let json = try WhatIf("refute", data, "--treatment", "d", "--outcome", "y", "--refuters", "placebo-treatment",
                              "--simulations", "5", "--json", "-", "--plot", svg)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("placebo-treatment"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let refuters = try #require(document["refuters"] as? [[String: Any]])
        #expect(refuters.count == 1 && refuters[0]["name"] as? String == "placebo-treatment")
        for key in ["expected", "newEstimate", "lower", "upper", "pValue", "alarm", "verdict"] { #expect(refuters[0][key] != nil, "\(key)") }
    }

    @Test func badInputIsOneClearLine() throws {
        let data = SensitivityCommandTests.data
        let unknown = try WhatIf("refute", data, "--treatment", "d", "--outcome", "y", "--refuters", "placebo")
        #expect(unknown.stderr.hasPrefix("whatif: error: --refuters: unknown refuter 'placebo' (known: placebo-treatment, "))
        let estimator = try WhatIf("refute", data, "--treatment", "d", "--outcome", "y", "--estimator", "ipw")
        #expect(estimator.status == 1)
        #expect(estimator.stderr == "whatif: error: treatment column 'd', row 1: value -1.2699176275185282 is not 0 or 1 (this estimator needs a binary treatment)\n")
    }
}
