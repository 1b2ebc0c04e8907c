import Testing

/// The notebook's shop: tiers with shares 0.5, 0.3, 0.2, banner effects 2, 6, 10 and
/// P(banner | tier) = 0.2, 0.45, 0.7. By hand: ATE = 4.8, P(banner) = 0.375,
/// ATT = (0.5·0.2·2 + 0.3·0.45·6 + 0.2·0.7·10) / 0.375 = 2.41 / 0.375, ATU = 2.39 / 0.625.
@Suite struct PotentialOutcomesTableTests {
    @Test func theSampleEffectsMatchTheModelAndWithinTierContrastsRecoverThem() throws {
        let run = try NotebookRun("PotentialOutcomesTable", figures: 1)
        for (key, population) in [("ate", 4.8), ("att", 2.41 / 0.375), ("atu", 2.39 / 0.625)] {
            if let truth = run.truths[key] {
                #expect(abs(truth.value - population) <= NotebookRun.z * truth.standardError,
                        "\(key): \(truth.value) ± \(truth.standardError) against \(population)")
            } else {
                Issue.record("no truth \(key)")
            }
        }
        if let att = run.truth("att"), let ate = run.truth("ate"), let atu = run.truth("atu") { #expect(att > ate && ate > atu) }
        for (k, effect) in [2.0, 6, 10].enumerated() {
            #expect(run.truth("tier-\(k)") == effect)
            run.expectRecovers("tier-\(k)", effect)
        }
        let ate = try #require(run.truths["ate-sample"]).value
        run.expectBiased("naive", +1, from: ate)
        run.expectRecovers("by-tier", ate)
    }
}
