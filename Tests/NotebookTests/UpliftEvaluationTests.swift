import Foundation
import Testing

/// The notebook's coupon model: purchase ~ Bernoulli(logistic(−1 + 0.5·loyalty − recency
/// + coupon·(−1.2 + 0.6·loyalty + 8·recency·(1 − recency)))), loyalty ~ N(0, 1),
/// recency ~ U(0, 1), the coupon randomised. The oracle ranks by the true effects, so no
/// score's true gain exceeds its; a linear T-learner misses the hump in recency.
@Suite struct UpliftEvaluationTests {
    /// E[τ] by the midpoint rule over loyalty (±8 standard deviations) and recency.
    static func averageEffect() -> Double {
        func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        let (m, k) = (1_600, 400)
        var sum = 0.0, weights = 0.0
        for i in 0..<m {
            let l = -8 + 16 * (Double(i) + 0.5) / Double(m), w = exp(-l * l / 2)
            for j in 0..<k {
                let r = (Double(j) + 0.5) / Double(k), base = -1 + 0.5 * l - r
                sum += w * (logistic(base - 1.2 + 0.6 * l + 8 * r * (1 - r)) - logistic(base))
            }
            weights += w * Double(k)
        }
        return sum / weights
    }

    @Test func theOracleRanksBestTheLinearTLearnerMissesTheHumpAndARandomScoreGainsNothing() throws {
        let run = try NotebookRun("UpliftEvaluation", figures: 1)
        // The sample's mean effect against the population's (effects spread by < 0.5, 20,000 units: SE < 0.004).
        if let ate = run.truth("ate") { #expect(abs(ate - Self.averageEffect()) < NotebookRun.z * 0.5 / 20_000.0.squareRoot()) }
        if let oracle = run.value("qini.oracle"), let linear = run.value("qini.linear"), let quadratic = run.value("qini.quadratic"),
           let random = run.value("qini.random") {
            #expect(oracle > linear && quadratic > linear && linear > random, "Qini AUCs \(oracle), \(quadratic), \(linear), \(random)")
        }
        if let linear = run.value("gain.linear"), let quadratic = run.value("gain.quadratic"), let random = run.value("gain.random") {
            #expect(linear > 0.3 && linear < 0.9, "the linear T-learner captures \(linear) of the oracle's true gain")
            #expect(quadratic > linear && quadratic <= 1, "recency² captures \(quadratic)")
            #expect(abs(random) < 0.1, "a random score captures \(random)")
        }
    }
}
