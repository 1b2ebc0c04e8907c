import Testing

/// Models/difference_in_differences.scm: treated markets +20, every market +15 after, the
/// campaign +10. The notebook's second model adds 6 to the treated markets' growth.
@Suite struct MarketsDifferenceInDifferencesTests {
    @Test func differenceInDifferencesRecoversTenUnderParallelTrendsAndTenPlusTheGapWithout() throws {
        let run = try NotebookRun("MarketsDifferenceInDifferences", figures: 1)
        #expect(run.truth("parallel") == 10 && run.truth("violated") == 10)
        // The after-period contrast carries the head start (20), the before/after change the common growth (15).
        run.expectRecovers("parallel.after", 10 + 20)
        run.expectRecovers("parallel.change", 10 + 15)
        run.expectRecovers("parallel.did", 10)
        // With the treated markets growing 6 faster, difference-in-differences is off by exactly that.
        #expect(run.value("violated.trend-gap") == 6)
        run.expectBiased("violated.did", +1, from: 10)
        run.expectRecovers("violated.did", 10 + 6)
    }
}
