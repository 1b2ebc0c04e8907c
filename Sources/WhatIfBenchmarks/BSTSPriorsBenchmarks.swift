import Foundation
import GSL
import TestSupport
import WhatIf

/// bsts' own priors (`--model-priors bsts`) on `canonical_bsts_priors`, where σ_level's
/// posterior has a funnel near 0 and single chains mix slowly:
///
/// 1. the exact posterior by quadrature (`ExactStructuralPosterior`, the model of NOTES §6
///    written out independently) beside 16 pooled chains of 10,000 iterations;
/// 2. single 1000-iteration chains over many seeds (as R runs them) beside R's five
///    recorded seeds (`mc_spread_bsts_seed.json`): where R's values fall in our
///    distribution, and how much the spread of five seeds understates it;
/// 3. 16 pooled 1000-iteration chains (the reference test's setting) over many seeds,
///    against the reference test's tolerance around R's seed-1 numbers;
/// 4. a simulated local linear trend with regression under bsts' priors: the exact
///    posterior beside long pooled chains (the unit tests cannot afford chains long
///    enough to cross this posterior's funnels).
///
///     swift run -c release WhatIfBenchmarks bsts-priors
struct BSTSPriorsBenchmarks: BenchmarkSuite {
    let name = "bsts-priors"
    static let folder = bstsReferencePath("canonical_bsts_priors")
    static let preRows = 70

    func run(quick: Bool) throws {
        let table = try CSVReader.read(path: "\(Self.folder)/data.csv")
        let y = try table.numbers("y"), x = try table.numbers("x1")
        let actual = y[Self.preRows...].reduce(0, +) / Double(y.count - Self.preRows)
        let reference = try Self.json("result.json")
        let rSummary = ((reference["summary"] as? [String: Any])?["average"] as? [String: Double]) ?? [:]
        let rModel = reference["model"] as? [String: Any] ?? [:]
        let runs = (try Self.json("mc_spread_bsts_seed.json")["runs"] as? [String: [String: Double]]) ?? [:]

        // 1. Exact posterior against long pooled chains.
        var exact: ExactStructuralPosterior?
        let exactSeconds = try Stopwatch.time {
            exact = try Self.exactPosterior(response: y.indices.map { $0 < Self.preRows ? y[$0] : .nan }, x: x, linear: false,
                                           points: 60)
        }
        guard let exact else { return }
        let long = try Self.analyse(table, seed: 1, chains: quick ? 4 : 16, iterations: quick ? 5000 : 10000)
        func effectRow(_ label: String, _ e: PosteriorEstimate, _ level: Double, _ obs: Double) -> [String] {
            [label] + [e.mean, e.sd, e.lower, e.upper, level, obs].map { String(format: "%.4f", $0) }
        }
        let exactEffect = PosteriorEstimate(mean: actual - exact.predictiveMean, sd: exact.predictiveSD,
                                            lower: actual - exact.predictiveQuantile(0.975),
                                            upper: actual - exact.predictiveQuantile(0.025))
        printTable(["average effect", "mean", "sd", "lower", "upper", "E σ_level", "E σ_obs"], [
            effectRow(String(format: "exact (quadrature, %.1f s)", exactSeconds), exactEffect, exact.levelSD, exact.observationSD),
            effectRow("ours, \(long.chains) chains × \(long.iterations)", long.effect, long.levelSD, long.observationSD),
            effectRow("R, seed 1 (1 chain × 1000)",
                      PosteriorEstimate(mean: rSummary["abs_effect_mean"] ?? .nan, sd: rSummary["abs_effect_sd"] ?? .nan,
                                        lower: rSummary["abs_effect_lower"] ?? .nan, upper: rSummary["abs_effect_upper"] ?? .nan),
                      rModel["sigma_level_mean"] as? Double ?? .nan, rModel["sigma_obs_mean"] as? Double ?? .nan),
        ])
        print("")

        // 2. Single 1000-iteration chains over many seeds, against R's recorded seeds.
        let seeds = quick ? 200 : 1000
        let single = try (1...seeds).map { try Self.analyse(table, seed: UInt64($0), chains: 1, iterations: 1000) }
        let keys = [("abs_mean", \Fit.effect.mean), ("abs_lower", \Fit.effect.lower),
                    ("abs_upper", \Fit.effect.upper), ("abs_sd", \Fit.effect.sd)]
        var rows: [[String]] = []
        for (key, path) in keys {
            let ours = single.map { $0[keyPath: path] }.sorted()
            let theirs = runs.keys.sorted { Int($0) ?? 0 < Int($1) ?? 0 }.compactMap { runs[$0]?[key] }
            let percentiles = theirs.map { v in Double(ours.filter { $0 < v }.count) / Double(ours.count) }
            rows.append([key, String(format: "%.3f", SampleMoments.mean(ours)), String(format: "%.3f", Self.sd(ours)),
                         String(format: "%.3f / %.3f / %.3f", SampleQuantile.typeSeven(sorted: ours, 0.05),
                                SampleQuantile.typeSeven(sorted: ours, 0.5), SampleQuantile.typeSeven(sorted: ours, 0.95)),
                         theirs.map { String(format: "%.3f", $0) }.joined(separator: " "),
                         percentiles.map { String(format: "%.2f", $0) }.joined(separator: " "),
                         String(format: "%.3f", Self.sd(theirs))])
        }
        print("single chains of 1000 iterations, \(seeds) seeds, beside R's seeds 1, 3, 4, 5, 7:")
        printTable(["average effect", "our mean", "our sd", "our 5% / 50% / 95%", "R's values", "their percentiles in ours",
                    "R's 5-seed sd"], rows)
        let high = Double(single.filter { $0.levelSD > 0.1 }.count) / Double(seeds)
        print(String(format: "chains with mean σ_level > 0.1: %.3f of ours; R's seed 1: %.3f", high,
                     rModel["sigma_level_mean"] as? Double ?? .nan))
        print("")

        // 3. 16 pooled chains (the reference test) against its tolerance around R's seed 1.
        let pooledSeeds = quick ? 40 : 200
        let pooled = try (1...pooledSeeds).map { try Self.analyse(table, seed: UInt64($0), chains: 16, iterations: 1000) }
        let base = (rSummary["abs_effect_sd"] ?? .nan) / 3
        var pooledRows: [[String]] = []
        for (key, path) in keys.prefix(3) {
            let ours = pooled.map { $0[keyPath: path] }
            let theirs = runs.values.compactMap { $0[key] }
            let tolerance = base + 4 * Self.sd(theirs)
            let r = rSummary[key.replacingOccurrences(of: "abs_", with: "abs_effect_")] ?? .nan
            let worst = ours.map { abs($0 - r) }.max() ?? .nan
            pooledRows.append([key, String(format: "%.3f", SampleMoments.mean(ours)), String(format: "%.3f", Self.sd(ours)),
                               String(format: "%.3f … %.3f", ours.min() ?? .nan, ours.max() ?? .nan),
                               String(format: "%.3f", r), String(format: "%.3f", worst), String(format: "%.3f", tolerance)])
        }
        print("16 pooled chains of 1000 iterations, \(pooledSeeds) seeds (the reference test's setting):")
        printTable(["average effect", "our mean", "our sd", "our range", "R seed 1", "largest |ours − R|", "tolerance"],
                   pooledRows)
        print("")

        // 4. A local linear trend under bsts' priors: exact against long chains.
        try Self.linearTrend(quick: quick)
    }

    /// One analysis's summary and posterior means.
    struct Fit {
        let chains: Int, iterations: Int
        let effect: PosteriorEstimate
        let levelSD: Double, observationSD: Double
    }

    static func analyse(_ table: Table, seed: UInt64, chains: Int, iterations: Int) throws -> Fit {
        var spec = ImpactSpecification(pre: .rows(1...preRows), post: .rows((preRows + 1)...table.rowCount))
        spec.model.priors = .bsts
        spec.sampler = SamplerOptions(iterations: iterations, seed: seed, chains: chains)
        let result = try ImpactAnalysis.run(table: table, specification: spec)
        let parameters = result.sampler?.parameters ?? []
        func posteriorMean(_ name: String) -> Double { parameters.first { $0.name == name }?.mean ?? .nan }
        return Fit(chains: chains, iterations: iterations,
                   effect: result.summary.average.absoluteEffect,
                   levelSD: posteriorMean("sigma.level"), observationSD: posteriorMean("sigma.obs"))
    }

    /// The model of NOTES §6 on the raw data (NaN = hidden): AddLocalLevel(y) or
    /// AddLocalLinearTrend(y), and bsts' default SpikeSlabPrior for y ~ x (intercept and x,
    /// each with π = 1/2).
    static func exactPosterior(response: [Double], x: [Double], linear: Bool, points: Int) throws
        -> ExactStructuralPosterior {
        let n = response.count
        let observed = response.filter { !$0.isNaN }
        let sdy = sd(observed)
        let columns = [[Double](repeating: 1, count: n), x]
        var omega = Matrix(rows: 2, columns: 2)
        for i in 0..<2 {
            for j in 0..<2 {
                let crossProduct = zip(columns[i], columns[j]).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
                omega[i, j] = 0.01 * (i == j ? 1 : 0.5) * crossProduct
            }
        }
        let trend = ExactStructuralPosterior.VariancePrior(guess: 0.01 * sdy, sampleSize: 0.01, upperLimit: sdy)
        let first = observed[0], last = observed[observed.count - 1]
        return try ExactStructuralPosterior(
            response: response, level: trend, slope: linear ? trend : nil,
            initialMean: linear ? [first, (last - first) / Double(n)] : [first],
            initialVariances: linear ? [sdy * sdy, sdy * sdy] : [sdy * sdy],
            observation: .init(guess: 0.5.squareRoot() * sdy, sampleSize: 0.01, upperLimit: 1.2 * sdy),
            regression: .init(columns: columns, inclusionProbabilities: [0.5, 0.5], precision: omega),
            predicted: observed.count..<n, points: points)
    }

    /// A local linear trend with regression under bsts' priors (`--trend linear --model-priors bsts`):
    /// the exact posterior beside long pooled chains, with each mean's Monte Carlo error and split R̂.
    static func linearTrend(quick: Bool) throws {
        let scenario = ImpactCalibration.Scenario(trend: .localLinearTrend, priors: .bsts, levelSD: 0.3, slopeSD: 0.05,
                                                  initialSlope: 0.05)
        let (y, x) = ImpactCalibration.series(0, effect: 0, seed: 77, scenario: scenario)
        let pre = ImpactCalibration.rows - ImpactCalibration.postRows
        let response = y.indices.map { $0 < pre ? y[$0] : .nan }
        var exact: ExactStructuralPosterior?
        let seconds = try Stopwatch.time {
            exact = try exactPosterior(response: response, x: x, linear: true, points: quick ? 20 : 28)
        }
        guard let exact else { return }
        let chains = quick ? 4 : 16, iterations = quick ? 5000 : 20000
        let posterior = try BSTSModel.fit(response: response, covariates: [x], covariateNames: ["x"],
                                          model: ModelOptions(trend: .localLinearTrend, priors: .bsts),
                                          sampler: SamplerOptions(iterations: iterations, seed: 3, chains: chains))
        var rows: [[String]] = []
        for (summary, truth) in zip(posterior.standardDeviations,
                                    [exact.observationSD, exact.levelSD, exact.slopeSD ?? .nan]) {
            let error = summary.monteCarloStandardError
            rows.append([summary.name, String(format: "%.4f", truth), String(format: "%.4f", summary.mean),
                         String(format: "%.4f", error), String(format: "%.1f", (summary.mean - truth) / error),
                         String(format: "%.0f", summary.effectiveSampleSize),
                         String(format: "%.3f", summary.splitRHat ?? .nan)])
        }
        var perChain: [[Double]] = [], start = 0
        let averages = posterior.stateContributions.map { $0[pre...].reduce(0, +) / Double(y.count - pre) }
        for kept in posterior.keptDraws {
            perChain.append(Array(averages[start..<(start + kept)]))
            start += kept
        }
        let ess = MCMCDiagnostics.effectiveSampleSize(perChain)
        let sdAverage = sd(averages), meanAverage = SampleMoments.mean(averages)
        let error = sdAverage / ess.squareRoot()
        rows.append(["post-period mean of S", String(format: "%.4f", exact.predictiveMean), String(format: "%.4f", meanAverage),
                     String(format: "%.4f", error), String(format: "%.1f", (meanAverage - exact.predictiveMean) / error),
                     String(format: "%.0f", ess), String(format: "%.3f", MCMCDiagnostics.splitRHat(perChain))])
        rows.append(["its sd", String(format: "%.4f", exact.signalSD), String(format: "%.4f", sdAverage), "", "", "", ""])
        print(String(format: "local linear trend + regression under bsts' priors (exact: %.1f s; ours: %d chains × %d):",
                     seconds, chains, iterations))
        printTable(["posterior mean", "exact", "ours", "MCSE", "z", "ESS", "split R̂"], rows)
    }

    static func json(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(file)"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func sd(_ x: [Double]) -> Double { SampleMoments.variance(x).squareRoot() }
}
