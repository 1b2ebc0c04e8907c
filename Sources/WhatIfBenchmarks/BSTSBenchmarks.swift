import BSTS
import Foundation
import Tabular

/// Fits CausalImpact's default model (1000 iterations, one chain) to the
/// reference data sets `canonical` (100 points, 1 covariate) and `large_sparse`
/// (2,000 points, 10 covariates), standardised as CausalImpact does, and times
/// the fit in-process (release-build medians). When the Python package
/// `bsts-causalimpact` (Rust Gibbs sampler; imports as `causal_impact`) is
/// installed, its `CausalImpact()` call on the same data is timed in the same run.
/// R's times are from the reference `timings.json` (`r_same_run`), copied into Tests/BSTSTests/Reference.
struct BSTSBenchmarks: BenchmarkSuite {
    let name = "bsts"
    static let reference = bstsReferencePath("")

    struct DataSet {
        let name: String
        let preEnd: Int            // last pre-period row, 1-based
        let rSeconds: Double       // timings.json r_same_run
    }

    static let dataSets = [
        DataSet(name: "canonical", preEnd: 70, rSeconds: 0.48),
        DataSet(name: "large_sparse", preEnd: 1800, rSeconds: 6.0),
    ]

    func run(quick: Bool) throws {
        var rows: [[String]] = []
        var agreement: [[String]] = []
        for set in Self.dataSets {
            let table = try CSVReader.read(path: "\(Self.reference)/\(set.name)/data.csv")
            let prepared = try Self.standardise(table, preEnd: set.preEnd)
            let options = SamplerOptions(iterations: 1000, seed: 1, chains: 1)
            let repetitions = quick ? 3 : (prepared.response.count > 500 ? 9 : 31)
            var posterior: BSTSPosterior?
            let seconds = try Stopwatch.median(repetitions: repetitions) {
                let prepared = try Self.standardise(table, preEnd: set.preEnd)
                posterior = try BSTSModel.fit(response: prepared.response, covariates: prepared.covariates,
                                              covariateNames: prepared.names, model: ModelOptions(), sampler: options)
            }
            let rust = quick ? nil : Self.timeRustPort(set)
            rows.append([
                set.name, String(format: "%.4f", seconds), String(format: "%.3f", set.rSeconds),
                String(format: "%.0f×", set.rSeconds / seconds),
                rust.map { String(format: "%.4f", $0) } ?? "n/a",
                rust.map { String(format: "%.1f×", $0 / seconds) } ?? "n/a",
            ])
            if let posterior { agreement.append(try Self.agreement(set, posterior, prepared)) }
        }
        printTable(["data set (niter 1000)", "WhatIf s", "R s", "R / WhatIf", "Rust port s", "Rust / WhatIf"], rows)
        print("")
        printTable(["data set", "sigma.obs (R)", "sigma.level (R)", "burn (R)", "post pred mean (R)"], agreement)
    }

    struct Prepared {
        let response: [Double]
        let covariates: [[Double]]
        let names: [String]
        let mean: Double
        let sd: Double
        let preEnd: Int
    }

    /// CausalImpact's preparation: every column shifted and scaled by its pre-period
    /// mean and sd; post-period response set to NaN.
    static func standardise(_ table: Table, preEnd: Int) throws -> Prepared {
        func moments(_ x: [Double]) -> (Double, Double) {
            let pre = x.prefix(preEnd).filter { !$0.isNaN }
            let mean = pre.reduce(0, +) / Double(pre.count)
            let sd = (pre.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(pre.count - 1)).squareRoot()
            return (mean, sd)
        }
        let y = try table.numbers("y")
        let (my, sy) = moments(y)
        let response = y.enumerated().map { $0.offset < preEnd ? ($0.element - my) / sy : .nan }
        let names = table.names.filter { $0 != "y" && $0 != "t" }
        let covariates = try names.map { name -> [Double] in
            let x = try table.numbers(name)
            let (mx, sx) = moments(x)
            return x.map { sx > 0 ? ($0 - mx) / sx : $0 - mx }
        }
        return Prepared(response: response, covariates: covariates, names: names, mean: my, sd: sy, preEnd: preEnd)
    }

    /// Our posterior means beside R's (result.json): σ_obs, σ_level, burn-in and the
    /// post-period mean of the point prediction on the original scale.
    static func agreement(_ set: DataSet, _ posterior: BSTSPosterior, _ prepared: Prepared) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(reference)/\(set.name)/result.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let model = json["model"] as? [String: Any] ?? [:]
        let summary = (json["summary"] as? [String: Any])?["average"] as? [String: Any] ?? [:]
        let n = prepared.response.count
        var post = 0.0
        for draw in posterior.stateContributions { for t in prepared.preEnd..<n { post += draw[t] } }
        post = post / Double(posterior.stateContributions.count * (n - prepared.preEnd)) * prepared.sd + prepared.mean
        func pair(_ ours: Double, _ theirs: Any?) -> String {
            String(format: "%.4f (%.4f)", ours, (theirs as? Double) ?? .nan)
        }
        return [
            set.name,
            pair(posterior.standardDeviations[0].mean, model["sigma_obs_mean"]),
            pair(posterior.standardDeviations[1].mean, model["sigma_level_mean"]),
            "\(posterior.burnIn[0]) (\(model["burn"] as? Int ?? -1))",
            pair(post, summary["pred_mean"]),
        ]
    }

    /// Median of 3 in-process timings of the Rust port's `CausalImpact()` call, or nil.
    static func timeRustPort(_ set: DataSet) -> Double? {
        let script = """
        import time, statistics, pandas as pd
        from causal_impact import CausalImpact
        data = pd.read_csv('\(reference)/\(set.name)/data.csv').drop(columns=['t'])
        n = len(data)
        args = dict(pre_period=[0, \(set.preEnd - 1)], post_period=[\(set.preEnd), n - 1], model_args={'niter': 1000})
        CausalImpact(data, **args)
        times = []
        for _ in range(3):
            start = time.perf_counter(); CausalImpact(data, **args); times.append(time.perf_counter() - start)
        print(statistics.median(times))
        """
        guard let output = shell("python3 -c \"\(script.replacingOccurrences(of: "\"", with: "\\\""))\"") else { return nil }
        return Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
