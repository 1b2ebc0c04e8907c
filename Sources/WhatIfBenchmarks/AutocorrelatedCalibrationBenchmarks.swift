import Foundation
import TestSupport
import Validation
import WhatIf

/// The calibration study of issue 17: R's `calibration_ar1` generator (`AutocorrelatedSeries`:
/// weekly seasonality, AR(1) noise with φ = 0.8, a random-walk covariate, 14-day tests; 200
/// series, half with an effect of 2) analysed by WhatIf, each analysis with the model's own
/// 95% intervals and with intervals calibrated by a 20-window placebo backtest
/// (`PlaceboCalibration`). Coverage is over all series; false positives over the no-effect half.
/// R's rates (from the reference `summary.json`) are printed beside the model's own, with the
/// z-score of the difference of the two proportions (binomial SEs of both studies).
///
///     swift run -c release WhatIfBenchmarks impact-calibration-ar1
struct AutocorrelatedCalibrationBenchmarks: BenchmarkSuite {
    let name = "impact-calibration-ar1"

    /// An analysis of the study: its label, the key of R's result for the same call (if
    /// any), and how it sets the specification.
    struct Variant {
        let label: String
        let rKey: String?
        let configure: @Sendable (inout ImpactSpecification) -> Void
    }

    /// The analyses compared: R's two, and the AR(1) noise state R's study did not try.
    static let variants: [Variant] = [
        Variant(label: "default", rKey: "default") { _ in },
        Variant(label: "--seasons 7", rKey: "nseasons7") { $0.model.seasons = 7 },
        Variant(label: "--ar 1", rKey: nil) { $0.model.autoregressiveOrder = 1 },
        Variant(label: "--ar 1 --seasons 7", rKey: nil) {
            $0.model.autoregressiveOrder = 1
            $0.model.seasons = 7
        },
    ]

    /// One series' outcome: the model's and the calibrated interval of the average effect, p and the truth.
    struct Outcome: Sendable {
        let model: PosteriorEstimate
        let calibrated: PosteriorEstimate
        let tailProbability: Double
        let truth: Double
    }

    func run(quick: Bool) throws {
        let series = quick ? 60 : 200, windows = 20
        let reference = try Self.rResults()
        var rows: [[String]] = []
        for variant in Self.variants {
            var outcomes: [Outcome] = []
            let seconds = try Stopwatch.time { outcomes = try Self.study(variant, series: series, windows: windows) }
            let r = variant.rKey.flatMap { reference[$0] }
            rows.append(Self.row(variant.label + ", model's intervals", outcomes.map { ($0.model, $0.tailProbability, $0.truth) },
                                 r: r, seconds: seconds))
            rows.append(Self.row(variant.label + ", placebo-calibrated", outcomes.map { ($0.calibrated, .nan, $0.truth) },
                                 r: nil, seconds: nil))
        }
        printTable(["analysis (\(series) series)", "95% coverage", "R", "z", "flagged: interval", "R", "flagged: p < 0.05",
                    "R", "seconds"], rows)
        print("(targets: the model's rates match R's within binomial error (|z| < 2); placebo-calibrated coverage "
            + "93–97%, no-effect series flagged ≤ 6%; \(windows) placebo windows per series)")
    }

    /// Every series of the study analysed with `variant` and its placebo backtest, on every core.
    static func study(_ variant: Variant, series: Int, windows: Int) throws -> [Outcome] {
        try runReplications(count: series, threads: ProcessInfo.processInfo.activeProcessorCount) { r in
            try analyse(r + 1, variant, windows: windows)
        }
    }

    static func analyse(_ id: Int, _ variant: Variant, windows: Int) throws -> Outcome {
        let (y, x1, truth) = AutocorrelatedSeries.series(id, seed: 17_2026)
        let pre = AutocorrelatedSeries.preRows, n = y.count
        var spec = ImpactSpecification(pre: .rows(1...pre), post: .rows((pre + 1)...n))
        spec.sampler.seed = UInt64(id)
        variant.configure(&spec)
        let table = try Table(numericColumns: [("y", y), ("x1", x1)], source: "series \(id)")
        let summary = try ImpactAnalysis.run(table: table, specification: spec).summary
        let backtest = try PlaceboBacktest.run(table: table, specification: spec, windows: windows, threads: 1)
        let effect = summary.average.absoluteEffect
        return Outcome(model: effect, calibrated: backtest.calibration.calibrated(effect),
                       tailProbability: summary.tailProbability, truth: truth)
    }

    /// A table row: coverage over all series, flagged shares over the no-effect ones, beside R's.
    static func row(_ label: String, _ outcomes: [(PosteriorEstimate, Double, Double)], r: [String: Any]?,
                    seconds: Double?) -> [String] {
        let n = Double(outcomes.count)
        let covered = Double(outcomes.filter { $0.0.lower <= $0.2 && $0.2 <= $0.0.upper }.count) / n
        let nulls = outcomes.filter { $0.2 == 0 }
        let flaggedInterval = Double(nulls.filter { $0.0.lower > 0 || $0.0.upper < 0 }.count) / Double(nulls.count)
        let flaggedP = nulls.first?.1.isNaN == false ? Double(nulls.filter { $0.1 < 0.05 }.count) / Double(nulls.count) : Double.nan
        let rCoverage = r?["coverage_95"] as? Double, rSeries = (r?["n_series"] as? Double) ?? 200
        func share(_ p: Double, _ count: Double) -> String {
            p.isNaN ? "—" : String(format: "%.3f ± %.3f", p, (p * (1 - p) / count).squareRoot())
        }
        var z = "—"
        if let rCoverage {
            let se = (covered * (1 - covered) / n + rCoverage * (1 - rCoverage) / rSeries).squareRoot()
            z = String(format: "%+.1f", (covered - rCoverage) / se)
        }
        return [label, share(covered, n), rCoverage.map { String(format: "%.3f", $0) } ?? "—", z,
                share(flaggedInterval, Double(nulls.count)),
                (r?["false_positive_rate_interval"] as? Double).map { String(format: "%.3f", $0) } ?? "—",
                share(flaggedP, Double(nulls.count)),
                (r?["false_positive_rate_p"] as? Double).map { String(format: "%.3f", $0) } ?? "—",
                seconds.map { String(format: "%.1f", $0) } ?? ""]
    }

    /// R's results per setting, from the reference copied into the CausalImpact tests.
    static func rResults() throws -> [String: [String: Any]] {
        let path = URL(fileURLWithPath: bstsReferencePath("")).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CausalImpactTests/Reference/calibration_ar1/summary.json")
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: path))
        return ((object as? [String: Any])?["results"] as? [String: [String: Any]]) ?? [:]
    }
}
