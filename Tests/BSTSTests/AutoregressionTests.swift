import Foundation
import GSL
import Probability
import Testing
import TestSupport
@testable import BSTS
@testable import StateSpace

/// The AR(p) state: its companion matrix, the stationarity test, the conditional draw
/// of φ and σ on a known path, and the transition refreshed inside the smoother.
@Suite struct AutoregressionTests {
    static let prior = SdPrior(guess: 0.01, sampleSize: 0.01)

    @Test func companionMatrixHoldsTheCoefficientsInItsFirstRow() {
        let ar = Autoregression(order: 3, sigmaPrior: Self.prior)
        let blocks = [0.5, -0.2, 0.1].withUnsafeBufferPointer { ar.transitionBlocks(moving: true, parameters: $0.baseAddress!) }
        #expect(blocks == [.dense(Matrix([[0.5, -0.2, 0.1], [1, 0, 0], [0, 1, 0]]))])
        #expect(ar.disturbanceLoading(moving: true) == Matrix([[1], [0], [0]]))
        #expect(ar.parameterNames == ["AR3.coefficients.1", "AR3.coefficients.2", "AR3.coefficients.3"])
        #expect(Autoregression(order: 1, sigmaPrior: Self.prior).parameterNames == ["AR1.coefficients"])
        #expect(ar.initialMean == [0, 0, 0] && ar.initialVariances == [1, 1, 1] && ar.initialDisturbanceVariances == [1])
    }

    /// Against the roots of 1 − φ₁z − … − φ_p z^p: (1 − z/r₁)…(1 − z/r_p) expanded.
    @Test func stationarityMatchesTheRootsOfTheCharacteristicPolynomial() {
        func coefficients(roots: [Double]) -> [Double] {
            // Π (1 − z/r): coefficients c₀ = 1, c₁, …; φ_k = −c_k.
            var c = [1.0]
            for r in roots {
                var next = c + [0]
                for k in 1..<next.count { next[k] -= c[k - 1] / r }
                c = next
            }
            return c.dropFirst().map { -$0 }
        }
        #expect(Stationarity.isStationary([0.99]) && !Stationarity.isStationary([1]) && !Stationarity.isStationary([-1.01]))
        #expect(Stationarity.isStationary(coefficients(roots: [1.5, -2, 3])))
        #expect(!Stationarity.isStationary(coefficients(roots: [1.5, -0.9, 3])))
        #expect(!Stationarity.isStationary(coefficients(roots: [0.8, 2])))
        // AR(2): the triangle φ₂ < 1 − φ₁, φ₂ < 1 + φ₁, φ₂ > −1.
        #expect(Stationarity.isStationary([0.5, 0.45]) && !Stationarity.isStationary([0.5, 0.55]))
        #expect(Stationarity.isStationary([-0.5, 0.45]) && !Stationarity.isStationary([-0.5, 0.55]))
        #expect(!Stationarity.isStationary([0, -1.01]) && Stationarity.isStationary([0, -0.99]))
    }

    /// On a long AR(2) path the Gibbs pair (φ | σ², σ² | φ) has the regression posterior:
    /// φ's mean is φ̂ = (X'X)⁻¹X'y and its sd √(σ̂²(X'X)⁻¹_ii), σ̂² = SS(φ̂)/(n − p); the
    /// average and the sd of 4000 draws within 4.42 standard errors (sd/√ESS for the
    /// average, sd/√(2·ESS) for the sd, ESS of the draws themselves).
    @Test func coefficientDrawsFollowTheRegressionPosterior() {
        let stream = RandomStream(seed: 7)
        let n = 3000, p = 2, truth = [0.6, -0.3]
        var a = [0.0, 0.0]
        var path: [Double] = []
        for _ in 0..<n {
            path += a
            a = [truth[0] * a[0] + truth[1] * a[1] + 0.5 * stream.normal(), a[0]]
        }
        var xtx = [0.0, 0, 0, 0], xty = [0.0, 0]
        for t in 0..<(n - 1) {
            let x = [path[t * p], path[t * p + 1]], y = path[(t + 1) * p]
            for i in 0..<2 { xty[i] += x[i] * y; for j in 0..<2 { xtx[i * 2 + j] += x[i] * x[j] } }
        }
        let det = xtx[0] * xtx[3] - xtx[1] * xtx[2]
        let inverse = [xtx[3] / det, -xtx[1] / det, -xtx[2] / det, xtx[0] / det]
        let hat = [inverse[0] * xty[0] + inverse[1] * xty[1], inverse[2] * xty[0] + inverse[3] * xty[1]]
        var ss = 0.0
        for t in 0..<(n - 1) {
            let e = path[(t + 1) * p] - hat[0] * path[t * p] - hat[1] * path[t * p + 1]
            ss += e * e
        }
        let sigma2 = ss / Double(n - 1 - p)

        let ar = Autoregression(order: 2, sigmaPrior: Self.prior)
        var variance = [1.0], parameters = [0.0, 0.0], sums = [0.0], counts = [0]
        var draws: [[Double]] = [[], [], []]
        let sweeps = 4000
        for _ in 0..<sweeps {
            drawParameters(of: ar, path: path, stride: p, length: n, variances: &variance, parameters: &parameters,
                      sums: &sums, counts: &counts, stream: stream)
            draws[0].append(parameters[0]); draws[1].append(parameters[1]); draws[2].append(variance[0])
        }
        for i in 0..<2 {
            let sd = (sigma2 * inverse[i * 2 + i]).squareRoot()
            let kept = Array(draws[i].dropFirst(10)), ess = MCMCDiagnostics.effectiveSampleSize([kept])
            let check = withinStandardErrors(mean(kept), hat[i], standardError: sd / ess.squareRoot())
            #expect(check.ok, "φ\(i + 1): \(check.message)")
            let spread = withinStandardErrors(standardDeviation(kept), sd, standardError: sd / (2 * ess).squareRoot())
            #expect(spread.ok, "φ\(i + 1) posterior sd: \(spread.message)")
        }
        // σ² | φ is inverse gamma with shape (n − 1)/2 and scale SS(φ)/2, E[SS(φ)] = SS(φ̂) + pσ²:
        // E[σ²] = (SS(φ̂) + pσ²)/(n − 3), sd σ²√(2/(n − 5)).
        let check = withinStandardErrors(mean(draws[2].dropFirst(10)), (ss + Double(p) * sigma2) / Double(n - 3),
                                         standardError: sigma2 * (2 / Double(n - 5)).squareRoot() / Double(sweeps).squareRoot())
        #expect(check.ok, "σ²: \(check.message)")
    }

    /// A non-stationary least-squares fit (a random walk) still yields stationary draws
    /// (rejection, then the one-at-a-time fallback).
    @Test func drawsStayStationaryOnARandomWalk() {
        let stream = RandomStream(seed: 3)
        var level = 0.0
        let path = (0..<400).map { t -> Double in level += stream.normal(); return level + 0.001 * Double(t) }
        let ar = Autoregression(order: 1, sigmaPrior: Self.prior)
        var variance = [1.0], phi = [0.0], sums = [0.0], counts = [0]
        for _ in 0..<200 {
            drawParameters(of: ar, path: path, stride: 1, length: path.count, variances: &variance, parameters: &phi,
                      sums: &sums, counts: &counts, stream: stream)
            #expect(abs(phi[0]) < 1)
        }
    }

    /// After `setTransition`, the smoother filters as a model built with the new T.
    @Test func refreshedTransitionEqualsARebuiltModel() throws {
        func stack() throws -> ComponentStack {
            try ComponentStack(components: [
                LocalLevel(levelPrior: Self.prior, initialLevel: 0, initialVariance: 4),
                Autoregression(order: 2, sigmaPrior: Self.prior),
            ], length: 30, observationVariance: 0.5)
        }
        let initial = try stack()
        let y: [Double] = (0..<30).map { t in
            let x = Double(t)
            return t % 4 == 0 ? .nan : sin(x / 3) + 0.1 * x
        }
        let smoother = try SimulationSmoother(model: initial.model)
        let phi = [0.4, 0.2, 0]   // one spare slot
        let transitions = try phi.withUnsafeBufferPointer { try initial.transitions(parameters: $0.baseAddress!) }
        try smoother.setTransition(transitions[0], regime: 0)
        var rebuilt = initial.model
        rebuilt.regimes[0].transition = transitions[0]
        let expected = try KalmanFilter.run(rebuilt, observations: y)
        let refreshed = smoother.workspace.filterOutput(y, storeCovariances: false)
        #expect(abs(refreshed.logLikelihood - expected.logLikelihood) < 1e-9)
        #expect(zip(refreshed.innovations, expected.innovations).allSatisfy { $0.isNaN ? $1.isNaN : abs($0 - $1) < 1e-9 })
        #expect(throws: StateSpaceError.self) { try smoother.setTransition(TransitionMatrix.identity(3), regime: 0) }
    }

    @Test func optionsOutOfRangeAreRefusedByName() {
        let y = (0..<20).map { Double($0 % 5) }
        #expect(throws: BSTSError.invalidOption(name: "ar", value: "-1", requirement: "must be at least 0 (0 = no AR term)")) {
            try BSTSModel.fit(response: y, covariates: [], covariateNames: [], model: ModelOptions(autoregressiveOrder: -1),
                              sampler: SamplerOptions(iterations: 10))
        }
        #expect(throws: BSTSError.limitExceeded(.autoregressiveOrderTooLarge(order: 10, maximum: 9))) {
            try BSTSModel.fit(response: y, covariates: [], covariateNames: [], model: ModelOptions(autoregressiveOrder: 10),
                              sampler: SamplerOptions(iterations: 10))
        }
    }
}

private func mean<C: Collection>(_ x: C) -> Double where C.Element == Double { x.reduce(0, +) / Double(x.count) }

private func standardDeviation<C: Collection>(_ x: C) -> Double where C.Element == Double {
    let m = mean(x)
    return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
}
