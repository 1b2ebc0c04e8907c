import Foundation
import Testing
import BSTS
import Tabular
@testable import CausalImpact

/// The added state components end to end (data → MCMC → summary) against R bsts 0.9.10
/// through CausalImpact 1.3.0 (Reference/<case>, copied from
/// shared/reference/bsts-components): user-built models under bsts' default priors.
///
/// As `ReferenceTests`: each end of the average absolute effect must lie within a third
/// of R's posterior sd plus four times the sd of that number over R's six seeds
/// (`mc_spread_bsts_seed.json`); the interval must exclude zero exactly when it does in
/// every one of R's seeds (when R's seeds disagree, either answer is R's).
@Suite struct ComponentReferenceTests {
    /// Each case with the model R fitted.
    static let cases: [(String, ModelOptions)] = [
        ("ar1", ModelOptions(priors: .bsts, autoregressiveOrder: 1)),
        ("semilocal", ModelOptions(trend: .semilocal, priors: .bsts)),
        ("trig_two_seasons", ModelOptions(priors: .bsts, trigonometric: [
            TrigonometricSeasonality(period: 7, harmonics: 2), TrigonometricSeasonality(period: 365.25, harmonics: 2),
        ])),
        ("holiday", ModelOptions(priors: .bsts)),
        ("family_student", ModelOptions(priors: .bsts, observationErrors: .student)),
    ]

    @Test(arguments: cases)
    func agreesWithR(name: String, model: ModelOptions) throws {
        let reference = try ReferenceCase(name)
        let (pre, post) = try reference.periods
        var spec = ImpactSpecification(pre: pre, post: post)
        spec.model = model
        if name == "holiday" {
            // July 4 (a day either side) and Thanksgiving (one before, two after), given by time point.
            spec.events = try ImpactEvent.calendar(path: reference.folder.appendingPathComponent("events.csv").path)
        }
        let result = try ImpactAnalysis.run(table: reference.table, specification: spec)
        let ours = try #require(result.summary).average.absoluteEffect
        let theirs = try reference.summary().average.absoluteEffect
        let runs = try reference.seedRuns()
        for (label, mine, r, key) in [("mean", ours.mean, theirs.mean, "abs_effect_mean"),
                                      ("lower", ours.lower, theirs.lower, "abs_effect_lower"),
                                      ("upper", ours.upper, theirs.upper, "abs_effect_upper")] {
            let tolerance = theirs.sd / 3 + 4 * Self.standardDeviation(runs.compactMap { $0[key] })
            #expect(abs(mine - r) <= tolerance, "\(name) average effect \(label): ours \(mine), R \(r), tolerance \(tolerance)")
        }
        let excludes = runs.map { ($0["abs_effect_lower"] ?? 0) > 0 || ($0["abs_effect_upper"] ?? 0) < 0 }
        if excludes.allSatisfy({ $0 }) || !excludes.contains(true) {
            #expect(try #require(result.summary).intervalExcludesZero == excludes[0], "\(name): interval excludes zero")
        }
    }

    static func standardDeviation(_ x: [Double]) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
    }
}

extension ReferenceCase {
    /// The per-seed summaries of `mc_spread_bsts_seed.json` (the components' format).
    func seedRuns() throws -> [[String: Double]] {
        let runs = try #require(spread["runs"] as? [String: [String: Double]])
        return runs.keys.sorted().compactMap { runs[$0] }
    }
}
