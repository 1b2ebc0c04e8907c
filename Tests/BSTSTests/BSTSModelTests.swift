import Foundation
import Probability
import Testing
import TestSupport
@testable import BSTS

@Suite struct BSTSModelTests {
    static let n = 60
    static let x = (0..<n).map { sin(Double($0) * 0.3) + 0.02 * Double($0) }
    static let y: [Double] = {
        let stream = RandomStream(seed: 3)
        var level = 0.0
        return (0..<n).map { t in
            level += 0.05 * stream.normal()
            return t >= 50 ? .nan : level + 1.2 * x[t] + 0.3 * stream.normal()
        }
    }()

    static func fit(chains: Int = 1, iterations: Int = 200, seed: UInt64 = 5, model: ModelOptions = ModelOptions(),
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> BSTSPosterior {
        try BSTSModel.fit(response: y, covariates: [x], covariateNames: ["x"], model: model,
                          sampler: SamplerOptions(iterations: iterations, seed: seed, chains: chains, progressInterval: 50),
                          progress: progress)
    }

    /// Chain c always draws from substream c of the seed: a chain's draws are the
    /// same whether it runs alone or beside others, and runs repeat exactly.
    @Test func chainsAreReproducibleAndIndependentOfScheduling() throws {
        let alone = try Self.fit(chains: 1)
        let together = try Self.fit(chains: 3)
        let again = try Self.fit(chains: 3)
        #expect(together.burnIn[0] == alone.burnIn[0])
        #expect(Array(together.stateContributions.prefix(alone.stateContributions.count)) == alone.stateContributions)
        #expect(together.stateContributions == again.stateContributions)
        #expect(together.observationSD == again.observationSD)
        #expect(together.keptDraws.reduce(0, +) == together.stateContributions.count)
        #expect(together.stateContributions.allSatisfy { $0.count == Self.n && $0.allSatisfy(\.isFinite) })
        #expect(together.diagnostics.allSatisfy { $0.splitRHat != nil } && alone.diagnostics.allSatisfy { $0.splitRHat == nil })
        #expect(try Self.fit(seed: 6).observationSD != alone.observationSD)
    }

    @Test func progressCountsEveryIterationOfEveryChain() throws {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var calls: [(Int, Int)] = []
        }
        let log = Log()
        _ = try Self.fit(chains: 2, iterations: 120) { done, total in
            log.lock.lock(); log.calls.append((done, total)); log.lock.unlock()
        }
        #expect(log.calls.count == 6)   // each chain: at 50, 100 and the last 20
        #expect(log.calls.allSatisfy { $0.1 == 240 })
        #expect(log.calls.map(\.0).max() == 240)
    }

    @Test func everyComponentCombinationRuns() throws {
        for trend in TrendKind.allCases {
            for priors in PriorPreset.allCases {
                for dynamic in [false, true] {
                    let model = ModelOptions(trend: trend, seasons: 3, seasonDuration: 2, dynamicRegression: dynamic, priors: priors)
                    let posterior = try Self.fit(iterations: 30, model: model)
                    let names = posterior.standardDeviations.map(\.name)
                    // The semilocal and Student-t trends' σ's carry bsts' names for them.
                    let level = trend == .semilocal ? "trend.level.sd" : trend == .student ? "sigma.trend.level" : "sigma.level"
                    #expect(names.contains("sigma.seasonal") && names.contains(level))
                    #expect(names.contains("sigma.slope") == (trend == .localLinearTrend))
                    #expect(names.contains("sigma.x") == dynamic)
                    #expect(posterior.inclusionProbabilities.count == (dynamic ? 0 : 1))
                    #expect(posterior.stateContributions.allSatisfy { $0.allSatisfy(\.isFinite) })
                }
            }
        }
        let noCovariates = try BSTSModel.fit(response: Self.y, covariates: [], covariateNames: [], model: ModelOptions(),
                                             sampler: SamplerOptions(iterations: 30))
        #expect(noCovariates.coefficients.isEmpty && noCovariates.standardDeviations.count == 2)
    }

    @Test func badInputGivesTypedErrors() {
        let options = ModelOptions(), sampler = SamplerOptions(iterations: 20)
        func expectError(_ expected: BSTSError, _ body: () throws -> BSTSPosterior) {
            #expect(throws: expected) { _ = try body() }
        }
        expectError(.tooFewIterations(9)) {
            try BSTSModel.fit(response: Self.y, covariates: [Self.x], covariateNames: ["x"], model: options,
                              sampler: SamplerOptions(iterations: 9))
        }
        expectError(.invalidChainCount(0)) {
            try BSTSModel.fit(response: Self.y, covariates: [Self.x], covariateNames: ["x"], model: options,
                              sampler: SamplerOptions(chains: 0))
        }
        var withInfinity = Self.x
        withInfinity[7] = -.infinity
        expectError(.covariateNotFinite(name: "x", row: 8, value: -.infinity)) {
            try BSTSModel.fit(response: Self.y, covariates: [withInfinity], covariateNames: ["x"], model: options, sampler: sampler)
        }
        var withNaN = Self.x
        withNaN[7] = .nan
        #expect {
            _ = try BSTSModel.fit(response: Self.y, covariates: [withNaN], covariateNames: ["x"], model: options, sampler: sampler)
        } throws: { error in
            if case .covariateNotFinite("x", 8, let value) = error as? BSTSError { return value.isNaN }
            return false
        }
        expectError(.covariateLength(name: "x", count: 59, expected: 60)) {
            try BSTSModel.fit(response: Self.y, covariates: [Array(Self.x.dropLast())], covariateNames: ["x"], model: options, sampler: sampler)
        }
        expectError(.covariateNames(count: 2, expected: 1)) {
            try BSTSModel.fit(response: Self.y, covariates: [Self.x], covariateNames: ["x", "z"], model: options, sampler: sampler)
        }
        expectError(.tooFewObservations(2)) {
            try BSTSModel.fit(response: [1, .nan, 2, .nan], covariates: [], covariateNames: [], model: options, sampler: sampler)
        }
        expectError(.constantResponse) {
            try BSTSModel.fit(response: [3, 3, 3, .nan], covariates: [], covariateNames: [], model: options, sampler: sampler)
        }
        expectError(.responseNotFinite(row: 2, value: .infinity)) {
            try BSTSModel.fit(response: [1, .infinity, 2, 4], covariates: [], covariateNames: [], model: options, sampler: sampler)
        }
        expectError(.emptyResponse) {
            try BSTSModel.fit(response: [], covariates: [], covariateNames: [], model: options, sampler: sampler)
        }
        expectError(.constantDynamicCovariate(name: "flat")) {
            try BSTSModel.fit(response: Self.y, covariates: [[Double](repeating: 2, count: 60)], covariateNames: ["flat"],
                              model: ModelOptions(dynamicRegression: true), sampler: sampler)
        }
        expectError(.invalidOption(name: "seasons", value: "0", requirement: "must be at least 1 (1 = no seasonal component)")) {
            try BSTSModel.fit(response: Self.y, covariates: [], covariateNames: [], model: ModelOptions(seasons: 0), sampler: sampler)
        }
        #expect(BSTSError.covariateNotFinite(name: "x", row: 8, value: .nan).description.contains("covariate x row 8"))
    }

    @Test func fabricatedPosteriorCarriesItsDraws() {
        let posterior = BSTSPosterior(stateContributions: [[1, 2], [3, 4]], observationSD: [0.5, 0.7], burnIn: 3)
        #expect(posterior.stateContributions == [[1, 2], [3, 4]] && posterior.burnIn == [3] && posterior.keptDraws == [2])
        #expect(abs(posterior.standardDeviations[0].mean - 0.6) < 1e-15 && posterior.coefficients.isEmpty)
    }

    /// An all-zero covariate (a constant column after centring) is never included (π = 0).
    @Test func zeroCovariateIsNeverIncluded() throws {
        let posterior = try BSTSModel.fit(response: Self.y, covariates: [Self.x, [Double](repeating: 0, count: Self.n)],
                                          covariateNames: ["x", "zero"], model: ModelOptions(),
                                          sampler: SamplerOptions(iterations: 50))
        #expect(posterior.inclusionProbabilities[1] == 0 && posterior.coefficientMeans[1] == 0)
        #expect(posterior.coefficients[1].effectiveSampleSize.isNaN)
    }
}
