import Foundation
import Testing
import Tabular
@testable import CausalImpact

/// End to end (data → MCMC → summary) against R CausalImpact on the reference
/// data sets (Reference/README.md).
///
/// Tolerance for each number: a third of R's posterior sd of the average effect
/// plus four times R's own Monte Carlo spread of that number across MCMC seeds
/// (`mc_spread_bsts_seed.json`); sums are compared at the scale of the sum.
/// Significance at 5% (p < 0.05, and the interval excluding zero) must agree.
@Suite struct ReferenceTests {
    /// Data sets and the MCMC iterations used here (as R: 1000; the whole suite takes about
    /// two seconds in a debug build).
    static let cases: [(String, Int)] = [
        ("canonical", 1000), ("aa_null", 1000), ("missing_pre", 1000), ("canonical_dynamic", 1000),
        ("weekly_duration", 1000), ("canonical_bsts_priors", 1000), ("large_sparse", 1000),
    ]

    @Test(arguments: cases)
    func agreesWithR(name: String, iterations: Int) throws {
        let reference = try ReferenceCase(name)
        let (pre, post) = try reference.periods
        var spec = ImpactSpecification(pre: pre, post: post)
        spec.sampler.iterations = iterations
        if let args = reference.result["model_args_effective"] as? [String: Any] {
            spec.model.seasons = try #require(args["nseasons"] as? Int)
            spec.model.seasonDuration = try #require(args["season.duration"] as? Int)
            spec.model.dynamicRegression = try #require(args["dynamic.regression"] as? Bool)
            spec.model.priorLevelSD = try #require(args["prior.level.sd"] as? Double)
        } else {
            spec.model.priors = .bsts   // a user-built model under bsts' default priors (NOTES §6)
        }
        let result = try ImpactAnalysis.run(table: reference.table, specification: spec)
        let ours = try #require(result.summary)
        let theirs = try reference.summary()
        let points = Double(result.data.post.count)

        let spread = try reference.spreads()
        let base = theirs.average.absoluteEffect.sd / 3
        // Under bsts' own priors σ_level's posterior is bimodal (≈ 0.015 and ≈ 0.2) and single
        // 1000-iteration chains sit mostly in one mode, in R as here (R's seed 1: interval sd
        // 0.67, its other seeds 0.40–0.49; ours 0.40–1.2 over seeds 1–10; 4 pooled chains give
        // split R̂ of σ_level 1.3–1.8). Interval ends then depend on which mode a chain visits.
        let bimodal = name == "canonical_bsts_priors"
        for (label, mine, r, key) in [
            ("mean", ours.average.absoluteEffect.mean, theirs.average.absoluteEffect.mean, "abs_mean"),
            ("lower", ours.average.absoluteEffect.lower, theirs.average.absoluteEffect.lower, "abs_lower"),
            ("upper", ours.average.absoluteEffect.upper, theirs.average.absoluteEffect.upper, "abs_upper"),
        ] {
            let tolerance = base + 4 * (spread[key] ?? 0)
            withKnownIssue("σ_level's posterior is bimodal under bsts' priors", isIntermittent: true) {
                #expect(abs(mine - r) <= tolerance,
                        "\(name) average effect \(label): ours \(mine), R \(r), tolerance \(tolerance)")
            } when: { bimodal && label != "mean" }
        }
        for (label, mine, r, key) in [
            ("mean", ours.cumulative.absoluteEffect.mean, theirs.cumulative.absoluteEffect.mean, "abs_mean"),
            ("lower", ours.cumulative.absoluteEffect.lower, theirs.cumulative.absoluteEffect.lower, "abs_lower"),
            ("upper", ours.cumulative.absoluteEffect.upper, theirs.cumulative.absoluteEffect.upper, "abs_upper"),
        ] {
            let tolerance = points * (base + 4 * (spread[key] ?? 0))
            withKnownIssue("σ_level's posterior is bimodal under bsts' priors", isIntermittent: true) {
                #expect(abs(mine - r) <= tolerance,
                        "\(name) cumulative effect \(label): ours \(mine), R \(r), tolerance \(tolerance)")
            } when: { bimodal && label != "mean" }
        }
        #expect((ours.tailProbability < 0.05) == (theirs.tailProbability < 0.05),
                "\(name): p = \(ours.tailProbability), R's p = \(theirs.tailProbability)")
        #expect(ours.intervalExcludesZero == theirs.intervalExcludesZero, "\(name): interval excludes zero")
        #expect(ours.average.actual == theirs.average.actual || abs(ours.average.actual - theirs.average.actual) < 1e-9)
    }
}

extension ReferenceCase {
    /// The sample sd across R's seed runs of each number in `mc_spread_bsts_seed.json`.
    func spreads() throws -> [String: Double] {
        let runs = try #require(spread["runs"] as? [String: [String: Double]])
        var out: [String: Double] = [:]
        for key in ["abs_mean", "abs_lower", "abs_upper", "abs_sd", "p"] {
            let values = runs.values.compactMap { $0[key] }
            guard values.count > 1 else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            out[key] = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        }
        return out
    }
}
