import Testing

/// Models/self_selection.scm (the feature adds 2 days) and banner.scm ($5): the naive
/// contrast is biased upwards by engagement when observed, and recovers the effect
/// under `.randomised(...)`.
@Suite struct RandomisedVersusObservationalTests {
    @Test func randomisationRemovesTheSelectionBias() throws {
        let run = try NotebookRun("RandomisedVersusObservational", figures: 5)
        for (name, effect) in [("self_selection", 2.0), ("banner", 5)] {
            #expect(run.truth(name) == effect)
            run.expectBiased("\(name).observational", +1, from: effect)
            run.expectRecovers("\(name).randomised", effect)
        }
    }
}
