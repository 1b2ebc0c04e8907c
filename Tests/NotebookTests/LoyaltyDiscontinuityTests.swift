import Testing

/// Models/regression_discontinuity.scm (the banner adds 10 at every score) and
/// fuzzy_discontinuity.scm: with affinity a ~ U(0, 1), the cutoff raises the banner's share
/// by 0.6a and the effect is 4 + 8a, so at the cutoff the compliers' effect is
/// E[a(4 + 8a)] / E[a] = (2 + 8/3) / (1/2) = 28/3, the jump in spend 0.6 · (2 + 8/3) = 2.8,
/// and the average effect over everyone 4 + 8/2 = 8.
@Suite struct LoyaltyDiscontinuityTests {
    @Test func theJumpAtSeventyIsTheEffectThereAndTheFuzzyRatioIsTheCompliers() throws {
        let run = try NotebookRun("LoyaltyDiscontinuity", figures: 1)
        #expect(run.truth("sharp") == 10)
        run.expectBiased("sharp.naive", +1, from: 10)
        // One line through a convex curve mistakes curvature for part of the jump.
        run.expectBiased("sharp.global", +1, from: 10)
        run.expectRecovers("sharp.rd", 10)
        for (key, value) in [("fuzzy", 28.0 / 3), ("fuzzy-ate", 8)] {
            if let truth = run.truths[key] {
                #expect(abs(truth.value - value) <= NotebookRun.z * truth.standardError, "\(key): \(truth) against \(value)")
            } else {
                Issue.record("no truth \(key)")
            }
        }
        run.expectRecovers("fuzzy.rd", 28.0 / 3)
        run.expectRecovers("fuzzy.jump", 2.8)
        run.expectBiased("fuzzy.naive", +1, from: 28.0 / 3)
    }
}
