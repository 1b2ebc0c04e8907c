import CausalModel
import Estimators
import ModelCatalog
import Testing
import TestSupport
@testable import Validation

/// Whole benchmarks on the catalog models: the estimators whose assumptions hold land
/// on the truth (|bias| within 4.42 of its Monte Carlo standard errors), and the bias of
/// those whose assumptions fail is detected.
@Suite struct BenchmarkTests {
    static func run(_ model: String, _ t: String, _ y: String, rows: Int = 2000, replications: Int = 40,
                    estimators: [String], bootstrap: Int = 20, seed: UInt64 = 5) throws -> BenchmarkReport {
        let options = BenchmarkOptions(rows: rows, replications: replications, seed: seed, truthUnits: 100_000,
                                       estimators: estimators, bootstrapReplications: bootstrap, threads: 2)
        return try Benchmark(model: ModelCatalog.load(model), treatment: t, outcome: y, options: options).run()
    }

    static func expectUnbiased(_ report: BenchmarkReport, _ name: String, truth: Double,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let p = report.performance(of: name), let bias = p.bias, let se = p.biasStandardError else {
            Issue.record("\(name) has no bias", sourceLocation: sourceLocation)
            return
        }
        #expect(p.failures == 0, "\(name): \(p.firstFailure ?? "")", sourceLocation: sourceLocation)
        #expect(abs((p.truth?.value ?? .nan) - truth) <= defaultZBudget * max(p.truth?.standardError ?? 0, 1e-9),
                "\(name): truth \(String(describing: p.truth)) against \(truth)", sourceLocation: sourceLocation)
        let check = withinStandardErrors(bias, 0, standardError: se)
        #expect(check.ok, "\(name) bias: \(check.message)", sourceLocation: sourceLocation)
        #expect(!p.isBiased, "\(name) flagged as biased", sourceLocation: sourceLocation)
    }

    static func expectBiased(_ report: BenchmarkReport, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let p = report.performance(of: name)
        #expect(p?.isBiased == true, "\(name): bias \(String(describing: p?.bias)) ± \(String(describing: p?.biasStandardError))",
                sourceLocation: sourceLocation)
    }

    /// banner: engagement confounds; the naive contrast overstates the effect of 5.
    @Test func bannerAdjustmentRecoversTheEffect() throws {
        let report = try Self.run("banner", "banner", "spend",
                                  estimators: ["difference-in-means", "regression-adjustment", "ipw", "aipw", "psm-nearest-1"])
        Self.expectBiased(report, "difference-in-means")
        #expect((report.performance(of: "difference-in-means")?.bias ?? 0) > 0)
        for name in ["regression-adjustment", "ipw", "aipw", "psm-nearest-1"] {
            Self.expectUnbiased(report, name, truth: 5)
        }
        #expect(report.performance(of: "psm-nearest-1")?.estimand == .att)
        #expect(report.truth.ate?.isExact == true)
    }

    /// instrumental_variable: a hidden personality confounds; rain is the instrument.
    @Test func instrumentRecoversTheEffect() throws {
        let report = try Self.run("instrumental_variable", "attendance", "happiness",
                                  estimators: ["difference-in-means", "iv-2sls"])
        Self.expectBiased(report, "difference-in-means")
        Self.expectUnbiased(report, "iv-2sls", truth: 0.5)
        #expect(report.performance(of: "iv-2sls")?.estimand == .late)
    }

    /// regression_discontinuity: the jump at loyalty 70 is the banner's effect, 10.
    @Test func discontinuityRecoversTheEffectAtTheCutoff() throws {
        let report = try Self.run("regression_discontinuity", "banner", "spend", replications: 30,
                                  estimators: ["difference-in-means", "rdd-sharp", "ipw"])
        Self.expectBiased(report, "difference-in-means")
        Self.expectUnbiased(report, "rdd-sharp", truth: 10)
        #expect(report.performance(of: "rdd-sharp")?.estimand == .effectAtCutoff)
        // Weighting cannot run: the covariate decides the treatment.
        #expect(report.performance(of: "ipw")?.failures == 30)
        #expect(report.performance(of: "ipw")?.firstFailure?.contains("no overlap") == true)
    }

    /// fuzzy_discontinuity: the compliers at the cutoff gain E[a(4 + 8a)] / E[a] = 28/3,
    /// which fuzzy RD recovers, while the naive contrast is confounded by loyalty.
    @Test func fuzzyDiscontinuityRecoversTheCompliersEffect() throws {
        let report = try Self.run("fuzzy_discontinuity", "banner", "spend", rows: 6000, replications: 30,
                                  estimators: ["difference-in-means", "rdd-fuzzy"])
        Self.expectUnbiased(report, "rdd-fuzzy", truth: 28.0 / 3)
        Self.expectBiased(report, "difference-in-means")
        #expect(report.performance(of: "rdd-fuzzy")?.estimand == .lateAtCutoff)
        #expect(report.design.roles.runningVariable == "loyalty" && report.design.roles.cutoff == 70)
    }

    /// difference_in_differences: a repeated cross-section; the 2×2 contrast recovers 10.
    @Test func differenceInDifferencesRecoversTheEffect() throws {
        let report = try Self.run("difference_in_differences", "campaign", "sales",
                                  estimators: ["difference-in-means", "did-2x2"])
        Self.expectBiased(report, "difference-in-means")
        Self.expectUnbiased(report, "did-2x2", truth: 10)
        #expect(report.performance(of: "did-2x2")?.uncertainty?.contains("HC1") == true)
    }

    /// heterogeneous_effect: δ = 0.3(60 − age), ATE 6. The T-learner, DML (interactive) and
    /// regression adjustment recover the ATE and predict the CATE well; the S-learner with
    /// a linear learner assumes one common effect, so it misses the ATE and its predicted
    /// CATE is constant: its binned error is at least the spread of the true bin effects,
    /// 1.2·√(99/12) ≈ 3.45 (deciles of width 4).
    @Test func heterogeneousEffectsAndTheirCATEError() throws {
        let report = try Self.run("heterogeneous_effect", "discount", "purchases", replications: 30,
                                  estimators: ["s-learner-linear", "t-learner-linear", "dml-irm-linear",
                                               "regression-adjustment", "dml-plr-linear"])
        for name in ["t-learner-linear", "dml-irm-linear", "regression-adjustment"] {
            Self.expectUnbiased(report, name, truth: 6)
            let error = try #require(report.performance(of: name)?.binnedCATEError, "\(name) reports no CATE error")
            // A linear CATE fitted on 2000 rows: errors of a few tenths (about 0.25 measured).
            #expect(error < 1, "\(name): CATE error \(error)")
        }
        Self.expectBiased(report, "s-learner-linear")
        #expect((report.performance(of: "s-learner-linear")?.binnedCATEError ?? 0) > 3.4)
        #expect(report.performance(of: "dml-plr-linear")?.binnedCATEError == nil)
        #expect(report.performance(of: "dml-plr-linear")?.estimand == .varianceWeightedEffect)
    }

    /// The same seed gives the same estimates whatever the threads, and an estimator's
    /// results do not depend on which other estimators run.
    @Test func resultsDoNotDependOnSchedulingOrCompany() throws {
        let model = try ModelCatalog.load("banner")
        func run(threads: Int, estimators: [String]) throws -> BenchmarkReport {
            try Benchmark(model: model, treatment: "banner", outcome: "spend",
                          options: BenchmarkOptions(rows: 300, replications: 5, seed: 9, truthUnits: 10_000,
                                                    estimators: estimators, bootstrapReplications: 5, threads: threads)).run()
        }
        let all = ["ipw", "t-learner-linear", "dml-irm-linear"]
        let one = try run(threads: 1, estimators: all), two = try run(threads: 2, estimators: all)
        let alone = try run(threads: 2, estimators: ["dml-irm-linear"])
        for name in all {
            #expect(one.performance(of: name)?.meanEstimate == two.performance(of: name)?.meanEstimate, "\(name)")
            #expect(one.performance(of: name)?.coverage == two.performance(of: name)?.coverage, "\(name)")
        }
        #expect(alone.performance(of: "dml-irm-linear")?.meanEstimate == one.performance(of: "dml-irm-linear")?.meanEstimate)
    }

    @Test func estimatorChoicesAreChecked() throws {
        let model = try ModelCatalog.load("banner")
        func prepare(_ estimators: [String]?) throws -> Benchmark {
            try Benchmark(model: model, treatment: "banner", outcome: "spend",
                          options: BenchmarkOptions(rows: 200, replications: 2, estimators: estimators))
        }
        #expect(throws: BenchmarkError.notApplicable(name: "rdd-sharp", reason: "needs a running variable and a cutoff")) {
            try prepare(["rdd-sharp"])
        }
        // The normalised IPW is plain "ipw"; its old name is gone.
        let unknown = #expect(throws: BenchmarkError.self) { try prepare(["ipw-hajek"]) }
        #expect(unknown?.description.hasPrefix("no estimator named 'ipw-hajek' (estimators: difference-in-means, ") == true)
        #expect(unknown?.description.contains(", ipw-horvitz-thompson, ipw, aipw, ") == true)
        let all = try prepare(nil)
        #expect(all.estimators.map(\.name).contains("x-learner-boosted-trees"))
        #expect(all.notApplicable.contains { $0.name == "iv-2sls" && $0.reason == "needs an instrument" })
        // front_door: a continuous treatment and nothing observed to adjust for; the front
        // door identifies the effect, but no estimator uses it, and the message says so.
        let none = #expect(throws: BenchmarkError.self) {
            try Benchmark(model: ModelCatalog.load("front_door"), treatment: "smoking", outcome: "cancer",
                          options: BenchmarkOptions(rows: 200, replications: 2))
        }
        #expect(none?.description.hasPrefix("no estimator applies to the effect of 'smoking' on 'cancer': it is identified by "
            + "the front-door criterion through {tar} (no observed set blocks its back-door paths), and front-door "
            + "identification is not among the estimators (the estimators' reasons: needs a binary (0/1) treatment; ") == true,
                "\(String(describing: none))")
        #expect(throws: BenchmarkError.invalidOption(option: "rows", detail: "must be at least 10 (got 5)")) {
            try Benchmark(model: model, treatment: "banner", outcome: "spend", options: BenchmarkOptions(rows: 5, replications: 2))
        }
    }
}
