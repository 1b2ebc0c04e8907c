import CausalModel
import Estimators
import Probability
import Testing

/// Uplift evaluation on simulated randomised data whose unit-level effects are known:
/// the oracle ranking (by the true effect) against scores that are the true effect plus
/// noise of growing size, and against a random score.
@Suite struct UpliftSimulationTests {
    /// A randomised experiment: the treatment raises the click probability more for
    /// users with a high x2; τ(x) = logistic(−0.7 + 0.8x₁ + 0.8x₂) − logistic(−1 + 0.8x₁).
    static let model = """
        x1 = Normal(0, 1)
        x2 = Normal(0, 1)
        t ~ Bernoulli(0.5)
        y ~ Bernoulli(logistic(-1 + 0.8 * x1 + t * (0.3 + 0.8 * x2)))
        """

    /// n units: treatment, outcome and the true effect τ(xᵢ) = E[y | x, do(t = 1)] − E[y | x, do(t = 0)].
    static func sample(_ n: Int, seed: UInt64) throws -> (t: [Double], y: [Double], tau: [Double]) {
        let scm = try ModelFileParser().parse(model)
        let mean = try #require(try scm.conditionalMean(of: "y"))
        let selections = try [ColumnSelection(scm, variables: ["t", "y"])] + [1.0, 0.0].map { t in
            try ColumnSelection(scm.intervening([.set("t", to: t), .replace("y", with: mean, noise: [])]), variables: ["y"],
                                headers: ["q\(Int(t))"])
        }
        let table = try StructuralCausalModel.sample(rows: n, seed: seed, selections: selections, options: SamplingOptions(threads: 1))
        return (try table.numbers("t"), try table.numbers("y"), zip(try table.numbers("q1"), try table.numbers("q0")).map { $0 - $1 })
    }

    /// Scores τ + N(0, σ²) for growing σ, and a score of pure noise.
    static func scores(_ tau: [Double], seed: UInt64) -> [(label: String, score: [Double])] {
        let stream = RandomStream(seed: seed)
        let noise = tau.map { _ in stream.normal() }
        let sigmas = [0.02, 0.05, 0.1, 0.2, 0.5]
        return sigmas.map { s in ("σ = \(s)", zip(tau, noise).map { $0 + s * $1 }) } + [("random", noise)]
    }

    /// The oracle's true gain curve (sum of the true effects of the top x units) lies on or
    /// above every score's at every point: by construction the top x by τ have the largest
    /// sum of τ. Its expected Qini curve is the same curve times the treated share, so the
    /// oracle's Qini curve dominates in expectation too.
    @Test func theOracleDominatesEveryScore() throws {
        let data = try Self.sample(20_000, seed: 31)
        for (label, score) in Self.scores(data.tau, seed: 32) {
            let evaluation = try UpliftEvaluation(treatment: data.t, outcome: data.y, score: score, trueEffect: data.tau)
            let gain = try #require(evaluation.trueGain)
            // τ has no ties, so the oracle curve has a point at every x.
            #expect(gain.oracle.x == (0...data.tau.count).map(Double.init))
            for (x, y) in zip(gain.model.x, gain.model.y) {
                let oracle = gain.oracle.y[Int(x)]
                #expect(oracle >= y - 1e-9 * max(1, abs(y)), "\(label): at x = \(x) the score's true gain \(y) exceeds the oracle's \(oracle)")
            }
        }
    }

    /// The share of the oracle's true gain a score captures falls as its noise grows, from
    /// 1 (σ = 0 is the oracle) towards a random score's, which is near 0; the observed
    /// Qini AUC falls with it over noise levels far enough apart for its sampling error.
    @Test func noisierScoresRankWorseBetweenRandomAndOracle() throws {
        let data = try Self.sample(20_000, seed: 41)
        let evaluations = try Self.scores(data.tau, seed: 42).map { label, score in
            (label, try UpliftEvaluation(treatment: data.t, outcome: data.y, score: score, trueEffect: data.tau))
        }
        let captured = evaluations.map { $0.1.trueGain?.normalisedArea ?? .nan }
        let random = try #require(captured.last)
        #expect(abs(random) < 0.05, "a random score captures \(random) of the oracle's gain")
        for k in 1..<captured.count {
            #expect(captured[k] < captured[k - 1], "\(evaluations[k].0) captures \(captured[k]), not less than \(evaluations[k - 1].0)'s \(captured[k - 1])")
        }
        #expect(captured[0] < 1 && captured[0] > 0.9, "σ = 0.02 captures \(captured[0])")
        let oracle = try #require(evaluations[0].1.oracle)
        let qini = [oracle.qiniAuc] + [3, 5].map { evaluations[$0].1.model.qiniAuc }
        #expect(qini == qini.sorted(by: >), "Qini AUC of the oracle, σ = 0.2 and random: \(qini)")
    }
}
