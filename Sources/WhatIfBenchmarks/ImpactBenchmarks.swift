import Foundation
import TestSupport
import WhatIf

/// The impact analysis: the counterfactual and summary computed from posterior
/// draws (no MCMC), at the sizes of the reference data sets; and the whole analysis
/// (CSV table → MCMC → summary) on the reference data, against R CausalImpact's
/// recorded time and the fastest port (Rust) timed in the same run.
///
///     swift run -c release WhatIfBenchmarks impact
struct ImpactBenchmarks: BenchmarkSuite {
    let name = "impact"

    func run(quick: Bool) throws {
        let repetitions = quick ? 3 : 9
        var rows: [[String]] = []
        for (label, n, post, draws) in [("canonical size", 100, 30, 1000), ("large_sparse size", 2000, 200, 1000)] {
            let (data, spec, states) = try Self.fabricated(rows: n, post: post, draws: draws)
            let seconds = try Stopwatch.median(repetitions: repetitions) {
                _ = try ImpactAnalysis.run(data: data, specification: spec) { _ in states }
            }
            rows.append(["\(label): \(n) rows × \(draws) draws", String(format: "%.4f", seconds),
                         String(format: "%.1f", seconds / Double(n * draws) * 1e9)])
        }
        printTable(["analysis from draws", "median s", "ns per draw·row"], rows)
        print("")
        try runWholeAnalyses(repetitions: quick ? 3 : 7, timePeer: !quick)
    }

    /// Wall time of `ImpactAnalysis.run` at 1000 iterations (CSV table to summary),
    /// beside R's recorded time and the Rust port timed in the same run (when
    /// `python3 -c "import causal_impact"` works; PyPI package `bsts-causalimpact`).
    func runWholeAnalyses(repetitions: Int, timePeer: Bool) throws {
        let peers = (try? Data(contentsOf: URL(fileURLWithPath: bstsReferencePath("timings.json"))))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        var rows: [[String]] = []
        for set in BSTSBenchmarks.dataSets {
            let table = try CSVReader.read(path: bstsReferencePath("\(set.name)/data.csv"))
            let spec = ImpactSpecification(pre: .rows(1...set.preEnd), post: .rows((set.preEnd + 1)...table.rowCount))
            let seconds = try Stopwatch.median(repetitions: repetitions) {
                _ = try ImpactAnalysis.run(table: table, specification: spec)
            }
            let r = (peers?["r_same_run"] as? [String: Double])?["\(set.name)_1000"]
            let rust = timePeer ? BSTSBenchmarks.timeRustPort(set) : nil
            rows.append(["\(set.name), 1000 iterations", String(format: "%.4f", seconds),
                         r.map { String(format: "%.3f (%.0f×)", $0, $0 / seconds) } ?? "–",
                         rust.map { String(format: "%.4f (%.1f×)", $0, $0 / seconds) } ?? "not installed"])
        }
        printTable(["whole analysis (median)", "whatif s", "R CausalImpact s (R / whatif)", "Rust port, same run s (Rust / whatif)"], rows)
    }

    /// A random-walk series with `rows` rows (the last `post` after the intervention) and
    /// `draws` fabricated posterior draws of its state.
    static func fabricated(rows n: Int, post: Int, draws: Int) throws -> (ImpactData, ImpactSpecification, StateDraws) {
        let random = RandomStream(seed: 5, path: [0x696d_7061_6374])   // "impact"
        var level = 0.0
        let y = (0..<n).map { _ -> Double in
            level += 0.1 * random.normal()
            return level + random.normal()
        }
        let table = try Table(numericColumns: [("y", y)], source: "benchmark")
        let spec = ImpactSpecification(pre: .rows(1...(n - post)), post: .rows((n - post + 1)...n))
        let data = try ImpactData(table: table, specification: spec)
        let states = (0..<draws).map { _ in data.modelResponse.indices.map { _ in random.normal() } }
        let sds = (0..<draws).map { _ in 0.5 + 0.1 * random.uniform() }
        return (data, spec, try StateDraws(states: states, observationSD: sds))
    }
}

/// Calibration of the whole analysis (MCMC included) on simulated series with a known
/// effect (`ImpactCalibration`): coverage of the 95% interval, and the tail-area
/// probability's distribution without an effect; for CausalImpact's default model on a
/// local level, and for `--trend linear` on a local linear trend under both presets.
/// The unit tests run smaller versions.
///
///     swift run -c release WhatIfBenchmarks impact-calibration
struct ImpactCalibrationBenchmarks: BenchmarkSuite {
    let name = "impact-calibration"

    func run(quick: Bool) throws {
        let replications = quick ? 200 : 1000, iterations = 1000
        var rows: [[String]] = []
        let scenarios: [(String, ImpactCalibration.Scenario)] = [
            ("local level, causalimpact", .localLevel),
            ("linear trend, causalimpact", .localLinearTrend(.causalImpact)),
            ("linear trend, bsts", .localLinearTrend(.bsts)),
        ]
        for (label, scenario) in scenarios {
            for effect in [1.0, 0.0] {
                var outcomes: [ImpactCalibration.Outcome] = []
                let seconds = try Stopwatch.time {
                    outcomes = try ImpactCalibration.run(replications: replications, iterations: iterations,
                                                         effect: effect, seed: 9001, threads: 2, scenario: scenario)
                }
                let n = Double(outcomes.count)
                let coverage = Double(outcomes.filter(\.covered).count) / n
                let ps = outcomes.map(\.tailProbability).sorted()
                let small = Double(ps.filter { $0 <= 0.05 }.count) / n
                // Kolmogorov–Smirnov distance from Uniform(0, 1/2].
                var ks = 0.0
                for (i, p) in ps.enumerated() {
                    let cdf = 2 * p
                    ks = max(ks, abs(Double(i + 1) / n - cdf), abs(Double(i) / n - cdf))
                }
                rows.append([label, String(format: "%.1f", effect), "\(replications)",
                             String(format: "%.3f ± %.3f", coverage, (coverage * (1 - coverage) / n).squareRoot()),
                             String(format: "%.3f", ps.reduce(0, +) / n), String(format: "%.3f", small),
                             String(format: "%.3f", ks), String(format: "%.1f", seconds)])
            }
        }
        printTable(["scenario", "effect", "replications", "95% coverage", "mean p", "P(p ≤ 0.05)", "KS vs U(0,½)",
                    "seconds"], rows)
        print("(no effect: mean p should be 0.25, P(p ≤ 0.05) 0.10; KS critical value at 1%: \(String(format: "%.3f", 1.63 / Double(replications).squareRoot())))")
    }
}
