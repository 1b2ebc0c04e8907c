import Estimators
import Foundation
import Probability
import Tabular

/// Off-policy evaluation and uplift evaluation at scale, on one core:
///
/// - every off-policy estimator on 10⁶ logged rounds with 10 actions: contexts x ~ N(0, I₂),
///   expected reward q(x, a) = logistic(cₐ + bₐᵀx), logging policy softmax(0.5·(cₐ + bₐᵀx) rotated),
///   target softmax(2·(cₐ + bₐᵀx)), reward model q + 0.03 (biased), Bernoulli rewards;
/// - the uplift evaluation (curves, AUCs, uplift at k, and with true effects the oracle and
///   true gain curves) of 10⁶ randomised units whose score, rounded to 3 decimals, has ties.
///
/// Prints the median seconds of each (the goal: under a second each).
struct DecisionBenchmarks: BenchmarkSuite {
    let name = "decisions"
    static let rounds = 1_000_000
    static let actions = 10

    func run(quick: Bool) throws {
        let repetitions = quick ? 1 : 5
        let (data, truth) = try Self.loggedRounds(seed: 1)
        print("off-policy evaluation: \(Self.rounds) rounds, \(Self.actions) actions; true value \(String(format: "%.5f", truth)); "
              + "median of \(repetitions) runs, one core")
        var rows: [[String]] = []
        let table = try Self.table(data)
        let reading = try Stopwatch.median(repetitions: repetitions) {
            _ = try LoggedBandit(table: table, action: "action", reward: "reward", propensity: "pscore", targetPrefix: "pi",
                                 rewardModelPrefix: "q")
        }
        rows.append(["checking the logged data (LoggedBandit)", "", "", String(format: "%.4f", reading)])
        for method in OffPolicyEstimator.Method.allCases {
            var estimate: EffectEstimate?
            let seconds = try Stopwatch.median(repetitions: repetitions) { estimate = try OffPolicyEstimator(method).estimate(data) }
            rows.append([method.rawValue, String(format: "%.5f", estimate?.value ?? .nan), String(format: "%.5f", estimate?.standardError ?? .nan),
                         String(format: "%.4f", seconds)])
        }
        printTable(["estimator", "estimate", "SE", "median s"], rows)

        let (t, y, score, tau) = Self.randomisedUnits(seed: 2)
        print("")
        print("uplift evaluation: \(Self.rounds) units, \(Set(score).count) distinct scores; median of \(repetitions) runs, one core")
        var evaluation: UpliftEvaluation?
        let plain = try Stopwatch.median(repetitions: repetitions) { evaluation = try UpliftEvaluation(treatment: t, outcome: y, score: score) }
        let oracle = try Stopwatch.median(repetitions: repetitions) {
            _ = try UpliftEvaluation(treatment: t, outcome: y, score: score, trueEffect: tau)
        }
        printTable(["evaluation", "Qini AUC", "uplift AUC", "median s"], [
            ["curves, AUCs, uplift at 10% and 30%", String(format: "%.5f", evaluation?.model.qiniAuc ?? .nan),
             String(format: "%.5f", evaluation?.model.upliftAuc ?? .nan), String(format: "%.4f", plain)],
            ["… and the oracle and true gain curves", "", "", String(format: "%.4f", oracle)],
        ])
    }

    private static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The logged rounds and the target's true value (1/n) Σᵢ Σₐ π(a | xᵢ) q(xᵢ, a).
    static func loggedRounds(seed: UInt64) throws -> (LoggedBandit, Double) {
        let n = rounds, k = actions
        let rng = RandomStream(seed: seed)
        let c = (0..<k).map { -1 + 0.15 * Double($0) }, b1 = (0..<k).map { sin(Double($0)) }, b2 = (0..<k).map { cos(Double($0)) }
        var actions = [Int](repeating: 0, count: n), rewards = [Double](repeating: 0, count: n), pscore = [Double](repeating: 0, count: n)
        var target = [Double](repeating: 0, count: n * k), model = [Double](repeating: 0, count: n * k)
        var truth = 0.0
        var score = [Double](repeating: 0, count: k), logging = [Double](repeating: 0, count: k)
        for i in 0..<n {
            let x1 = rng.normal(), x2 = rng.normal()
            for a in 0..<k { score[a] = c[a] + b1[a] * x1 + b2[a] * x2 }
            softmax(score.map { 0.5 * $0 }.reversed(), into: &logging)
            var targetRow = [Double](repeating: 0, count: k)
            softmax(score.map { 2 * $0 }, into: &targetRow)
            var u = rng.uniform(), chosen = k - 1
            for a in 0..<k {
                u -= logging[a]
                if u < 0 { chosen = a; break }
            }
            for a in 0..<k {
                let q = logistic(score[a])
                target[i * k + a] = targetRow[a]
                model[i * k + a] = min(1, q + 0.03)
                truth += targetRow[a] * q
            }
            actions[i] = chosen
            pscore[i] = logging[chosen]
            rewards[i] = rng.uniform() < logistic(score[chosen]) ? 1 : 0
        }
        return (try LoggedBandit(actions: actions, rewards: rewards, propensities: pscore, actionCount: k, targetProbabilities: target,
                                 rewardModel: model), truth / Double(n))
    }

    /// exp(s − max s) normalised, written into `out`.
    private static func softmax(_ s: [Double], into out: inout [Double]) {
        let top = s.max() ?? 0
        var total = 0.0
        for a in s.indices {
            out[a] = exp(s[a] - top)
            total += out[a]
        }
        for a in s.indices { out[a] /= total }
    }

    /// The logged rounds as a table with the command line's columns (action, reward,
    /// pscore, pi0…, q0…), to time the checks of reading them.
    static func table(_ data: LoggedBandit) throws -> Table {
        let k = data.actionCount
        var columns: [(String, [Double])] = [("action", data.actions.map(Double.init)), ("reward", data.rewards), ("pscore", data.propensities)]
        for a in 0..<k { columns.append(("pi\(a)", (0..<data.rounds).map { data.targetProbabilities[$0 * k + a] })) }
        for a in 0..<k { columns.append(("q\(a)", (0..<data.rounds).map { data.rewardModel![$0 * k + a] })) }
        return try Table(numericColumns: columns)
    }

    /// Randomised units: treatment, binary outcome, a score rounded to 3 decimals (ties)
    /// and the true effect τ(x) = logistic(−0.7 + 0.8x₁ + 0.8x₂) − logistic(−1 + 0.8x₁).
    static func randomisedUnits(seed: UInt64) -> ([Double], [Double], [Double], [Double]) {
        let n = rounds, rng = RandomStream(seed: seed)
        var t = [Double](repeating: 0, count: n), y = t, score = t, tau = t
        for i in 0..<n {
            let x1 = rng.normal(), x2 = rng.normal()
            let p0 = logistic(-1 + 0.8 * x1), p1 = logistic(-0.7 + 0.8 * x1 + 0.8 * x2)
            t[i] = rng.uniform() < 0.5 ? 1 : 0
            y[i] = rng.uniform() < (t[i] == 1 ? p1 : p0) ? 1 : 0
            tau[i] = p1 - p0
            score[i] = ((tau[i] + 0.05 * rng.normal()) * 1000).rounded() / 1000
        }
        return (t, y, score, tau)
    }
}
