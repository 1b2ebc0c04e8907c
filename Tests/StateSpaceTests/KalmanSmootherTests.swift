import GSL
import Testing
@testable import StateSpace

@Suite struct KalmanSmootherTests {
    /// α̂_t and V_t equal the dense Gaussian conditional E[α | y_obs], Var[α | y_obs].
    @Test func smoothedStatesMatchDenseConditional() throws {
        let n = 12
        let model = try Fixtures.structuralModel(length: n)
        let y = Fixtures.series(length: n, missing: [0, 5, 6, 11])
        let smoothed = try KalmanSmoother.run(model, observations: y, covariances: true)
        let dense = try DenseReference(model).conditional(y)
        #expect(maxDifference(smoothed.means.elements, dense.mean) < 1e-9)
        let m = model.stateDimension
        for t in 0..<n {
            for i in 0..<m {
                for j in 0..<m {
                    let expected = dense.covariance[t * m + i, t * m + j]
                    #expect(abs(smoothed.covariances![t][i, j] - expected) < 1e-9, "V_\(t)[\(i),\(j)]")
                }
            }
        }
    }

    /// Identity transitions (skipped) and a sparse Z and R Q Rᵀ (only their non-zero entries are used).
    @Test func identityRegimesAndSparseLoadingsMatchDenseConditional() throws {
        let n = 13
        let model = try Fixtures.levelAndSlowSeasonal(length: n)
        let y = Fixtures.series(length: n, missing: [4, 9])
        let smoothed = try KalmanSmoother.run(model, observations: y, covariances: true)
        let reference = DenseReference(model)
        let dense = try reference.conditional(y)
        #expect(maxDifference(smoothed.means.elements, dense.mean) < 1e-9)
        #expect(abs(smoothed.logLikelihood - (try reference.logLikelihood(y))) < 1e-9)
        for t in 0..<n {
            for i in 0..<3 { #expect(abs(smoothed.covariances![t][i, i] - dense.covariance[t * 3 + i, t * 3 + i]) < 1e-9) }
        }
    }

    @Test func scalarSmootherMatchesDenseConditional() throws {
        let n = 25
        let model = try Fixtures.localLevel(length: n, h: 0.9, q: 0.3, a1: 2, p1: 4)
        let y = Fixtures.series(length: n, missing: [2, 3, 24])
        let smoothed = try KalmanSmoother.run(model, observations: y, covariances: true)
        let dense = try DenseReference(model).conditional(y)
        #expect(maxDifference(smoothed.means.elements, dense.mean) < 1e-10)
        for t in 0..<n {
            #expect(abs(smoothed.covariances![t][0, 0] - dense.covariance[t, t]) < 1e-10, "V_\(t)")
        }
    }
}
