import Testing

/// Models/collider.scm, by hand: a smoker without asbestos has cancer when U < 0.17, and
/// would have without smoking when U < 0.02, so P = 0.02/0.17. Smoking adds 0.15 to every
/// risk: PNS = 0.15, ETT = 0.15; P(cancer | smoker) = 0.9 · 0.17 + 0.1 · 0.37 = 0.19, so
/// PN = 0.15/0.19; P(no cancer | non-smoker) = 0.9 · 0.98 + 0.1 · 0.78 = 0.96, so PS = 0.15/0.96.
@Suite struct CounterfactualStepsTests {
    @Test func theThreeStepsGiveTheHandAnswersInsideTheirBounds() throws {
        let run = try NotebookRun("CounterfactualSteps", figures: 1)
        #expect(run.value("unit.cancer-without-smoking.exact") == 1)
        // Exact answers, printed to six significant digits.
        for (key, value) in [("unit.cancer-without-smoking", 0.02 / 0.17), ("ett", 0.15), ("pn", 0.15 / 0.19),
                             ("ps", 0.15 / 0.96), ("pns", 0.15)] {
            if let printed = run.value(key) { #expect(abs(printed - value) <= 1e-5 * value, "\(key): \(printed) against \(value)") }
            if ["pn", "ps", "pns"].contains(key), let lower = run.value("\(key).lower"), let upper = run.value("\(key).upper") {
                #expect(lower - 1e-5 <= value && value <= upper + 1e-5, "\(key) outside [\(lower), \(upper)]")
            }
        }
    }
}
