import Foundation
import Testing
import BSTS
import Tabular
import TestSupport
@testable import CausalImpact

/// The added state components end to end (data → MCMC → summary) against R bsts 0.9.10
/// through CausalImpact 1.3.0 (Reference/<case>, copied from
/// shared/reference/bsts-components): user-built models under bsts' default priors.
///
/// The mean and each end of the average absolute effect are compared with their average
/// over R's six seeds (`mc_spread_bsts_seed.json`), within 4.42 standard errors of the
/// difference between one run of ours and that average: s·√(1 + 1/6), where s is the sd
/// of the number over R's seeds, its Monte Carlo error per run. (Our run is taken to be as
/// noisy as one of R's, the same sampler with the same iterations and burn-in rule; R's
/// posterior sd is no Monte Carlo error and plays no part.) The interval must exclude
/// zero exactly when it does in every one of R's seeds (when R's seeds disagree, either
/// answer is R's).
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
        ("student", ModelOptions(trend: .student, priors: .bsts)),
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
        let ours = result.summary.average.absoluteEffect
        let runs = try reference.seedRuns()
        for (label, mine, key) in [("mean", ours.mean, "abs_effect_mean"), ("lower", ours.lower, "abs_effect_lower"),
                                   ("upper", ours.upper, "abs_effect_upper")] {
            let values = runs.compactMap { $0[key] }
            let average = values.reduce(0, +) / Double(values.count)
            let error = Self.standardDeviation(values) * (1 + 1 / Double(values.count)).squareRoot()
            let check = withinStandardErrors(mine, average, standardError: error)
            #expect(check.ok, "\(name) average effect \(label) against R's average over its seeds: \(check.message)")
        }
        let excludes = runs.map { ($0["abs_effect_lower"] ?? 0) > 0 || ($0["abs_effect_upper"] ?? 0) < 0 }
        if excludes.allSatisfy({ $0 }) || !excludes.contains(true) {
            #expect(result.summary.intervalExcludesZero == excludes[0], "\(name): interval excludes zero")
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
