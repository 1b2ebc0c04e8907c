import Foundation
import Testing

/// `whatif benchmark --mediation T:M:Y`: the exact truth of the catalog's mediator model and the JSON layout.
@Suite struct MediationBenchmarkCommandTests {
    @Test func mediatorModelsTruthAndEstimatorsInJSON() throws {
        let run = try WhatIf("benchmark", "mediator", "--mediation", "rain:requests:profit", "--rows", "200", "--replications", "3",
                             "--estimators", "product-of-coefficients,vanderweele", "--json", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let truth = json?["truth"] as? [String: Any]
        // mediator.scm: requests = 100 + 40·rain + …, profit = 5·requests + …: the indirect effect 40 · 5, no direct one.
        #expect(truth?["naturalIndirect"] as? Double == 200)
        #expect(truth?["naturalDirect"] as? Double == 0)
        let indirect = json?["naturalIndirect"] as? [[String: Any]]
        #expect(indirect?.map { $0["name"] as? String } == ["product-of-coefficients", "vanderweele"])
        #expect(indirect?.first?["estimand"] as? String == "natural indirect effect")
    }

    @Test func mediationRefusesTheEffectOptions() throws {
        let run = try WhatIf("benchmark", "mediator", "--mediation", "rain:requests:profit", "--treatment", "rain",
                             "--rows", "200", "--replications", "2")
        #expect(run.stderr.hasPrefix("whatif: error: --mediation T:M:Y names the treatment and outcome itself"))
        let unknown = try WhatIf("benchmark", "mediator", "--mediation", "rain:requests:profit", "--rows", "200",
                                 "--replications", "2", "--estimators", "ipw")
        #expect(unknown.status != 0 && unknown.stderr.contains("ipw"))
    }
}
