import Foundation
import Testing

/// Models/simpsons_paradox.scm: the total effect of gender is 0.05 − 0.4 (logistic(1) −
/// logistic(−1)), the direct effect 0.05; the notebook's trial model has the same joint
/// distribution with the arrow reversed, and its drug effect is 0.05.
@Suite struct SimpsonsParadoxTests {
    @Test func oneTableTwoStoriesTwoRightAnswers() throws {
        let run = try NotebookRun("SimpsonsParadox", figures: 3)
        let logistic = { (x: Double) in 1 / (1 + exp(-x)) }
        let total = 0.05 - 0.4 * (logistic(1) - logistic(-1))
        for (key, value) in [("total", total), ("direct", 0.05), ("trial", 0.05)] {
            if let truth = run.truths[key] {
                #expect(abs(truth.value - value) <= NotebookRun.z * truth.standardError, "\(key): \(truth) against \(value)")
            } else {
                Issue.record("no truth \(key)")
            }
        }
        // Story A (department a mediator): the crude contrast is the total effect; the adjusted one is the direct effect.
        run.expectRecovers("crude", total)
        run.expectBiased("adjusted", +1, from: total)
        run.expectRecovers("adjusted", 0.05)
        // Story B (severity a confounder): the same numbers, the other one right.
        run.expectRecovers("trial.adjusted", 0.05)
        run.expectBiased("trial.crude", -1, from: 0.05)
    }
}
