import CausalModel
import Testing
@testable import Validation

/// A benchmark over posterior draws judges each estimate against its own draw's truth and
/// reports each truth as a posterior summary over the draws.
@Suite struct PosteriorBenchmarkTests {
    static func draw(effect: Double) throws -> StructuralCausalModel {
        try ModelFileParser().parse("t ~ Bernoulli(0.5)\ny = \(effect) * t + Normal(0, 1)\n")
    }

    @Test func estimatesAreJudgedAgainstTheirOwnDrawsTruth() throws {
        let options = BenchmarkOptions(rows: 400, replications: 60, seed: 5, truthUnits: 10_000, estimators: ["difference-in-means"])
        let report = try PosteriorBenchmark(models: [Self.draw(effect: 1), Self.draw(effect: 3)], treatment: "t", outcome: "y",
                                            options: options).run()
        #expect(report.draws.map(\.replications) == [30, 30])
        // The ATE is 1 in one draw and 3 in the other, exactly: mean 2, type-7 quantiles 1 + 2·0.025 and 1 + 2·0.975.
        let ate = report.truths.first { $0.estimand == .ate }?.summary
        #expect(abs((ate?.mean ?? .nan) - 2) < 1e-9)
        #expect(abs((ate?.lower ?? .nan) - 1.05) < 1e-9 && abs((ate?.upper ?? .nan) - 2.95) < 1e-9)
        let pooled = try #require(report.performance(of: "difference-in-means"))
        let bias = pooled.bias ?? .nan, se = pooled.biasStandardError ?? .nan
        #expect(abs(bias) < 4.5 * se, "bias \(bias), SE \(se)")
        // Against the pooled mean truth 2 every estimate would be about 1 off; against its own draw's
        // truth the error is the sampling error, SE √(1/100 + 1/100) ≈ 0.14 at 400 rows.
        #expect((pooled.rmse ?? .nan) < 0.3)
        #expect(abs((pooled.coverage ?? 0) - 0.95) < 4.5 * (0.95 * 0.05 / 60).squareRoot())
        #expect(report.jsonText().contains("\"draws\" : 2"))
    }

    @Test func fewerReplicationsThanDrawsIsAnError() throws {
        let options = BenchmarkOptions(rows: 100, replications: 1, estimators: ["difference-in-means"])
        #expect(throws: BenchmarkError.self) {
            try PosteriorBenchmark(models: [Self.draw(effect: 1), Self.draw(effect: 3)], treatment: "t", outcome: "y", options: options)
        }
    }

    @Test func mediationOverDrawsJudgesEachEstimateAgainstItsOwnDrawsEffects() throws {
        // NIE = a · 0.8 in each draw (a = 1 and 2), NDE = 1.5.
        let models = try [1.0, 2.0].map { a in
            try ModelFileParser().parse("t ~ Bernoulli(0.5)\nm = \(a) * t + Normal(0, 1)\ny = 1.5 * t + 0.8 * m + Normal(0, 1)\n")
        }
        let options = BenchmarkOptions(rows: 400, replications: 60, seed: 8, truthUnits: 10_000,
                                       estimators: ["product-of-coefficients"])
        let report = try PosteriorMediationBenchmark(models: models, treatment: "t", mediator: "m", outcome: "y", options: options).run()
        #expect(abs(report.naturalIndirect.mean - 1.2) < 1e-9)
        #expect(abs(report.naturalIndirect.lower - (0.8 + 0.025 * 0.8)) < 1e-9)
        let indirect = try #require(report.performance(of: "product-of-coefficients", .naturalIndirectEffect))
        let bias = indirect.bias ?? .nan, se = indirect.biasStandardError ?? .nan
        #expect(abs(bias) < 4.5 * se, "bias \(bias), SE \(se)")
        // Against the pooled truth 1.2 every estimate would be about 0.4 off; against its own draw's, the sampling error (≈ 0.1).
        #expect((indirect.rmse ?? .nan) < 0.25)
        #expect(report.jsonText().contains("naturalIndirect"))
    }
}
