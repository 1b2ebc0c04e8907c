import Foundation
import Testing
@testable import BSTS
@testable import CausalImpact

/// How the sampler's own report reaches the summary, the report and the JSON.
@Suite struct SamplerReportTests {
    static func report(rHat: Double?, levelESS: Double = 300) -> SamplerReport {
        SamplerReport(iterations: 500, burnIn: [8, 12], covariateNames: ["ads"], inclusionProbabilities: [0.75],
                      coefficientMeans: [0.5],
                      parameters: [
                          ParameterSummary(name: "sigma.obs", mean: 0.4, posteriorSD: 0.05, effectiveSampleSize: 400,
                                           splitRHat: 1.01),
                          ParameterSummary(name: "sigma.level", mean: 0.01, posteriorSD: 0.002,
                                           effectiveSampleSize: levelESS, splitRHat: rHat),
                      ])
    }

    static func result(rHat: Double?) throws -> ImpactResult {
        let base = try FabricatedResult.make()
        return ImpactResult(data: base.data, summary: base.summary, series: base.series, alpha: 0.05,
                            iterations: 500, drawCount: 980, sampler: report(rHat: rHat))
    }

    @Test func summaryNamesChainsAndBurnIn() throws {
        let text = SummaryTable.text(of: try Self.result(rHat: 1.02))
        #expect(text.contains("\nPosterior draws: 980 (2 chains of 500 iterations, burn-in 8 and 12)\n"))
        #expect(!text.contains("Warning"))
    }

    @Test func unconvergedChainsAreFlagged() throws {
        #expect(Self.report(rHat: 1.02).unconverged == nil)
        #expect(Self.report(rHat: nil).unconverged == nil)
        #expect(Self.report(rHat: 1.234).unconverged?.name == "sigma.level")
        let result = try Self.result(rHat: 1.234)
        #expect(SummaryTable.text(of: result).hasSuffix(
            "\nWarning: the chains have not converged (split R-hat of sigma.level is 1.23 > 1.1); run more iterations.\n"))
        #expect(ImpactReport.paragraphs(of: result)[4].hasSuffix(
            " The chains have not converged (split R-hat of sigma.level is 1.23 > 1.1); run more iterations."))
    }

    /// The newcomer's case: one chain, a standard deviation worth 7.7 independent draws.
    @Test func poorlyMixedStandardDeviationsAreFlagged() throws {
        #expect(Self.report(rHat: nil, levelESS: 50).poorlyMixed == nil)
        #expect(Self.report(rHat: nil, levelESS: 7.7).poorlyMixed?.name == "sigma.level")
        let base = try FabricatedResult.make()
        let result = ImpactResult(data: base.data, summary: base.summary, series: base.series, alpha: 0.05, iterations: 500,
                                  drawCount: 980, sampler: Self.report(rHat: nil, levelESS: 7.7))
        #expect(SummaryTable.text(of: result).hasSuffix("\nWarning: the draws of sigma.level are worth only 7.7 independent "
            + "ones (fewer than 50), so the intervals rest on very few; run more iterations or chains.\n"))
    }

    @Test func jsonHasAModelBlock() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try Self.result(rHat: nil).jsonText().utf8))
                                as? [String: Any])
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["chains"] as? Int == 2)
        #expect(model["burnIn"] as? [Int] == [8, 12])
        #expect(model["draws"] as? Int == 980)
        let coefficients = try #require(model["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == 1)
        #expect(coefficients[0]["name"] as? String == "ads")
        #expect(coefficients[0]["inclusionProbability"] as? Double == 0.75)
        let parameters = try #require(model["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["sigma.obs", "sigma.level"])
        #expect(parameters[1]["splitRHat"] is NSNull)
    }
}
