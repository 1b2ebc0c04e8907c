import CausalModel
import Estimators
import Foundation
import ModelCatalog
import Reporting
import Tabular
import Trust

/// Issue 13's figures: the speed of simulated power curves, the A/A false-positive rate,
/// simulated against analytic power, agreement with the reference answers, the placebo
/// refuter's alarm rate, and the hidden-confounder check.
struct TrustBenchmarks: BenchmarkSuite {
    let name = "trust"

    func run(quick: Bool) throws {
        try powerSpeed(quick: quick)
        try aaAndAgreement(quick: quick)
        try referenceAgreement()
        try placeboRate(quick: quick)
        try hiddenConfounding(quick: quick)
    }

    /// A 20-point power curve of 1,000 experiments a point on the banner model, three ways.
    private func powerSpeed(quick: Bool) throws {
        let population = PowerPopulation.model(try ModelCatalog.load("banner"), treatment: "banner", outcome: "spend")
        let grids: [(String, [Int], [Double])] = [
            ("20 sizes 500…10,000, effect 1", Array(stride(from: 500, through: 10_000, by: 500)), [1]),
            ("20 sizes 9,050…10,000, effect 1", Array(stride(from: 9_050, through: 10_000, by: 50)), [1]),
            ("10,000 rows, 20 effects 0…1.9", [10_000], (0..<20).map { Double($0) / 10 }),
        ]
        var rows: [[String]] = []
        for (label, sizes, effects) in grids {
            let options = PowerOptions(rows: sizes, effects: effects, replications: 1000, seed: 1)
            let seconds = try Stopwatch.median(repetitions: quick ? 1 : 3, warmUp: false) {
                _ = try PowerSimulation(population: population, options: options).run()
            }
            let units = sizes.reduce(0, +) * 1000
            rows.append([label, NumberFormatting.grouped(Double(units), decimals: 0), String(format: "%.2f", seconds),
                         String(format: "%.1f", Double(units) / seconds / 1e6)])
        }
        print("Power curves, banner model, 1,000 experiments a point, \(ProcessInfo.processInfo.activeProcessorCount) threads (median):")
        printTable(["grid", "units sampled", "seconds", "M units/s"], rows)
        print("")
    }

    /// A/A false-positive rates over 2,000 experiments and simulated against analytic power.
    private func aaAndAgreement(quick: Bool) throws {
        let replications = quick ? 500 : 2000
        let cases: [(String, PowerPopulation, [Int], [Double])] = [
            ("banner (t test)", .model(try ModelCatalog.load("banner"), treatment: "banner", outcome: "spend"), [100, 400, 1600], [0, 2, 4]),
            ("simpsons_paradox (proportions)", .model(try ModelCatalog.load("simpsons_paradox"), treatment: "female", outcome: "admitted"),
             [400, 1600, 6400], [0, 0.03, 0.06]),
        ]
        var rows: [[String]] = []
        for (label, population, sizes, effects) in cases {
            let report = try PowerSimulation(population: population,
                                             options: PowerOptions(rows: sizes, effects: effects, replications: replications, seed: 7)).run()
            for p in report.points {
                let inside = p.analyticPower.map { p.interval.contains($0) ? "yes" : "NO" } ?? "—"
                rows.append([label, String(p.rows), NumberFormatting.general(p.effect), String(format: "%.4f", p.rejectionRate),
                             String(format: "[%.4f, %.4f]", p.interval.lower, p.interval.upper),
                             p.analyticPower.map { String(format: "%.4f", $0) } ?? "—", inside])
            }
        }
        print("Rejection rates over \(replications) experiments (effect 0: A/A), seed 7:")
        printTable(["population", "rows", "effect", "rate", "95% interval", "analytic", "analytic inside"], rows)
        print("")
    }

    /// The largest relative errors against the shared reference answers.
    private func referenceAgreement() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/TrustTests/Reference")
        let power = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("power_results.json"))) as! [String: Any]
        let exact = power["exact_high_precision"] as! [String: Any]
        func worst(_ key: String, _ test: TwoSampleTest) -> Double {
            var error = 0.0
            for (d, row) in exact[key] as! [String: [String: Double]] {
                for (n, value) in row {
                    error = max(error, abs(AnalyticPower.power(test, effectSize: Double(d)!, nobs1: Double(n)!) / value - 1))
                }
            }
            return error
        }
        var solveError = 0.0
        for (key, test) in [("ttest_solve_nobs1", TwoSampleTest.t), ("normal_solve_nobs1", .normal)] {
            for (d, value) in exact[key] as! [String: Double] {
                solveError = max(solveError, abs(try AnalyticPower.sampleSize(test, effectSize: Double(d)!, power: 0.8) / value - 1))
            }
        }
        let table = try CSVReader.read(path: folder.appendingPathComponent("ols_data.csv").path)
        let report = try SensitivityAnalysis(treatment: "d", outcome: "y", benchmarks: ["x1"]).run(on: table)
        let sensitivity = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sensitivity_results.json"))) as! [String: Any]
        let sm = sensitivity["sensemakr"] as! [String: Any]
        let stats = sm["sensitivity_stats"] as! [String: Double]
        var sensError = max(abs(report.robustnessValue / stats["rv_q"]! - 1), abs(report.robustnessValueAlpha / stats["rv_qa"]! - 1),
                            abs(report.ovb.partialR2 / stats["r2yd_x"]! - 1))
        for (bound, reference) in zip(report.bounds, sm["bounds"] as! [[String: Any]]) {
            for (mine, key) in [(bound.adjusted.estimate, "adjusted_estimate"), (bound.adjusted.standardError, "adjusted_se"),
                                (bound.adjusted.lower, "adjusted_lower_CI"), (bound.adjusted.upper, "adjusted_upper_CI")] {
                sensError = max(sensError, abs(mine / (reference[key] as! Double) - 1))
            }
        }
        print("Largest relative error against the reference folders:")
        printTable(["quantity", "max relative error"], [
            ["t-test power vs 40-digit values (18 points)", String(format: "%.2e", worst("ttest_power", .t))],
            ["z-test power vs 40-digit values (18 points)", String(format: "%.2e", worst("normal_power", .normal))],
            ["solved n₁ (t and z) vs 40-digit roots", String(format: "%.2e", solveError)],
            ["sensemakr: partial R², RV_q, RV_qa, bounds", String(format: "%.2e", sensError)],
        ])
        print("")
    }

    /// How often the placebo refuter alarms when nothing is wrong.
    private func placeboRate(quick: Bool) throws {
        let replications = quick ? 200 : 1000
        let model = try ModelCatalog.load("banner")
        let refuter = Refuter(kinds: [.placeboTreatment, .dummyOutcome], simulations: 20)
        var alarms = [0, 0]
        for r in 0..<replications {
            let table = try model.sample(rows: 500, seed: UInt64(1000 + r), options: SamplingOptions(threads: 1))
            let data = try CausalData(table: table, roles: Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"]))
            let report = try refuter.run(Trust.OrdinaryLeastSquares(), on: data, seed: UInt64(r))
            for k in 0..<2 where report.refutations[k].alarm { alarms[k] += 1 }
        }
        print("Refuter alarms with nothing wrong (banner, OLS adjusting for engagement, 500 rows, K = 20), \(replications) replications:")
        printTable(["refuter", "alarm rate", "95% interval"], zip(["placebo-treatment", "dummy-outcome"], alarms).map { name, count in
            let i = BinomialInterval(successes: count, trials: replications)
            return [name, String(format: "%.4f", Double(count) / Double(replications)), String(format: "[%.4f, %.4f]", i.lower, i.upper)]
        })
        print("")
    }

    /// The hidden-confounder check and the robustness values of the catalog's hidden-confounding models.
    private func hiddenConfounding(quick: Bool) throws {
        var rows: [[String]] = []
        for share in [0.02, 0.05, 0.1] {
            for assumed in [0.5 * share, share, 2 * share] {
                let report = try LatentConfounderCheck(
                    model: ModelCatalog.load("confounding"), treatment: "price", outcome: "bookings",
                    strength: .partialR2(ConfounderStrength(treatmentR2: share, outcomeR2: share)),
                    assumed: ConfounderStrength(treatmentR2: assumed, outcomeR2: assumed), rows: 1000,
                    replications: quick ? 100 : 400, seed: 3, refuter: Refuter(kinds: [])).run()
                rows.append([NumberFormatting.general(share), NumberFormatting.general(assumed), String(format: "%.4f", report.meanBias),
                             String(format: "%.4f", report.meanBound), report.boundHoldsOnAverage ? "yes" : "no",
                             NumberFormatting.percent(report.boundHoldsShare), NumberFormatting.percent(report.adjustedCoverage)])
            }
        }
        print("Hidden confounder in the confounding model (price → bookings), 1,000 rows a replication:")
        printTable(["U's R²s", "bound assumes", "mean bias", "mean bound", "holds on average", "|bias| ≤ bound", "adjusted coverage"], rows)
        print("")
        var rv: [[String]] = []
        for name in ["hidden_confounding_weak", "hidden_confounding_moderate", "hidden_confounding_strong"] {
            let table = try ModelCatalog.load(name).sample(rows: 100_000, seed: 5)
            let report = try SensitivityAnalysis(treatment: "exposure", outcome: "spend", covariates: ["tenure"]).run(on: table)
            rv.append([name, String(format: "%.4f", report.ovb.estimate), String(format: "%.4f", report.robustnessValue),
                       String(format: "%.4f", report.robustnessValueAlpha)])
        }
        print("Robustness values of the catalog's hidden-confounding models (100,000 rows; hidden share 0.02, 0.08, 0.2; true effect 0):")
        printTable(["model", "estimate", "RV", "RV at α = 0.05"], rv)
    }
}
