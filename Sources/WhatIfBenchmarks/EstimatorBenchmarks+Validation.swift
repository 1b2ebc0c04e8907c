import Foundation
import WhatIf

extension EstimatorBenchmarks {
    /// The banner model as written in the catalog (Models/banner.scm).
    static let bannerModel = """
        engagement = Normal(50, 15)
        banner     ~ Bernoulli(logistic(0.05 * (engagement - 50)))
        spend      = 20 + 0.3 * engagement + 5 * banner + Normal(0, 10)
        """

    /// One whole validation run (`Benchmark`) on the banner model: the truth from
    /// 1,000,000 Monte Carlo units, then 20 replications of 10,000 rows with every
    /// applicable estimator that does not use boosted trees, on 2 threads. Prints the
    /// median wall-clock time of the run.
    func validationRun(quick: Bool) throws {
        let model = try ModelFileParser(file: "banner.scm").parse(Self.bannerModel)
        let names = ["difference-in-means", "regression-adjustment", "stratification-propensity-5", "ipw-horvitz-thompson",
                     "ipw", "aipw", "psm-nearest-1", "s-learner-linear", "t-learner-linear", "x-learner-linear",
                     "dml-irm-linear", "dml-plr-linear"]
        let options = BenchmarkOptions(rows: 10_000, replications: 20, seed: 1, estimators: names, threads: 2)
        let benchmark = try Benchmark(model: model, treatment: "banner", outcome: "spend", options: options)
        var report: BenchmarkReport?
        let seconds = try Stopwatch.median(repetitions: quick ? 1 : 3, warmUp: false) { report = try benchmark.run() }
        let flagged = report?.estimators.filter(\.isBiased).map(\.name).joined(separator: ", ") ?? ""
        print("")
        print("whole validation run (banner model; truth from \(options.truthUnits) units; \(options.replications) replications "
            + "of \(options.rows) rows; \(names.count) estimators without boosted trees; 2 threads): "
            + String(format: "median %.2f s", seconds) + (flagged.isEmpty ? "" : "; flagged as biased: \(flagged)"))
    }
}
