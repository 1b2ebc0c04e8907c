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
        try Self.expectCalibratedInterval(run)
    }

    /// The backtest (same run): the calibrated interval is the model's with each arm times the printed factor.
    static func expectCalibratedInterval(_ run: NotebookRun) throws {
        let model = try #require(run.estimate("model")), calibrated = try #require(run.estimate("calibrated"))
        let c = try #require(run.value("placebo.factor"))
        #expect(calibrated.value == model.value)
        let tolerance = 1e-3 * (model.upper - model.lower) * max(1, c)
        #expect(abs((calibrated.upper - calibrated.value) - c * (model.upper - model.value)) < tolerance)
        #expect(abs((calibrated.value - calibrated.lower) - c * (model.value - model.lower)) < tolerance)
        let rate = try #require(run.value("placebo.false-positive-rate"))
        #expect((rate * 20).rounded() == rate * 20 && (0...1).contains(rate))
        #expect(run.stdout.contains("Placebo backtest: 20 windows of 35 points"))
    }
}
