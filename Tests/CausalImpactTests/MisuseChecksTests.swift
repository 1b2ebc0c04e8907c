import Testing
import Probability
import Tabular
import TestSupport
@testable import CausalImpact

/// The misuse checks and the covariate options, each on data built to trigger it (or not).
@Suite struct MisuseChecksTests {
    static func walk(_ n: Int, seed: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed, path: [0x6D69_7375])
        var level = 0.0
        return (0..<n).map { _ in
            level += stream.normal()
            return 50 + level
        }
    }

    @Test func aLaggedCopyOfTheResponseIsFoundAtItsLag() {
        let y = Self.walk(80, seed: 1), noise = Self.walk(80, seed: 2)
        let lagged = [y[0]] + y.dropLast().map { 3 * $0 + 7 }   // x_t = 3·y_{t−1} + 7
        let found = MisuseChecks.copy(of: y, in: lagged)
        #expect(found?.lag == 1)
        #expect(abs((found?.correlation ?? 0) - 1) < 1e-9)
        // Two independent random walks look alike in levels, not in their changes.
        #expect(MisuseChecks.copy(of: y, in: noise) == nil)
    }

    @Test func lagOneAutocorrelationMatchesTheProcess() throws {
        let stream = RandomStream(seed: 3, path: [1])
        let n = 2000, phi = 0.8
        var e = 0.0
        let ar = (0..<n).map { _ -> Double in
            e = phi * e + stream.normal()
            return e
        }
        let (rho, count) = try #require(MisuseChecks.lagOneAutocorrelation(ar))
        #expect(count == n)
        // SE of ρ̂ for an AR(1): √((1 − φ²)/n).
        let check = withinStandardErrors(rho, phi, standardError: ((1 - phi * phi) / Double(n)).squareRoot())
        #expect(check.ok, "AR(1): \(check.message)")
        let white = (0..<n).map { _ in stream.normal() }
        let (r0, _) = try #require(MisuseChecks.lagOneAutocorrelation(white))
        #expect(withinStandardErrors(r0, 0, standardError: 1 / Double(n).squareRoot()).ok)
    }

    /// An analysis from fabricated draws: prediction `level` with noise sd 1.
    static func result(_ y: [Double], pre: Int, covariates: [(String, [Double])] = [], level: Double) throws -> ImpactResult {
        var spec = ImpactSpecification(pre: .rows(1...pre), post: .rows((pre + 1)...y.count))
        spec.model.priors = .bsts
        let data = try ImpactData(table: try Table(numericColumns: [("y", y)] + covariates), specification: spec)
        let states = (0..<200).map { _ in [Double](repeating: level, count: y.count) }
        return try ImpactAnalysis.run(data: data, specification: spec) { _ in
            try StateDraws(states: states, observationSD: [Double](repeating: 1, count: 200))
        }
    }

    @Test func longPostPeriodsAndBaselinesAroundZeroAreFlagged() throws {
        let stream = RandomStream(seed: 4, path: [2])
        let y = (0..<30).map { _ in stream.normal() }
        let warnings = MisuseChecks.warnings(for: try Self.result(y, pre: 15, level: 0), autoregressive: true)
        #expect(warnings.contains(.longPostPeriod(post: 15, pre: 15)))
        #expect(warnings.contains { if case .baselineCrossesZero = $0 { return true } else { return false } })
        let far = MisuseChecks.warnings(for: try Self.result(y.map { $0 + 100 }, pre: 25, level: 100), autoregressive: true)
        #expect(far.isEmpty, "\(far)")
    }

    @Test func aBaselineAroundZeroHasNoRelativeEffect() throws {
        let stream = RandomStream(seed: 8, path: [6])
        let y = (0..<30).map { _ in stream.normal() }
        let result = try Self.result(y, pre: 25, level: 0)
        #expect(result.summary.baselineCrossesZero)
        #expect(SummaryTable.text(of: result).contains("\nRelative effect          —"))
        #expect(!SummaryTable.text(of: result).contains("Relative effect (s.d.)"))
        #expect(result.jsonText().contains("\"relativeEffect\": null"))
        let report = ImpactReport.paragraphs(of: result)
        #expect(report[2].hasPrefix("How big. The prediction's interval includes zero, so no relative effect is given"))
        let away = try Self.result(y.map { $0 + 100 }, pre: 25, level: 100)
        #expect(!away.summary.baselineCrossesZero && !away.jsonText().contains("\"relativeEffect\": null"))
    }

    @Test func autocorrelatedResidualsAreFlaggedOnlyWithoutAnARTerm() throws {
        let stream = RandomStream(seed: 5, path: [3])
        var e = 0.0
        let y = (0..<200).map { _ -> Double in
            e = 0.8 * e + stream.normal()
            return 10 + e
        }
        let result = try Self.result(y, pre: 180, level: 10)
        #expect(MisuseChecks.warnings(for: result, autoregressive: false).contains {
            if case .autocorrelatedResiduals = $0 { return true } else { return false }
        })
        #expect(MisuseChecks.warnings(for: result, autoregressive: true).isEmpty)
    }

    @Test func aCovariateThatMovedIsCaughtAndAQuietOneIsNot() throws {
        let stream = RandomStream(seed: 6, path: [4])
        let n = 100, pre = 70
        let quiet = (0..<n).map { _ in 20 + stream.normal() }
        let moved = (0..<n).map { t in 20 + stream.normal() + (t >= pre ? 5 : 0) }
        let y = zip(quiet, moved).map { $0 + $1 + stream.normal() }
        var spec = ImpactSpecification(pre: .rows(1...pre), post: .rows((pre + 1)...n))
        spec.sampler.iterations = 300
        let table = try Table(numericColumns: [("y", y), ("quiet", quiet), ("moved", moved)])
        let shifts = try CovariateShift.check(table: table, specification: spec)
        #expect(shifts.map(\.covariate) == ["quiet", "moved"])
        #expect(shifts.map(\.moved) == [false, true])
        #expect(shifts[1].warning != nil && shifts[0].warning == nil)
    }

    @Test func anExpectedModelSizeOfEveryColumnIncludesEveryCovariate() throws {
        let stream = RandomStream(seed: 7, path: [5])
        let n = 60
        let columns = (1...3).map { j in ("x\(j)", (0..<n).map { _ in stream.normal() }) }
        let y = (0..<n).map { _ in 5 + stream.normal() }
        var spec = ImpactSpecification(pre: .rows(1...50), post: .rows(51...n))
        spec.sampler.iterations = 200
        // P = 4 columns with the intercept: M = 4 makes every prior inclusion probability 1.
        spec.model.expectedModelSize = 4
        let table = try Table(numericColumns: [("y", y)] + columns)
        let all = try #require(try ImpactAnalysis.run(table: table, specification: spec).sampler)
        #expect(all.inclusionProbabilities == [1, 1, 1])
        spec.model.expectedModelSize = 0.2
        let few = try #require(try ImpactAnalysis.run(table: table, specification: spec).sampler)
        #expect(few.inclusionProbabilities.allSatisfy { $0 < 0.5 }, "\(few.inclusionProbabilities)")
        spec.model.expectedModelSize = -1
        #expect(throws: ImpactError.self) { try spec.validate() }
    }
}
