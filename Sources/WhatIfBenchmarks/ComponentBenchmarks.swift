import Foundation
import WhatIf

/// The added state components (AR, semilocal trend, trigonometric seasonality, Student-t
/// errors) on R's
/// reference cases (Tests/BSTSTests/Reference, from shared/reference/bsts-components):
///
/// 1. speed: the whole analysis at 1000 iterations of two years of daily data with weekly
///    and yearly trigonometric seasonality (`trig_two_seasons`), beside the local level
///    alone on the same data in the same run, and R's recorded time;
/// 2. agreement: the average effect with its interval, ours (median over seeds) beside
///    R's seed 1 and R's spread over its six seeds;
/// 3. parameters: posterior means from 4 pooled chains, beside R's — the trigonometric
///    case at 5000 iterations against R's 5000-iteration run.
///
///     swift run -c release WhatIfBenchmarks components
struct ComponentBenchmarks: BenchmarkSuite {
    let name = "components"

    static let weeklyAndYearly = [TrigonometricSeasonality(period: 7, harmonics: 2),
                                  TrigonometricSeasonality(period: 365.25, harmonics: 2)]
    static let cases: [(name: String, model: ModelOptions)] = [
        ("ar1", ModelOptions(priors: .bsts, autoregressiveOrder: 1)),
        ("semilocal", ModelOptions(trend: .semilocal, priors: .bsts)),
        ("trig_two_seasons", ModelOptions(priors: .bsts, trigonometric: weeklyAndYearly)),
        ("family_student", ModelOptions(priors: .bsts, observationErrors: .student)),
        ("student", ModelOptions(trend: .student, priors: .bsts)),
    ]

    func run(quick: Bool) throws {
        try speed(repetitions: quick ? 3 : 7)
        print("")
        try studentSpeed(repetitions: quick ? 3 : 7)
        print("")
        try agreement(seeds: quick ? 3 : 9)
        print("")
        try parameters(quick: quick)
    }

    func speed(repetitions: Int) throws {
        let table = try CSVReader.read(path: bstsReferencePath("trig_two_seasons/data.csv"))
        let reference = try Self.json("trig_two_seasons/result.json")
        let r = (reference["timing_seconds"] as? [String: Double])?["bsts_fit"]
        var rows: [[String]] = []
        var baseline = 0.0
        for (label, model) in [("local level alone", ModelOptions(priors: .bsts)),
                               ("+ weekly 7:2 and yearly 365.25:2 trig", ModelOptions(priors: .bsts, trigonometric: Self.weeklyAndYearly))] {
            var spec = ImpactSpecification(pre: .rows(1...670), post: .rows(671...730))
            spec.model = model
            let seconds = try Stopwatch.median(repetitions: repetitions) { _ = try ImpactAnalysis.run(table: table, specification: spec) }
            if baseline == 0 { baseline = seconds }
            rows.append([label, String(format: "%.3f", seconds), String(format: "%.1f×", seconds / baseline)])
        }
        printTable(["730 daily points, 1000 iterations (median)", "whatif s", "/ local level"], rows)
        if let r { print(String(format: "R bsts recorded %.1f s for the trig model (bsts_fit in result.json).", r)) }
    }

    /// `family_student` (120 points, a covariate, four outliers) with Gaussian and with Student-t
    /// errors in the same run, beside R's recorded fit time for `family = "student"`.
    func studentSpeed(repetitions: Int) throws {
        let table = try CSVReader.read(path: bstsReferencePath("family_student/data.csv"))
        let r = ((try Self.json("family_student/result.json"))["timing_seconds"] as? [String: Double])?["bsts_fit"]
        var rows: [[String]] = []
        var baseline = 0.0
        for errors in [ObservationErrors.gaussian, .student] {
            var spec = ImpactSpecification(pre: .rows(1...100), post: .rows(101...120))
            spec.model = ModelOptions(priors: .bsts, observationErrors: errors)
            let seconds = try Stopwatch.median(repetitions: repetitions) { _ = try ImpactAnalysis.run(table: table, specification: spec) }
            if baseline == 0 { baseline = seconds }
            rows.append(["--errors \(errors.rawValue)", String(format: "%.4f", seconds), String(format: "%.1f×", seconds / baseline)])
        }
        printTable(["family_student, 1000 iterations (median)", "whatif s", "/ gaussian"], rows)
        if let r { print(String(format: "R bsts recorded %.3f s for family = \"student\" (bsts_fit in result.json).", r)) }
    }

    /// The generator's holidays in `holiday` (its `holiday_windows`), by value of the time index t.
    static let holidays = [ImpactEvent(name: "July4", occurrences: ["185", "550"], daysBefore: 1, daysAfter: 1),
                           ImpactEvent(name: "Thanksgiving", occurrences: ["328", "692"], daysBefore: 1, daysAfter: 2)]

    func agreement(seeds: Int) throws {
        var rows: [[String]] = []
        for (name, model) in Self.cases + [("holiday", ModelOptions(priors: .bsts))] {
            let table = try CSVReader.read(path: bstsReferencePath("\(name)/data.csv"))
            let meta = try Self.json("\(name)/dataset_meta.json")
            let pre = (meta["pre_period"] as? [Int]) ?? [], post = (meta["post_period"] as? [Int]) ?? []
            guard pre.count == 2, post.count == 2 else { continue }
            var effects: [PosteriorEstimate] = []
            for seed in 1...seeds {
                var spec = ImpactSpecification(pre: .rows(pre[0]...pre[1]), post: .rows(post[0]...post[1]))
                spec.model = model
                if name == "holiday" { spec.events = Self.holidays }
                spec.sampler.seed = UInt64(seed)
                effects.append(try ImpactAnalysis.run(table: table, specification: spec).summary.average.absoluteEffect)
            }
            func median(_ x: [Double]) -> Double { let s = x.sorted(); return s[s.count / 2] }
            func spread(_ x: [Double]) -> Double {
                let m = x.reduce(0, +) / Double(x.count)
                return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(1, x.count - 1))).squareRoot()
            }
            let rAverage = (((try Self.json("\(name)/result.json"))["summary"] as? [String: Any])?["average"] as? [String: Double]) ?? [:]
            let runs = ((try Self.json("\(name)/mc_spread_bsts_seed.json"))["runs"] as? [String: [String: Double]]) ?? [:]
            let rMeans = runs.values.compactMap { $0["abs_effect_mean"] }
            rows.append([name,
                         String(format: "%.3f [%.3f, %.3f]", median(effects.map(\.mean)), median(effects.map(\.lower)),
                                median(effects.map(\.upper))),
                         String(format: "%.3f", spread(effects.map(\.mean))),
                         String(format: "%.3f [%.3f, %.3f]", rAverage["abs_effect_mean"] ?? .nan,
                                rAverage["abs_effect_lower"] ?? .nan, rAverage["abs_effect_upper"] ?? .nan),
                         String(format: "%.3f ± %.3f", rMeans.reduce(0, +) / Double(max(1, rMeans.count)), spread(rMeans))])
        }
        printTable(["average effect, 1000 iterations", "ours: median over \(seeds) seeds", "ours: sd of mean",
                    "R seed 1", "R: mean ± sd over 6 seeds"], rows)
    }

    func parameters(quick: Bool) throws {
        var rows: [[String]] = []
        // The Student-t trend's chains each settle in one of two modes, so pooled chains mix them;
        // ComponentReferenceAgreementTests compares its parameters mode by mode.
        for (name, model) in Self.cases where name != "student" {
            let trig = name == "trig_two_seasons"
            let file = trig ? "\(name)/niter5000/result.json" : "\(name)/result.json"
            let reference = try Self.json(file)
            let table = try CSVReader.read(path: bstsReferencePath("\(name)/data.csv"))
            let meta = try Self.json("\(name)/dataset_meta.json")
            let preEnd = (meta["pre_period"] as? [Int])?.last ?? 0
            let y = try table.numbers("y").enumerated().map { $0.offset < preEnd ? $0.element : .nan }
            let names = table.names.filter { $0 != "t" && $0 != "y" }
            let iterations = trig ? 5000 : 2000
            let posterior = try BSTSModel.fit(response: y, covariates: try names.map { try table.numbers($0) },
                                              covariateNames: names, model: model,
                                              sampler: SamplerOptions(iterations: quick ? iterations / 2 : iterations,
                                                                      seed: 5, chains: 4))
            let theirs = ((reference["model"] as? [String: Any])?["parameters_posterior"] as? [String: Any]) ?? [:]
            for summary in posterior.diagnostics {
                let r = (theirs[summary.name] as? [String: Any])?["mean"] as? Double
                    ?? (summary.name == "beta.x1" ? ((reference["regression"] as? [String: Any])?["coef_mean"] as? [Double])?.last : nil)
                let z = r.map { ($0 - summary.mean) / max(summary.monteCarloStandardError, 1e-300) }
                rows.append([name, summary.name, String(format: "%.4f", summary.mean),
                             String(format: "%.4f", summary.monteCarloStandardError),
                             r.map { String(format: "%.4f", $0) } ?? "–", z.map { String(format: "%.1f", $0) } ?? "–"])
            }
        }
        printTable(["case", "parameter", "ours (4 chains)", "MCSE", "R", "(R − ours)/MCSE"], rows)
        print("Iterations: 2000 per chain (trig: 5000, against R's niter 5000 run).")
    }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: bstsReferencePath(relative)))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
