import Foundation
import ModelCatalog
import Testing
@testable import Validation

/// The report's text, JSON and chart on a small run.
@Suite struct ReportTests {
    /// A small run on the discontinuity model (a fraction of a second).
    static func report() throws -> BenchmarkReport {
        let options = BenchmarkOptions(rows: 400, replications: 4, seed: 2, truthUnits: 20_000,
                                       estimators: ["difference-in-means", "ipw", "t-learner-linear", "rdd-sharp"],
                                       bootstrapReplications: 5, threads: 2)
        return try Benchmark(model: ModelCatalog.load("regression_discontinuity"), treatment: "banner", outcome: "spend",
                             options: options).run()
    }

    @Test func textNamesEstimandsTruthRolesAndFailures() throws {
        let text = try Self.report().text(title: "regression_discontinuity")
        #expect(text.hasPrefix("Benchmark: the effect of banner on spend in regression_discontinuity\n"
            + "4 replications of 400 rows (seed 2); truth from 20000 Monte Carlo units; 95% intervals; "))
        #expect(text.contains("\nRoles\n  covariates: {loyalty}, a minimal back-door set"))
        #expect(text.contains("  sharp discontinuity: banner = 1{loyalty ≥ 70}: running variable loyalty, cutoff 70\n"))
        #expect(text.contains("\nTruth (exact: every unit's effect Y(1) − Y(0) is the same)\n"))
        #expect(text.contains("  effect at the cutoff         10           exact\n"))
        let rows = text.split(separator: "\n").map(String.init)
        let header = try #require(rows.first { $0.hasPrefix("  estimator ") })
        #expect(header.split(separator: " ").map(String.init)
                == ["estimator", "estimand", "truth", "mean", "bias", "RMSE", "coverage", "mean", "SE", "SD", "SE/SD", "seconds",
                    "failed", "verdict"])
        let rdd = try #require(rows.first { $0.hasPrefix("  rdd-sharp ") })
        #expect(rdd.contains(" effect at the cutoff "))
        let ipw = try #require(rows.first { $0.hasPrefix("  ipw ") })
        #expect(ipw.hasSuffix("  4  —"))
        // The first failure is named with its replication and that replication's sample seed.
        #expect(text.contains("\nFailures\n  ipw: failed in 4 of 4 replications, first in replication 1 (sample seed "
            + "\(Benchmark.sampleSeed(2, replication: 0))): no overlap for treatment 'banner'"))
        // Estimators chosen by name: the others are not listed as not run.
        #expect(!text.contains("\nNot run\n"))
        // Every unit's effect is 10: one line instead of ten identical bins.
        #expect(text.contains("\nConditional effects: every unit's effect is 10, so the true CATE is 10 in each of the 10 bins "
            + "of loyalty\n\nCATE error of the estimators"))
        #expect(!text.contains("true CATE  Monte Carlo SE"))
        // How to read the table: coverage's own Monte Carlo error, seconds, and which intervals are bootstrapped.
        #expect(text.contains("\n  coverage: the share of replications whose interval holds the truth; over 4 replications it is "
            + "known to about ±11 points (binomial SE at the nominal 95%)\n"))
        #expect(text.contains("\n  seconds: the mean time of one estimate\n"))
        #expect(text.contains("\n  bootstrap standard errors and percentile intervals (5 resamples): t-learner-linear\n"))
    }

    @Test func jsonHoldsTheContract() throws {
        let data = Data(try Self.report().jsonText(model: "regression_discontinuity").utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let truth = try #require(root["truth"] as? [String: Any])
        for key in ["ate", "att", "atu"] { #expect(truth[key] as? Double == 10, "\(key)") }
        #expect(truth["effectAtCutoff"] as? Double == 10)
        #expect(truth["late"] is NSNull)
        let estimators = try #require(root["estimators"] as? [[String: Any]])
        // In catalog order.
        #expect(estimators.map { $0["name"] as? String } == ["difference-in-means", "ipw", "rdd-sharp", "t-learner-linear"])
        for entry in estimators {
            for key in ["meanEstimate", "bias", "rmse", "coverage", "seconds", "estimand", "failures"] {
                #expect(entry.keys.contains(key), "\(entry["name"] ?? "?") lacks \(key)")
            }
        }
        let ipw = try #require(estimators.first { $0["name"] as? String == "ipw" })
        #expect(ipw["meanEstimate"] is NSNull && ipw["failures"] as? Int == 4 && ipw["firstFailureReplication"] as? Int == 1)
        let rdd = try #require(estimators.first { $0["name"] as? String == "rdd-sharp" })
        #expect(rdd["estimand"] as? String == "effect at the cutoff" && rdd["truth"] as? Double == 10)
        #expect(rdd["meanEstimate"] is Double && rdd["biasStandardError"] is Double)
        let roles = try #require(root["roles"] as? [String: Any])
        #expect(roles["covariates"] as? [String] == ["loyalty"] && roles["cutoff"] as? Double == 70)
        #expect(root["model"] as? String == "regression_discontinuity")
        #expect((root["cate"] as? [String: Any])?["covariate"] as? String == "loyalty")
    }

    @Test func chartDrawsEveryEstimatorAgainstItsTruth() throws {
        let report = try Self.report()
        let chart = report.chart(title: "regression_discontinuity")
        #expect(chart.rows.map(\.label) == ["difference-in-means", "ipw", "rdd-sharp", "t-learner-linear"])
        #expect(chart.rows[2].reference == 10 && chart.rows[1].estimate.isNaN)
        let svg = report.svg(title: "regression_discontinuity")
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains(">rdd-sharp</text>") && svg.contains(">failed in every replication</text>"))
    }
}
