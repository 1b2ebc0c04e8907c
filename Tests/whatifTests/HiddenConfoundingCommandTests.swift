import Foundation
import Testing

/// `whatif hidden-confounding`: the report, its JSON and one-line errors.
@Suite struct HiddenConfoundingCommandTests {
    @Test func reportAndJSON() throws {
        let run = try WhatIf("hidden-confounding", "confounding", "--confounder", "0.05,0.05", "--rows", "300", "--replications", "20",
                             "--refuters", "placebo-treatment", "--simulations", "4", "--json", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["truth"] as? Double == -1)
        for key in ["meanBias", "meanBound", "boundHoldsShare", "adjustedCoverage", "meanRobustnessValue"] { #expect(json[key] is Double, "\(key)") }
        let refuters = try #require(json["refuters"] as? [[String: Any]])
        #expect(refuters.map { $0["name"] as? String } == ["placebo-treatment"])
        let text = try WhatIf("hidden-confounding", "banner", "--coefficients", "0.5,2", "--rows", "200", "--replications", "5",
                              "--refuters", "none")
        #expect(text.stdout.hasPrefix("Hidden-confounder check (banner): effect of banner on spend, 5 replications of 200 rows, OLS adjusting for engagement"))
    }

    @Test func badInputIsOneClearLine() throws {
        let neither = try WhatIf("hidden-confounding", "banner")
        #expect(neither.stderr == "whatif: error: give the hidden confounder's strength: --confounder R2D,R2Y or --coefficients GT,GY (one of them)\n")
        let strength = try WhatIf("hidden-confounding", "banner", "--confounder", "1.5,0.1")
        #expect(strength.stderr == "whatif: error: confounder: a partial R² must lie in [0, 1) (got 1.5)\n")
    }
}
