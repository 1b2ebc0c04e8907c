import Foundation
import GSL
import Testing
@testable import StateSpace

@Suite struct KalmanFilterTests {
    /// The prediction-error decomposition equals the dense multivariate-normal
    /// log density of the observed y, with missing values, two regimes and a
    /// time-varying Z.
    @Test func logLikelihoodMatchesDenseMultivariateNormal() throws {
        let n = 14
        let model = try Fixtures.structuralModel(length: n)
        let y = Fixtures.series(length: n, missing: [3, 4, 9])
        let filtered = try KalmanFilter.run(model, observations: y)
        let dense = try DenseReference(model).logLikelihood(y)
        #expect(abs(filtered.logLikelihood - dense) < 1e-9 * max(1, abs(dense)), "Kalman \(filtered.logLikelihood) dense \(dense)")
        #expect(filtered.innovations[3].isNaN && filtered.innovationVariances[9].isNaN)
    }

    @Test func scalarLogLikelihoodMatchesDenseMultivariateNormal() throws {
        let n = 20
        let model = try Fixtures.localLevel(length: n, h: 0.7, q: 0.2, a1: 1.5, p1: 3)
        let y = Fixtures.series(length: n, missing: [0, 7, 8, 19])
        let filtered = try KalmanFilter.run(model, observations: y)
        let dense = try DenseReference(model).logLikelihood(y)
        #expect(abs(filtered.logLikelihood - dense) < 1e-10 * max(1, abs(dense)), "Kalman \(filtered.logLikelihood) dense \(dense)")
    }

    /// The local-level filter against the textbook scalar recursion
    /// (Durbin & Koopman 2012, §2.2), written out here independently.
    @Test func localLevelMatchesHandWrittenRecursion() throws {
        let n = 60, h = 1.3, q = 0.4
        let model = try Fixtures.localLevel(length: n, h: h, q: q, a1: -0.5, p1: 2)
        let y = Fixtures.series(length: n, missing: [5, 6, 30])
        let filtered = try KalmanFilter.run(model, observations: y, storeCovariances: true)
        var a = -0.5, p = 2.0, logLikelihood = 0.0
        for t in 0..<n {
            #expect(abs(filtered.predictedMeans[t, 0] - a) < 1e-12)
            #expect(abs(filtered.predictedCovariances![t][0, 0] - p) < 1e-12)
            if y[t].isNaN {
                p += q
                continue
            }
            let f = p + h, v = y[t] - a, k = p / f
            #expect(abs(filtered.innovations[t] - v) < 1e-12 && abs(filtered.innovationVariances[t] - f) < 1e-12)
            logLikelihood += -0.5 * (log(2 * Double.pi) + log(f) + v * v / f)
            a += k * v
            p = p * (1 - k) + q
        }
        #expect(abs(filtered.logLikelihood - logLikelihood) < 1e-10)
    }

    @Test func scalarKernelsAgreeWithGeneralKernels() throws {
        let n = 300
        let model = try Fixtures.localLevel(length: n, h: 0.5, q: 0.05, a1: 0, p1: 1)
        let y = Fixtures.series(length: n, missing: Set(stride(from: 0, to: n, by: 11)))
        let scalar = try KalmanWorkspace(model: model, allowScalarKernels: true)
        let general = try KalmanWorkspace(model: model, allowScalarKernels: false)
        #expect(scalar.isScalar && !general.isScalar)
        let a = scalar.filterOutput(y, storeCovariances: true), b = general.filterOutput(y, storeCovariances: true)
        #expect(abs(a.logLikelihood - b.logLikelihood) < 1e-9)
        #expect(maxDifference(a.predictedMeans.elements, b.predictedMeans.elements) < 1e-10)
    }

    /// Ten thousand points of a 6-state model with a long gap: finite output,
    /// covariances symmetric with non-negative diagonals.
    @Test func longSeriesStaysNumericallySound() throws {
        let n = 10_000
        let model = try Fixtures.structuralModel(length: n)
        let y = Fixtures.series(length: n, missing: Set(4_000..<4_500))
        let filtered = try KalmanFilter.run(model, observations: y, storeCovariances: true)
        #expect(filtered.logLikelihood.isFinite)
        let covariances = filtered.predictedCovariances!
        for t in stride(from: 0, to: n, by: 97) {
            let p = covariances[t]
            for i in 0..<6 {
                #expect(p[i, i] >= 0)
                for j in 0..<i { #expect(p[i, j] == p[j, i]) }
            }
            #expect((try? p.cholesky()) != nil, "P_\(t) is not positive definite")
        }
    }

    @Test func wrongLengthIsATypedError() throws {
        let model = try Fixtures.localLevel(length: 5, h: 1, q: 1, a1: 0, p1: 1)
        #expect(throws: StateSpaceError.lengthMismatch(expected: 5, actual: 4)) {
            try KalmanFilter.run(model, observations: [1, 2, 3, 4])
        }
    }

    @Test func invalidModelsAreRejected() throws {
        #expect(throws: StateSpaceError.self) { try Fixtures.localLevel(length: 5, h: -1, q: 1, a1: 0, p1: 1) }
        #expect(throws: StateSpaceError.self) { try Fixtures.localLevel(length: 5, h: 1, q: -1, a1: 0, p1: 1) }
        #expect(throws: StateSpaceError.self) {
            try StateSpaceModel(length: 3, loadings: .constant([1, 0]), observationVariance: 1,
                                regimes: [.init(transition: .identity(1), disturbanceLoading: Matrix([[1]]),
                                                disturbanceCovariance: Matrix([[1]]))],
                                initialMean: [0], initialCovariance: Matrix([[1]]))
        }
    }
}
