import GSL
import Probability
import Testing
@_spi(Testing) @testable import StateSpace

/// Per-time state disturbance variances Q_t = diag(q_d·s_{d,t}) (`setDisturbanceVarianceScales`),
/// as Student-t state disturbances drawn through latent weights make them.
@Suite struct DisturbanceScalingTests {
    /// s_{d,t} for every t and d, between 0.05 and 4.5, not periodic in t.
    static func scales(length n: Int, disturbances r: Int) -> [Double] {
        (0..<(n * r)).map { i -> Double in
            let step: Int = (i * 11 + i / 3) % 10
            return 0.05 + Double(step) / 2
        }
    }

    /// Ramp variates; the draw rebuilt by hand from the dense model with the same Q_t:
    /// α⁺ by the recursion (η⁺_t = chol(Q_t)·e_t), then α̃ = α⁺ + E[α | y − y⁺] densely, and
    /// log p(y) as the explicit multivariate normal density of y. Covers the filter (the
    /// likelihood), the smoother's forward pass and the simulation, with and without
    /// per-time observation variances. Model 0 is the scalar local level, which must leave
    /// the scalar kernels.
    @Test(arguments: 0..<3, [false, true])
    func rampVariatesRebuildByHand(modelIndex: Int, observationScaled: Bool) throws {
        let n = 10
        let model = try SimulationSmootherTests.model(modelIndex, length: n)
        let m = model.stateDimension, r = model.disturbanceDimension
        let y = Fixtures.series(length: n, missing: [2, 7])
        let observationScales = observationScaled ? (0..<n).map { 0.3 + 0.7 * Double(($0 * 3) % 4) } : nil
        let scales = Self.scales(length: n, disturbances: r)
        let smoother = try SimulationSmoother(model: model)
        try scales.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) }
        if let observationScales { try observationScales.withUnsafeBufferPointer { try smoother.setObservationVarianceScales($0) } }
        let count = smoother.variateCount
        let variates = (0..<count).map { -1.5 + 3 * Double($0) / Double(count - 1) }
        let draw = try smoother.draw(observations: y, variates: variates)

        var alpha = try model.initialCovariance.cholesky().lower * Array(variates[0..<m])
        var plus = [Double](), differences = [Double]()
        for t in 0..<n {
            plus += alpha
            let z = model.loading(at: t)
            let yPlus = zip(z, alpha).reduce(0) { $0 + $1.0 * $1.1 }
                + (model.observationVariance * (observationScales?[t] ?? 1)).squareRoot() * variates[m + (n - 1) * r + t]
            differences.append(y[t].isNaN ? .nan : y[t] - yPlus)
            guard t + 1 < n else { break }
            let regime = model.regimes[model.regimeIndices[t]]
            var q = regime.disturbanceCovariance
            for d in 0..<r { q[d, d] *= scales[t * r + d] }
            let eta = try q.cholesky().lower * Array(variates[(m + t * r)..<(m + (t + 1) * r)])
            alpha = zip(regime.transition.dense * alpha, regime.disturbanceLoading * eta).map { $0 + $1 }
        }
        let dense = DenseReference(model, observationScales: observationScales, disturbanceScales: scales)
        let expected = zip(plus, try dense.conditional(differences).mean).map { $0 + $1 }
        #expect(maxDifference(draw.states.elements, expected) < 1e-9)
        #expect(abs(draw.logLikelihood - (try dense.logLikelihood(y))) < 1e-9)
        // The dense model without the scales differs: the check above can fail.
        #expect(abs(draw.logLikelihood - (try DenseReference(model, observationScales: observationScales).logLikelihood(y))) > 1e-3)
    }

    /// Scales all equal to c give the model with Q·c; nil gives back the unscaled draws
    /// bit for bit (the scalar kernels again for the local level).
    @Test(arguments: 0..<3)
    func constantScalesScaleQAndNilRestoresIt(modelIndex: Int) throws {
        let n = 60
        let model = try SimulationSmootherTests.model(modelIndex, length: n)
        let y = Fixtures.series(length: n, missing: Set(45..<60))
        let smoother = try SimulationSmoother(model: model)
        let stream = RandomStream(seed: 17)
        let variates = (0..<smoother.variateCount).map { _ in stream.normal() }
        let unscaled = try smoother.draw(observations: y, variates: variates)

        let c = 2.5
        let constant = [Double](repeating: c, count: n * model.disturbanceDimension)
        try constant.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) }
        let scaledModel = try SimulationSmoother(model: model)
        for (k, regime) in model.regimes.enumerated() {
            var q = regime.disturbanceCovariance
            for i in 0..<q.rows { for j in 0..<q.columns { q[i, j] *= c } }
            try scaledModel.setDisturbanceCovariance(q, regime: k)
        }
        let a = try smoother.draw(observations: y, variates: variates)
        let b = try scaledModel.draw(observations: y, variates: variates)
        #expect(maxDifference(a.states.elements, b.states.elements) < 1e-9)
        #expect(abs(a.logLikelihood - b.logLikelihood) < 1e-9)
        #expect(abs(a.logLikelihood - unscaled.logLikelihood) > 1e-3)

        // A variance change while scaled keeps the terms current.
        try smoother.setDisturbanceVariances([Double](repeating: 0.07, count: model.disturbanceDimension))
        try scaledModel.setDisturbanceVariances([Double](repeating: 0.07 * c, count: model.disturbanceDimension))
        let e = try smoother.draw(observations: y, variates: variates)
        let f = try scaledModel.draw(observations: y, variates: variates)
        #expect(maxDifference(e.states.elements, f.states.elements) < 1e-9)

        try smoother.setDisturbanceVarianceScales(nil)
        let fresh = try SimulationSmoother(model: smoother.model)
        let g = try smoother.draw(observations: y, variates: variates), h = try fresh.draw(observations: y, variates: variates)
        #expect(g.states.elements == h.states.elements)
        #expect(g.logLikelihood == h.logLikelihood)
    }

    /// Scales that are not positive and finite, of the wrong length, or with a non-diagonal Q are typed errors.
    @Test func badScalesAreErrors() throws {
        let n = 12
        let model = try Fixtures.structuralModel(length: n)
        let r = model.disturbanceDimension
        let smoother = try SimulationSmoother(model: model)
        var scales = [Double](repeating: 1, count: n * r)
        scales[5] = 0
        #expect(throws: StateSpaceError.self) { try scales.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) } }
        scales[5] = .infinity
        #expect(throws: StateSpaceError.self) { try scales.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) } }
        let short = [Double](repeating: 1, count: n * r - 1)
        #expect(throws: StateSpaceError.self) { try short.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) } }

        var correlated = Matrix.diagonal([0.3, 0.05, 0.2, 0.1])
        correlated[0, 1] = 0.01; correlated[1, 0] = 0.01
        let ones = [Double](repeating: 1, count: n * r)
        try ones.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) }
        #expect(throws: StateSpaceError.self) { try smoother.setDisturbanceCovariance(correlated, regime: 0) }
        try smoother.setDisturbanceVarianceScales(nil)
        try smoother.setDisturbanceCovariance(correlated, regime: 0)
        #expect(throws: StateSpaceError.self) { try ones.withUnsafeBufferPointer { try smoother.setDisturbanceVarianceScales($0) } }
    }
}
