import Estimators
import Foundation
import Probability

/// Every estimator of the catalog on 100,000 rows of a banner data set: prior
/// engagement confounds seeing a banner and spending,
///
///     engagement ~ Normal(50, 15);  banner ~ Bernoulli(logistic(0.05·(engagement − 50)));
///     spend = 20 + 0.3·engagement + 5·banner + Normal(0, 10),
///
/// so every effect is 5. The designs that need more structure get banner-like
/// variants of the same size: a randomised encouragement z shifting the banner's
/// log-odds by 2 (instrument), a banner shown exactly when engagement ≥ 50 (sharp
/// discontinuity), and 50,000 users over two periods with the banner in the second
/// period for an engagement-dependent half (panel). Prints the median time per estimator.
/// The environment variable `ESTIMATORS` (comma-separated names) restricts the run.
struct EstimatorBenchmarks: BenchmarkSuite {
    let name = "estimators"
    static let rows = 100_000
    static let trueEffect = 5.0
    /// Bootstrap resamples of the meta-learners here (their default is 100).
    static let bootstrapReplications = 20

    func run(quick: Bool) throws {
        let n = EstimatorBenchmarks.rows
        let sets: [(String, CausalData)] = [
            ("banner", try banner(rows: n, seed: 1)),
            ("banner + encouragement", try encouragement(rows: n, seed: 2)),
            ("banner at engagement ≥ 50", try discontinuity(rows: n, seed: 3)),
            ("banner panel (2 periods)", try panel(users: n / 2, seed: 4)),
        ]
        print("rows: \(n); true effect \(EstimatorBenchmarks.trueEffect); meta-learner bootstrap: "
              + "\(EstimatorBenchmarks.bootstrapReplications) resamples; median of \(quick ? 1 : 3) runs")
        let wanted = ProcessInfo.processInfo.environment["ESTIMATORS"].map { Set($0.split(separator: ",").map(String.init)) }
        var table: [[String]] = []
        for (label, data) in sets {
            let estimators = EstimatorCatalog.applicable(to: data.describe(),
                                                         bootstrapReplications: EstimatorBenchmarks.bootstrapReplications)
                .filter { wanted?.contains($0.name) ?? true }
            for estimator in estimators {
                var result: EffectEstimate?
                let seconds = try Stopwatch.median(repetitions: quick ? 1 : 3, warmUp: false) {
                    result = try estimator.estimate(data, seed: 7)
                }
                guard let result else { continue }
                table.append([estimator.name, label, String(format: "%.4f", result.value),
                              String(format: "%.4f", result.standardError), result.estimand.rawValue,
                              String(format: "%.4f", seconds)])
            }
        }
        printTable(["estimator", "data", "estimate", "SE", "estimand", "median s"], table)
    }

    private func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The banner data set.
    private func banner(rows n: Int, seed: UInt64) throws -> CausalData {
        let rng = RandomStream(seed: seed)
        var engagement = [Double](), shown = [Double](), spend = [Double]()
        for _ in 0..<n {
            let e = 50 + 15 * rng.normal()
            let b: Double = rng.uniform() < logistic(0.05 * (e - 50)) ? 1 : 0
            engagement.append(e)
            shown.append(b)
            spend.append(20 + 0.3 * e + 5 * b + 10 * rng.normal())
        }
        return try CausalData(columns: [("spend", spend), ("banner", shown), ("engagement", engagement)],
                              roles: Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"]))
    }

    /// The banner with a randomised encouragement that raises its log-odds by 2.
    private func encouragement(rows n: Int, seed: UInt64) throws -> CausalData {
        let rng = RandomStream(seed: seed)
        var engagement = [Double](), shown = [Double](), spend = [Double](), z = [Double]()
        for _ in 0..<n {
            let e = 50 + 15 * rng.normal()
            let zi: Double = rng.uniform() < 0.5 ? 1 : 0
            let b: Double = rng.uniform() < logistic(0.05 * (e - 50) - 1 + 2 * zi) ? 1 : 0
            engagement.append(e)
            z.append(zi)
            shown.append(b)
            spend.append(20 + 0.3 * e + 5 * b + 10 * rng.normal())
        }
        return try CausalData(columns: [("spend", spend), ("banner", shown), ("engagement", engagement), ("email", z)],
                              roles: Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"], instrument: "email"))
    }

    /// The banner shown exactly to users with engagement ≥ 50.
    private func discontinuity(rows n: Int, seed: UInt64) throws -> CausalData {
        let rng = RandomStream(seed: seed)
        var engagement = [Double](), shown = [Double](), spend = [Double]()
        for _ in 0..<n {
            let e = 50 + 15 * rng.normal()
            let b: Double = e >= 50 ? 1 : 0
            engagement.append(e)
            shown.append(b)
            spend.append(20 + 0.3 * e + 5 * b + 10 * rng.normal())
        }
        return try CausalData(columns: [("spend", spend), ("banner", shown), ("engagement", engagement)],
                              roles: Roles(outcome: "spend", treatment: "banner", runningVariable: "engagement", cutoff: 50))
    }

    /// Users over two periods; an engagement-dependent half sees the banner in period 1.
    private func panel(users: Int, seed: UInt64) throws -> CausalData {
        let rng = RandomStream(seed: seed)
        var user = [Double](), period = [Double](), shown = [Double](), spend = [Double]()
        for u in 0..<users {
            let e = 50 + 15 * rng.normal()
            let group: Double = rng.uniform() < logistic(0.05 * (e - 50)) ? 1 : 0
            for p in 0..<2 {
                let b = group * Double(p)
                user.append(Double(u))
                period.append(Double(p))
                shown.append(b)
                spend.append(20 + 0.3 * e + 2 * Double(p) + 5 * b + 10 * rng.normal())
            }
        }
        return try CausalData(columns: [("spend", spend), ("banner", shown), ("user", user), ("period", period)],
                              roles: Roles(outcome: "spend", treatment: "banner", unit: "user", period: "period"))
    }
}
