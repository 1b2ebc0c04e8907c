import Testing

/// Models/heterogeneous_effect.scm: τ(age) = 0.3 (60 − age) with age ~ U(20, 60), so the ATE
/// is 6. A linear model without an interaction gives every customer one effect, which is
/// the effects weighted by Var(discount | age) (customers near 45), below 6.
@Suite struct HeterogeneousEffectsTests {
    @Test func learnersThatCanBendFindTheCurveAndTheATE() throws {
        let run = try NotebookRun("HeterogeneousEffects", figures: 1)
        if let ate = run.truths["ate"] { #expect(abs(ate.value - 6) <= NotebookRun.z * ate.standardError) }
        for key in ["s-interacted", "t-linear", "x-linear", "t-trees", "x-trees", "dml-linear", "dml-trees"] {
            run.expectRecovers(key, 6)
        }
        run.expectBiased("s-by-hand", -1, from: 6)
        // The library's linear S-learner is the by-hand one.
        if let library = run.estimate("s-linear"), let hand = run.estimate("s-by-hand") {
            #expect(abs(library.value - hand.value) <= 1e-5 * abs(hand.value))
        }
        guard let spread = run.value("cate-spread"), let constant = run.value("cate-rmse.s-by-hand"),
              let line = run.value("cate-rmse.t-linear"), let lineSE = run.estimate("t-linear")?.standardError,
              let trees = run.value("cate-rmse.t-trees") else { return }
        // A constant's RMSE against the true effects is at least their standard deviation.
        #expect(constant >= spread * (1 - 1e-5))
        // The linear T-learner is right up to its two estimated coefficients: its mean squared CATE error is
        // about SE(ATE)² + SE(slope)²·Var(age) ≈ 2.5 SE(ATE)², a scaled χ²₂ whose 1e-5 tail is 11.5 times its mean.
        #expect(line <= (11.5 * 2.5).squareRoot() * lineSE, "t-linear CATE RMSE \(line), ATE SE \(lineSE)")
        // Boosted trees, told nothing of the shape, still capture most of the spread of the effects.
        #expect(trees < spread / 2)
    }
}
