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
///
/// Each data set runs as R did, one chain of 1000 iterations, except
/// `canonical_bsts_priors`, which pools 16 such chains. Under bsts' own priors
/// σ_level's posterior has a funnel near 0 and a tail out to 0.3, and single
/// 1000-iteration chains sit mostly in one part of it, in R as here. Their interval
/// ends then vary far more from seed to seed than R's five recorded seeds show:
/// over 1000 of our seeds the lower and upper ends of the average effect have sd
/// 0.73 and 0.32, against 0.31 and 0.12 across R's seeds, and R's five values lie
/// at percentiles 0.11–0.84 of our single-chain distribution. Pooling 16 chains
/// shrinks our own Monte Carlo error (sd 0.27 and 0.08 over 200 seeds; the largest
/// distance from R's numbers, 0.77 and 0.25, stays inside the tolerances 1.47 and
/// 0.70), so that the tolerance, which allows for R's error, applies. For scale, the
/// exact posterior (by quadrature) gives [9.37, 11.72]; R's seed 1 [9.16, 11.85].
/// `swift run -c release WhatIfBenchmarks bsts-priors` measures all of this.
@Suite struct ReferenceTests {
    /// Data sets, MCMC iterations (as R: 1000) and chains pooled (the whole suite takes
    /// a few seconds in a debug build).
    static let cases: [(String, Int, Int)] = [
        ("canonical", 1000, 1), ("aa_null", 1000, 1), ("missing_pre", 1000, 1), ("canonical_dynamic", 1000, 1),
        ("weekly_duration", 1000, 1), ("canonical_bsts_priors", 1000, 16), ("large_sparse", 1000, 1),
    ]

    @Test(arguments: cases)
    func agreesWithR(name: String, iterations: Int, chains: Int) throws {
        let reference = try ReferenceCase(name)
        let (pre, post) = try reference.periods
        var spec = ImpactSpecification(pre: pre, post: post)
        spec.sampler.iterations = iterations
        spec.sampler.chains = chains
        if let args = reference.result["model_args_effective"] as? [String: Any] {
            spec.model.seasons = try #require(args["nseasons"] as? Int)
            spec.model.seasonDuration = try #require(args["season.duration"] as? Int)
            spec.model.dynamicRegression = try #require(args["dynamic.regression"] as? Bool)
            spec.model.priorLevelSD = try #require(args["prior.level.sd"] as? Double)
        } else {
            spec.model.priors = .bsts   // a user-built model under bsts' default priors (NOTES §6)
        }
        let result = try ImpactAnalysis.run(table: reference.table, specification: spec)
        let ours = result.summary
        let theirs = try reference.summary()
        let points = Double(result.data.post.count)

        let spread = try reference.spreads()
        let base = theirs.average.absoluteEffect.sd / 3
        for (label, mine, r, key) in [
            ("mean", ours.average.absoluteEffect.mean, theirs.average.absoluteEffect.mean, "abs_mean"),
            ("lower", ours.average.absoluteEffect.lower, theirs.average.absoluteEffect.lower, "abs_lower"),
            ("upper", ours.average.absoluteEffect.upper, theirs.average.absoluteEffect.upper, "abs_upper"),
        ] {
            let tolerance = base + 4 * (spread[key] ?? 0)
            #expect(abs(mine - r) <= tolerance, "\(name) average effect \(label): ours \(mine), R \(r), tolerance \(tolerance)")
        }
        for (label, mine, r, key) in [
            ("mean", ours.cumulative.absoluteEffect.mean, theirs.cumulative.absoluteEffect.mean, "abs_mean"),
            ("lower", ours.cumulative.absoluteEffect.lower, theirs.cumulative.absoluteEffect.lower, "abs_lower"),
            ("upper", ours.cumulative.absoluteEffect.upper, theirs.cumulative.absoluteEffect.upper, "abs_upper"),
        ] {
            let tolerance = points * (base + 4 * (spread[key] ?? 0))
            #expect(abs(mine - r) <= tolerance, "\(name) cumulative effect \(label): ours \(mine), R \(r), tolerance \(tolerance)")
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
