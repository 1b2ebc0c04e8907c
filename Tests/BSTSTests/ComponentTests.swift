import Foundation
import GSL
import Probability
import Testing
@testable import BSTS
@testable import StateSpace

/// The components' blocks, stacked, against matrices written out by hand, and
/// their disturbance sums against the disturbances that generated a path.
@Suite struct ComponentTests {
    static let n = 12
    static let x1 = (0..<n).map { Double($0) * 0.5 - 1 }
    static let x2 = (0..<n).map { cos(Double($0)) }
    static let prior = SdPrior(guess: 0.1, sampleSize: 1, upperLimit: 1)

    static func stack() throws -> ComponentStack {
        try ComponentStack(components: [
            LocalLinearTrend(levelPrior: prior, slopePrior: prior, initialMean: [2, 0.1], initialVariances: [4, 1]),
            Seasonal(seasons: 4, duration: 2, seasonalPrior: prior, initialVariance: 3),
            DynamicRegression(design: x1 + x2, length: n, covariateNames: ["x1", "x2"],
                              coefficientPriors: [prior, prior], initialVariance: 1),
        ], length: n, observationVariance: 1)
    }

    @Test func stackedBlocksMatchHandWrittenMatrices() throws {
        let stack = try Self.stack()
        let model = stack.model
        #expect(stack.stateDimension == 7 && stack.disturbanceCount == 5)
        #expect(stack.disturbanceNames == ["sigma.level", "sigma.slope", "sigma.seasonal", "sigma.x1", "sigma.x2"])
        // Seasons of length 2 from t = 0: the seasonal moves on the transitions at t = 1, 3, 5, …
        #expect(model.regimeIndices == (0..<Self.n).map { $0 % 2 == 1 ? model.regimeIndices[1] : model.regimeIndices[0] })
        #expect(model.regimes.count == 2)
        let moving = model.regimes[model.regimeIndices[1]], still = model.regimes[model.regimeIndices[0]]
        let expectedMoving = Matrix([
            [1, 1, 0, 0, 0, 0, 0],
            [0, 1, 0, 0, 0, 0, 0],
            [0, 0, -1, -1, -1, 0, 0],
            [0, 0, 1, 0, 0, 0, 0],
            [0, 0, 0, 1, 0, 0, 0],
            [0, 0, 0, 0, 0, 1, 0],
            [0, 0, 0, 0, 0, 0, 1],
        ])
        #expect(moving.transition.dense == expectedMoving)
        var expectedStill = expectedMoving
        for (i, j) in [(2, 2), (2, 3), (2, 4), (3, 2), (4, 3)] { expectedStill[i, j] = 0 }
        for i in 2...4 { expectedStill[i, i] = 1 }
        #expect(still.transition.dense == expectedStill)
        #expect(moving.disturbanceLoading[2, 2] == 1 && still.disturbanceLoading[2, 2] == 0)
        #expect(model.loading(at: 5) == [1, 0, 1, 0, 0, Self.x1[5], Self.x2[5]])
        #expect(model.initialMean == [2, 0.1, 0, 0, 0, 0, 0])
        #expect(model.initialCovariance.diagonal == [4, 1, 3, 3, 3, 1, 1])
    }

    /// Build a path from known disturbances with the dense matrices, then recover
    /// Σ η² per disturbance (the seasonal one only where a season starts).
    @Test func disturbanceSumsRecoverTheGeneratingDisturbances() throws {
        let stack = try Self.stack()
        let model = stack.model
        let stream = RandomStream(seed: 17)
        var alpha = (0..<7).map { _ in stream.normal() }
        var path = alpha
        var expectedSums = [Double](repeating: 0, count: 5), expectedCounts = [Int](repeating: 0, count: 5)
        for t in 0..<(Self.n - 1) {
            let regime = model.regimes[model.regimeIndices[t]]
            let eta = (0..<5).map { _ in stream.normal() }
            alpha = zip(regime.transition.dense * alpha, regime.disturbanceLoading * eta).map { $0 + $1 }
            path += alpha
            for d in 0..<5 where d != 2 || t % 2 == 1 {
                expectedSums[d] += eta[d] * eta[d]
                expectedCounts[d] += 1
            }
        }
        var sums = [Double](repeating: 0, count: 5), counts = [Int](repeating: 0, count: 5)
        path.withUnsafeBufferPointer { states in
            sums.withUnsafeMutableBufferPointer { s in
                counts.withUnsafeMutableBufferPointer { c in
                    for (k, component) in stack.components.enumerated() {
                        component.accumulateDisturbances(
                            states: states.baseAddress! + stack.stateOffsets[k], stride: stack.stateDimension,
                            length: Self.n, sums: s.baseAddress! + stack.disturbanceOffsets[k],
                            counts: c.baseAddress! + stack.disturbanceOffsets[k])
                    }
                }
            }
        }
        #expect(counts == expectedCounts)
        for d in 0..<5 { #expect(abs(sums[d] - expectedSums[d]) < 1e-10, "disturbance \(d): \(sums[d]) vs \(expectedSums[d])") }

        var signal = [Double](repeating: 0, count: Self.n)
        path.withUnsafeBufferPointer { states in
            signal.withUnsafeMutableBufferPointer { stack.observationContribution(states: states.baseAddress!, into: $0.baseAddress!) }
        }
        for t in 0..<Self.n {
            let z = model.loading(at: t)
            let expected = (0..<7).reduce(0) { $0 + z[$1] * path[t * 7 + $1] }
            #expect(abs(signal[t] - expected) < 1e-12)
        }
    }

    @Test func aSeasonWithDurationOneMovesEveryStep() {
        let seasonal = Seasonal(seasons: 7, duration: 1, seasonalPrior: Self.prior, initialVariance: 1)
        #expect((0..<10).allSatisfy { seasonal.moves(at: $0) })
        let weekly = Seasonal(seasons: 52, duration: 7, seasonalPrior: Self.prior, initialVariance: 1)
        #expect((0..<21).filter { weekly.moves(at: $0) } == [6, 13, 20])
    }
}
