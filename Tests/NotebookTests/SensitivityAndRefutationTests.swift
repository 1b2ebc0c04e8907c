import Testing

/// Models/hidden_confounding_moderate.scm: exposure = 0.5·tenure + a·interest + N(0, 1),
/// spend = 0.5·tenure + b·interest + N(0, 1), a = 0.294884, b = 0.307438, interest hidden,
/// no effect of exposure. OLS on exposure and tenure converges to a·b / (1 + a²); the
/// interest's partial R² with exposure (given tenure) is a²/(1 + a²) = 0.08.
@Suite struct SensitivityAndRefutationTests {
    @Test func theTrueBiasLiesWithinTheSensitivityBoundAtTheConfoundersTrueStrength() throws {
        let run = try NotebookRun("SensitivityAndRefutation", figures: 1)
        let a = 0.294884, b = 0.307438
        let bias = a * b / (1 + a * a)
        #expect(run.truth("effect") == 0)
        run.expectRecovers("ols", bias)
        run.expectBiased("ols", +1, from: 0)
        // Adjusted for a confounder of the interest's true strength, the estimate returns to the truth.
        run.expectRecovers("adjusted-at-truth", 0)
        if let r2 = run.value("true-r2") { #expect(abs(r2 - a * a / (1 + a * a)) < 1e-6) }
        if let bound = run.value("bias-bound-at-truth"), let ols = run.estimate("ols") {
            #expect(ols.value <= bound + NotebookRun.z * ols.standardError, "bias \(ols.value) beyond the bound \(bound)")
        }
        // The robustness value is the strength that explains the estimate away: near the interest's own.
        if let rv = run.value("robustness-value") { #expect(rv > 0.02 && rv < 0.2, "RV \(rv)") }
    }
}
