import Foundation
import WhatIf

/// The placebo backtest's wall time: 20 windows of the canonical data set (100 points,
/// pre-period 1–70, post 71–100, one covariate, 1000 iterations), on 1 and 2 threads,
/// beside one analysis of the whole series in the same run (the backtest's unit of work).
///
///     swift run -c release WhatIfBenchmarks placebo
struct PlaceboBenchmarks: BenchmarkSuite {
    let name = "placebo"

    func run(quick: Bool) throws {
        let repetitions = quick ? 3 : 9
        let table = try CSVReader.read(path: bstsReferencePath("canonical/data.csv"))
        let spec = ImpactSpecification(pre: .rows(1...70), post: .rows(71...100))
        let single = try Stopwatch.median(repetitions: repetitions) { _ = try ImpactAnalysis.run(table: table, specification: spec) }
        var rows = [["one analysis (canonical, 1000 iterations)", NumberFormatting.seconds(single), "–"]]
        for threads in [1, 2] {
            let seconds = try Stopwatch.median(repetitions: repetitions) {
                _ = try PlaceboBacktest.run(table: table, specification: spec, windows: 20, threads: threads)
            }
            rows.append(["20-window backtest, \(threads) \(threads == 1 ? "thread" : "threads")",
                         NumberFormatting.seconds(seconds), String(format: "%.1f", seconds / single)])
        }
        printTable(["work (median)", "seconds", "× one analysis"], rows)
        print("(target: the 20-window backtest under 0.2 s on 2 cores)")
    }
}
