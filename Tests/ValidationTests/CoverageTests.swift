import ModelCatalog
import Testing
@testable import Validation

/// Over 400 replications the 95% intervals of estimators whose assumptions hold cover
/// the truth 90–99% of the time. With 400 replications a correct 95% interval's
/// coverage has binomial standard error 1.1%: 90% lies 4.6 and 99% 3.7 standard errors away.
@Suite struct CoverageTests {
    static func coverage(_ model: String, _ t: String, _ y: String, rows: Int, estimators: [String]) throws -> BenchmarkReport {
        let options = BenchmarkOptions(rows: rows, replications: 400, seed: 11, truthUnits: 100_000, estimators: estimators,
                                       threads: 2)
        return try Benchmark(model: ModelCatalog.load(model), treatment: t, outcome: y, options: options).run()
    }

    @Test func adjustmentIntervalsCoverOnTheBannerModel() throws {
        let report = try Self.coverage("banner", "banner", "spend", rows: 1000,
                                       estimators: ["regression-adjustment", "ipw", "aipw"])
        for p in report.estimators {
            let coverage = try #require(p.coverage)
            #expect(coverage >= 0.90 && coverage <= 0.99, "\(p.name): coverage \(coverage)")
        }
    }

    @Test func instrumentIntervalsCoverOnTheInstrumentModel() throws {
        let report = try Self.coverage("instrumental_variable", "attendance", "happiness", rows: 2000,
                                       estimators: ["iv-2sls", "difference-in-means"])
        let iv = try #require(report.performance(of: "iv-2sls")?.coverage)
        #expect(iv >= 0.90 && iv <= 0.99, "iv-2sls: coverage \(iv)")
        // The confounded contrast's intervals essentially never cover.
        #expect((report.performance(of: "difference-in-means")?.coverage ?? 1) < 0.05)
    }
}
