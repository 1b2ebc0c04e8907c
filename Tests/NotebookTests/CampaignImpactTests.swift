import Testing

/// The notebook's series: a lift of 6 per day for the 35 days from 15 April, visits as
/// an untouched covariate, and a placebo start on 11 March when nothing happened.
@Suite struct CampaignImpactTests {
    @Test func theAnalysisFindsTheLiftAndNoEffectWhereThereIsNone() throws {
        let run = try NotebookRun("CampaignImpact", figures: 1)
        #expect(run.truth("average") == 6 && run.truth("cumulative") == 6 * 35 && run.truth("placebo") == 0)
        // Posterior means within 4.4 posterior standard deviations of the truth.
        run.expectRecovers("average", 6)
        run.expectRecovers("cumulative", 6 * 35)
        run.expectRecovers("placebo", 0)
        #expect(run.stdout.contains("Posterior inference for 'sales'") && run.stdout.contains("Impact report for 'sales'"))
    }
}
