import GSL
import Probability
import Testing
import TestSupport
@_spi(Testing) @testable import StateSpace

@Suite struct SimulationSmootherTests {
    /// 0: scalar local level (scalar kernels); 1: 6-state structural model; 2: identity regimes, sparse Z.
    static func model(_ index: Int, length n: Int) throws -> StateSpaceModel {
        switch index {
        case 0: return try Fixtures.localLevel(length: n, h: 0.6, q: 0.1, a1: 0.5, p1: 2)
        case 1: return try Fixtures.structuralModel(length: n)
        default: return try Fixtures.levelAndSlowSeasonal(length: n)
        }
    }

    /// With zero variates α⁺ = 0 and y⁺ = 0, so the draw is exactly the smoothed
    /// mean (statsmodels' test_simulation_smoothing does the same).
    @Test(arguments: 0..<3)
    func zeroVariatesGiveTheSmoothedMeanExactly(modelIndex: Int) throws {
        let n = 40
        let model = try Self.model(modelIndex, length: n)
        let y = Fixtures.series(length: n, missing: [1, 17, 18, 39])
        let smoother = try SimulationSmoother(model: model)
        let draw = try smoother.draw(observations: y, variates: [Double](repeating: 0, count: smoother.variateCount))
        let smoothed = try KalmanSmoother.run(model, observations: y)
        #expect(draw.states.elements == smoothed.means.elements)
        #expect(draw.logLikelihood == smoothed.logLikelihood)
    }

    /// Variates on a ramp; the draw rebuilt by hand from the dense model:
    /// α⁺ by the recursion from the same variates, then
    /// α̃ = α⁺ + E[α | y − y⁺] computed densely.
    /// With `scaled`, the observation variance varies in time (H_t = H·s_t, as Student-t
    /// errors' latent weights make it), and the dense model uses the same H_t.
    @Test(arguments: 0..<3, [false, true])
    func rampVariatesRebuildByHand(modelIndex: Int, scaled: Bool) throws {
        let n = 10
        let model = try Self.model(modelIndex, length: n)
        let y = Fixtures.series(length: n, missing: [2, 7])
        let scales = scaled ? (0..<n).map { 0.2 + 0.9 * Double(($0 * 7) % 5) } : nil
        let smoother = try SimulationSmoother(model: model)
        if let scales { try scales.withUnsafeBufferPointer { try smoother.setObservationVarianceScales($0) } }
        let count = smoother.variateCount
        let variates = (0..<count).map { -1.5 + 3 * Double($0) / Double(count - 1) }
        let draw = try smoother.draw(observations: y, variates: variates)

        let m = model.stateDimension, r = model.disturbanceDimension
        let factor = try model.initialCovariance.cholesky().lower
        var alpha = factor * Array(variates[0..<m])
        var plus = [Double](), differences = [Double]()
        for t in 0..<n {
            plus += alpha
            let z = model.loading(at: t)
            let yPlus = zip(z, alpha).reduce(0) { $0 + $1.0 * $1.1 }
                + (model.observationVariance * (scales?[t] ?? 1)).squareRoot() * variates[m + (n - 1) * r + t]
            differences.append(y[t].isNaN ? .nan : y[t] - yPlus)
            guard t + 1 < n else { break }
            let regime = model.regimes[model.regimeIndices[t]]
            let eta = try regime.disturbanceCovariance.cholesky().lower * Array(variates[(m + t * r)..<(m + (t + 1) * r)])
            alpha = zip(regime.transition.dense * alpha, regime.disturbanceLoading * eta).map { $0 + $1 }
        }
        let dense = DenseReference(model, observationScales: scales)
        let smoothedDifferences = try dense.conditional(differences).mean
        let expected = zip(plus, smoothedDifferences).map { $0 + $1 }
        #expect(maxDifference(draw.states.elements, expected) < 1e-9)
        #expect(abs(draw.logLikelihood - (try dense.logLikelihood(y))) < 1e-9)
    }

    /// Per-time scales: the scalar kernels agree with the general ones on the same variates,
    /// all scales equal to c give the model with H·c, and bad scales are typed errors.
    @Test func observationScalesAgreeAcrossKernelsAndWithAConstantH() throws {
        let n = 120
        let model = try Fixtures.localLevel(length: n, h: 0.3, q: 0.02, a1: 1, p1: 1)
        let y = Fixtures.series(length: n, missing: Set(100..<120))
        let scales = (0..<n).map { 0.05 + Double(($0 * 13) % 17) / 4 }
        let fast = try SimulationSmoother(model: model, allowScalarKernels: true)
        let slow = try SimulationSmoother(model: model, allowScalarKernels: false)
        for smoother in [fast, slow] { try scales.withUnsafeBufferPointer { try smoother.setObservationVarianceScales($0) } }
        let stream = RandomStream(seed: 8)
        let variates = (0..<fast.variateCount).map { _ in stream.normal() }
        let a = try fast.draw(observations: y, variates: variates), b = try slow.draw(observations: y, variates: variates)
        #expect(maxDifference(a.states.elements, b.states.elements) < 1e-9)
        #expect(abs(a.logLikelihood - b.logLikelihood) < 1e-9)

        let doubled = [Double](repeating: 2, count: n)
        try doubled.withUnsafeBufferPointer { try fast.setObservationVarianceScales($0) }
        let constant = try SimulationSmoother(model: try Fixtures.localLevel(length: n, h: 0.6, q: 0.02, a1: 1, p1: 1))
        let c = try fast.draw(observations: y, variates: variates), d = try constant.draw(observations: y, variates: variates)
        #expect(maxDifference(c.states.elements, d.states.elements) < 1e-9)
        try fast.setObservationVarianceScales(nil)
        #expect(try fast.draw(observations: y, variates: variates).states.elements
                == (try SimulationSmoother(model: model).draw(observations: y, variates: variates)).states.elements)
        let zero = [Double](repeating: 0, count: n), short = [Double](repeating: 1, count: n - 1)
        #expect(throws: StateSpaceError.self) { try zero.withUnsafeBufferPointer { try fast.setObservationVarianceScales($0) } }
        #expect(throws: StateSpaceError.self) { try short.withUnsafeBufferPointer { try fast.setObservationVarianceScales($0) } }
    }

    /// Many draws: their mean and variance at each t match α̂_t and V_t within
    /// 4.42 standard errors (draws are independent, so SE = sd/√N for the mean
    /// and V·√(2/(N−1)) for the variance).
    @Test func drawsHaveTheSmoothedMeanAndVariance() throws {
        let n = 15, draws = 4000
        let model = try Fixtures.structuralModel(length: n)
        let y = Fixtures.series(length: n, missing: [4, 5])
        let smoother = try SimulationSmoother(model: model)
        let smoothed = try KalmanSmoother.run(model, observations: y, covariances: true)
        let stream = RandomStream(seed: 2024)
        let m = model.stateDimension
        var sum = [Double](repeating: 0, count: n * m), squares = sum
        for _ in 0..<draws {
            let states = try smoother.draw(observations: y, using: stream).states.elements
            for i in states.indices { sum[i] += states[i]; squares[i] += states[i] * states[i] }
        }
        for t in [0, 4, 9, 14] {
            for i in [0, 1, 2, 5] {
                let index = t * m + i
                let mean = sum[index] / Double(draws)
                let variance = (squares[index] - Double(draws) * mean * mean) / Double(draws - 1)
                let v = smoothed.covariances![t][i, i]
                let meanCheck = withinStandardErrors(mean, smoothed.means[t, i], standardError: (v / Double(draws)).squareRoot())
                #expect(meanCheck.ok, "mean α[\(t)][\(i)]: \(meanCheck.message)")
                let varianceCheck = withinStandardErrors(variance, v, standardError: v * (2 / Double(draws - 1)).squareRoot())
                #expect(varianceCheck.ok, "variance α[\(t)][\(i)]: \(varianceCheck.message)")
            }
        }
    }

    @Test func scalarAndGeneralDrawsAgreeOnTheSameVariates() throws {
        let n = 200
        let model = try Fixtures.localLevel(length: n, h: 0.3, q: 0.02, a1: 1, p1: 1)
        let y = Fixtures.series(length: n, missing: Set(150..<200))
        let fast = try SimulationSmoother(model: model, allowScalarKernels: true)
        let slow = try SimulationSmoother(model: model, allowScalarKernels: false)
        let stream = RandomStream(seed: 5)
        let variates = (0..<fast.variateCount).map { _ in stream.normal() }
        let a = try fast.draw(observations: y, variates: variates), b = try slow.draw(observations: y, variates: variates)
        #expect(maxDifference(a.states.elements, b.states.elements) < 1e-9)
        #expect(abs(a.logLikelihood - b.logLikelihood) < 1e-9)
    }

    @Test func varianceUpdatesTakeEffect() throws {
        let n = 30
        let y = Fixtures.series(length: n, missing: [])
        let smoother = try SimulationSmoother(model: try Fixtures.localLevel(length: n, h: 1, q: 1, a1: 0, p1: 1))
        try smoother.setObservationVariance(0.25)
        try smoother.setDisturbanceVariances([0.04])
        let updated = try Fixtures.localLevel(length: n, h: 0.25, q: 0.04, a1: 0, p1: 1)
        let zero = [Double](repeating: 0, count: smoother.variateCount)
        let draw = try smoother.draw(observations: y, variates: zero)
        #expect(maxDifference(draw.states.elements, try KalmanSmoother.run(updated, observations: y).means.elements) < 1e-12)
        #expect(throws: StateSpaceError.self) { try smoother.setObservationVariance(0) }
        #expect(throws: StateSpaceError.self) { try smoother.setDisturbanceVariances([-1]) }
    }
}
