import Foundation
import WhatIf

/// The impact analysis: the counterfactual and summary computed from posterior
/// draws (no MCMC), at the sizes of the reference data sets.
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
        let spec = ImpactSpecification(pre: "1:\(n - post)", post: "\(n - post + 1):\(n)")
        let data = try ImpactData(table: table, specification: spec)
        let states = (0..<draws).map { _ in data.modelResponse.indices.map { _ in random.normal() } }
        let sds = (0..<draws).map { _ in 0.5 + 0.1 * random.uniform() }
        return (data, spec, try StateDraws(states: states, observationSD: sds))
    }
}
