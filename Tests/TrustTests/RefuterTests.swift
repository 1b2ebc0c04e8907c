import CausalModel
import Estimators
import ModelCatalog
import Probability
import Testing
@testable import Trust

/// Refuters on samples of catalog models: the placebo's alarm rate when nothing is wrong
/// (over replications, within 4.4 binomial standard errors of α), the dummy outcome's alarm
/// when an estimator ignores an observed confounder, and the others' behaviour.
@Suite struct RefuterTests {
    static func bannerData(rows: Int, seed: UInt64, covariates: [String] = ["engagement"]) throws -> CausalData {
        let table = try ModelCatalog.load("banner").sample(rows: rows, seed: seed, options: SamplingOptions(threads: 1))
        return try CausalData(table: table, roles: Roles(outcome: "spend", treatment: "banner", covariates: covariates))
    }

    @Test func placeboAlarmsAtItsNominalRate() throws {
        let replications = 1000
        let refuter = Refuter(kinds: [.placeboTreatment], simulations: 20, alpha: 0.05)
        var alarms = 0
        for r in 0..<replications {
            let data = try Self.bannerData(rows: 200, seed: StreamKey(seed: 21).appending(UInt64(r)).state)
            if try refuter.run(Trust.OrdinaryLeastSquares(), on: data, seed: UInt64(r)).refutations[0].alarm { alarms += 1 }
        }
        let rate = Double(alarms) / Double(replications)
        let se = (0.05 * 0.95 / Double(replications)).squareRoot()
        #expect(abs(rate - 0.05) <= 4.4 * se, "placebo alarm rate \(rate) over \(replications) replications (α = 0.05, SE \(se))")
    }

    @Test func dummyOutcomeCatchesAnUnadjustedObservedConfounder() throws {
        let data = try Self.bannerData(rows: 2000, seed: 3)
        let refuter = Refuter(kinds: [.dummyOutcome], simulations: 20)
        // The difference in means ignores engagement, which drives both the banner and the dummy outcome.
        let naive = try refuter.run(DifferenceInMeans(), on: data, seed: 1).refutations[0]
        #expect(naive.alarm, "\(naive.verdict)")
        #expect(naive.newEstimate > 3)
        let adjusted = try refuter.run(Trust.OrdinaryLeastSquares(), on: data, seed: 1).refutations[0]
        #expect(!adjusted.alarm, "\(adjusted.verdict)")
    }

    @Test func stabilityRefutersPassOnAWellSpecifiedRegression() throws {
        let data = try Self.bannerData(rows: 2000, seed: 4)
        let report = try Refuter(kinds: [.randomCommonCause, .dataSubset, .bootstrap], simulations: 30).run(Trust.OrdinaryLeastSquares(), on: data, seed: 2)
        for r in report.refutations {
            #expect(!r.alarm, "\(r.kind): \(r.verdict)")
            #expect(r.expected == report.original.value)
        }
        // The classical SE of a homoskedastic regression matches the bootstrap spread:
        // the ratio's sampling error with 30 resamples is about 1/√60 ≈ 0.13.
        let ratio = try #require(report.refutations[2].standardErrorRatio)
        #expect(abs(ratio - 1) < 4.4 * 0.13, "SE ratio \(ratio)")
    }

    @Test func sameSeedSameResult() throws {
        let data = try Self.bannerData(rows: 300, seed: 5)
        let a = try Refuter(simulations: 5).run(Trust.OrdinaryLeastSquares(), on: data, seed: 9)
        let b = try Refuter(simulations: 5).run(Trust.OrdinaryLeastSquares(), on: data, seed: 9)
        #expect(a == b)
        #expect(a.refutations.map(\.kind) == RefuterKind.allCases)
    }

    @Test func badSettingsAreRefused() throws {
        #expect(throws: SensitivityError.self) { try Refuter(simulations: 1).validate() }
        #expect(throws: SensitivityError.self) { try Refuter(kinds: []).validate() }
        #expect(throws: SensitivityError.self) { try Refuter(alpha: 0).validate() }
    }
}
