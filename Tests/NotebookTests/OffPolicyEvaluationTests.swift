import Testing

/// Models/recommender.scm: the items' true click rates 0.2035, 0.2908, 0.2660, 0.2744 and the
/// value 0.341878 of the policy "item 2 to novelty lovers, item 1 to the rest", both by
/// 200-point Gauss–Hermite quadrature (the model file, docs/ope-uplift.md). The logger shows
/// item 0 to active users and item 2 to novelty lovers, who click more anyway.
@Suite struct OffPolicyEvaluationTests {
    @Test func loggedRatesAreConfoundedAndTheWeightedAndDoublyRobustEstimatorsRecoverThePolicyValue() throws {
        let run = try NotebookRun("OffPolicyEvaluation", figures: 1)
        let quadrature = [0.2035, 0.2908, 0.2660, 0.2744], policy = 0.341878
        // The simulator's truths agree with quadrature (rounded to 4 decimals: allow 5e-5 more).
        for (a, rate) in quadrature.enumerated() {
            if let truth = run.truths["item\(a)"] {
                #expect(abs(truth.value - rate) <= NotebookRun.z * truth.standardError + 5e-5, "item \(a): \(truth.value)")
            } else { _ = run.truth("item\(a)") }
        }
        for key in ["policy", "wrong-propensities", "bad-model"] {
            if let truth = run.truths[key] {
                #expect(abs(truth.value - policy) <= NotebookRun.z * truth.standardError + 1e-6, "\(key): \(truth.value)")
            } else { _ = run.truth(key) }
        }
        // Logged click rates: the bestseller and the new arrival look better than they are, item 3 worse.
        run.expectBiased("naive.item0", +1, from: quadrature[0])
        run.expectBiased("naive.item2", +1, from: quadrature[2])
        run.expectBiased("naive.item3", -1, from: quadrature[3])
        for method in ["ips", "snips", "dr", "sndr", "switch-dr"] { run.expectRecovers("ope.\(method)", policy) }
        // Propensities from a uniform logger: the weighting estimators are biased upwards, DR with the true reward model is not.
        run.expectBiased("wrong-propensities.ips", +1, from: policy)
        run.expectBiased("wrong-propensities.snips", +1, from: policy)
        run.expectRecovers("wrong-propensities.dr", policy)
        // Per-item mean rewards as the reward model: DM inherits the confounding, DR and Switch-DR correct it.
        run.expectBiased("bad-model.dm", -1, from: policy)
        run.expectRecovers("bad-model.dr", policy)
        run.expectRecovers("bad-model.switch-dr", policy)
    }
}
