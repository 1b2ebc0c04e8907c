import Testing
@testable import CausalImpact

/// The written report against golden text built from fabricated summaries (no MCMC).
///
/// Decimals: every interval in `FabricatedResult` is 2 wide (4 for sums, 20
/// points for percentages), so numbers show one decimal, percentages none.
@Suite struct ImpactReportTests {
    static let happened = "What happened. During the post-period, date 2024-01-07 to 2024-01-08 (rows 7 to 8, "
        + "2 points), 'visits' averaged 12.0."

    @Test func clearEffectWithACovariate() throws {
        let paragraphs = ImpactReport.paragraphs(of: try FabricatedResult.make())
        #expect(paragraphs == [
            "Impact report for 'visits'",
            Self.happened + " Had the intervention not taken place, the model expects it would have averaged 10.0, "
                + "with a 95% interval from 9.0 to 11.0. The difference, 2.0 per time point (95% interval 1.0 to 3.0), "
                + "is the estimated effect of the intervention.",
            "How big. Relative to the counterfactual, 'visits' was 20% higher (95% interval 10% to 30%). Added up "
                + "over the post-period, the effect comes to 4.0 (95% interval 2.0 to 6.0) on an observed total of "
                + "24.0. That total means something only if adding up 'visits' does (counts or sales, say, but not "
                + "rates or prices).",
            "How sure. The 95% interval of the effect excludes zero, and the one-sided tail-area probability is "
                + "p = 0.002: had the intervention done nothing, a post-period this far from the prediction would be "
                + "very unlikely. The posterior probability that the intervention had an effect is 99.8%.",
            "Caveats. These conclusions hold only if the model's assumptions do: the covariate 'ads' was not "
                + "affected by the intervention, its relationship with 'visits' in the pre-period carried on in the "
                + "post-period, and nothing else that moves 'visits' changed when the intervention began. A clear "
                + "effect is not necessarily an important one: judge 2.0 per time point against what the "
                + "intervention was meant to achieve.",
        ])
    }

    @Test func noEffectWithoutCovariates() throws {
        // Prediction shifted up by 2.5: effect −0.5 (−1.5 to 0.5), relative −5% (−15% to 5%), p = 0.4.
        let paragraphs = ImpactReport.paragraphs(of: try FabricatedResult.make(p: 0.4, effectShift: 2.5,
                                                                                covariates: false))
        #expect(paragraphs[1] == Self.happened + " Had the intervention not taken place, the model expects it would "
            + "have averaged 12.5, with a 95% interval from 11.5 to 13.5. The difference, -0.5 per time point (95% "
            + "interval -1.5 to 0.5), is the estimated effect of the intervention.")
        #expect(paragraphs[2].hasPrefix("How big. Relative to the counterfactual, 'visits' was 5% lower (95% "
            + "interval -15% to 5%). Added up over the post-period, the effect comes to -1.0 (95% interval -3.0 to "
            + "1.0) on an observed total of 24.0."))
        // Issue 17: a wide interval (−15% to 5% of the prediction) is "inconclusive", not "no effect".
        #expect(paragraphs[3] == "How sure. Inconclusive: the 95% interval of the effect includes zero (p = 0.4), "
            + "but it is wide, allowing anything from -15% to 5% of the prediction. The data can tell neither that "
            + "the intervention did nothing nor that it had an effect: the apparent decrease may be ordinary noise, "
            + "and an effect can be too small, too short-lived or too diluted by a long post-period for this "
            + "analysis to detect. The posterior probability that the intervention had an effect is 60%.")
        #expect(paragraphs[4] == "Caveats. No covariates were given, so the counterfactual is the response's own "
            + "pre-period pattern carried forward: its uncertainty grows with the length of the post-period, and "
            + "anything else that changed when the intervention began is counted as its effect.")
    }

    @Test func borderlineWhenIntervalAndTailProbabilityDisagree() throws {
        let paragraphs = ImpactReport.paragraphs(of: try FabricatedResult.make(p: 0.08))
        #expect(paragraphs[3] == "How sure. The evidence is borderline: the 95% interval of the effect excludes "
            + "zero, while the one-sided tail-area probability is p = 0.08. Treat the effect as uncertain. The "
            + "posterior probability that the intervention had an effect is 92%.")
        #expect(!paragraphs[4].contains("A clear effect"))
    }

    @Test func linesAreWrappedAtTheRequestedWidth() throws {
        let text = ImpactReport.text(of: try FabricatedResult.make(), width: 60)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(lines.first == "Impact report for 'visits'")
        #expect(lines[1] == "")
        #expect(text.hasSuffix("achieve.\n"))
    }

    @Test func covariatesAreListedByNameWhenFew() {
        #expect(ImpactReport.covariateList(["a", "b"]) == "the covariates 'a' and 'b'")
        #expect(ImpactReport.covariateList(["a", "b", "c"]) == "the covariates 'a', 'b' and 'c'")
        #expect(ImpactReport.covariateList((1...10).map { "x\($0)" }) == "the 10 covariates")
    }

    @Test func illConditionedReportSaysWhy() throws {
        let flat = try ImpactData(table: try .init(numericColumns: [("y", [3, 3, 3, 4])]),
                                  specification: ImpactSpecification(pre: .rows(1...3), post: .rows(4...4)))
        let outcome = ImpactOutcome.notInferred(flat, alpha: 0.05, iterations: 1000)
        #expect(ImpactReport.paragraphs(of: outcome)[1] == "No effect could be estimated: the response 'y' is "
            + "constant in the pre-period, so there is no variation to model. Check the response column and the "
            + "pre-period.")
    }
}
