import GSL
import Probability

/// One draw of the state path from p(α | y), with log p(y_obs).
public struct SimulationSmootherDraw: Sendable {
    /// α̃_t as row t of an n × m matrix.
    public let states: Matrix
    /// log p(y_obs) under the model, from the same filter pass.
    public let logLikelihood: Double
}

/// The simulation smoother of Durbin & Koopman (2002, "A simple and efficient
/// simulation smoother for state space time series analysis", Biometrika 89):
///
/// 1. draw α⁺ and y⁺ from the model with a zero-mean start, α⁺_1 ~ N(0, P_1),
///    η⁺_t ~ N(0, Q_t), ε⁺_t ~ N(0, H_t) (Q_t = Q unless per-time scales are set,
///    `setDisturbanceVarianceScales`);
/// 2. smooth y − y⁺ (with the model's a_1) to get α̂(y − y⁺);
/// 3. return α̃ = α⁺ + α̂(y − y⁺), a draw from p(α | y).
///
/// The filter pass also scores y itself (F_t and K̄_t do not depend on the
/// data), so each draw comes with log p(y_obs). Missing observations (NaN)
/// are skipped by the filter, so states there are conditional forecasts.
///
/// The sampler owns its buffers: after `init`, a draw allocates nothing. It is
/// not thread-safe; give each chain its own. Variances are changed in place
/// between draws (`setObservationVariance`, `setDisturbanceVariances`).
///
///     let smoother = try SimulationSmoother(model: model)
///     let draw = try smoother.draw(observations: y, using: RandomStream(seed: 1))
public final class SimulationSmoother {
    let workspace: KalmanWorkspace

    /// A sampler for `model`.
    public convenience init(model: StateSpaceModel) throws {
        try self.init(model: model, allowScalarKernels: true)
    }

    /// A sampler that may be told not to use the scalar kernels (to check them against the general ones).
    @_spi(Testing) public init(model: StateSpaceModel, allowScalarKernels: Bool) throws {
        workspace = try KalmanWorkspace(model: model, allowScalarKernels: allowScalarKernels)
    }

    /// The model with its current variances.
    public var model: StateSpaceModel { workspace.model }

    /// The number of standard normal variates a draw consumes: m + (n − 1)·r + n.
    public var variateCount: Int { workspace.variateCount }

    /// Sets H.
    public func setObservationVariance(_ h: Double) throws { try workspace.setObservationVariance(h) }

    /// Sets per-time observation variances H_t = H·s_t from `scales` (n values, each
    /// positive and finite; copied), or back to a constant H with nil. Student-t errors
    /// drawn through latent weights w_t use s_t = 1/w_t (ε_t | w_t ~ N(0, H/w_t)).
    public func setObservationVarianceScales(_ scales: UnsafeBufferPointer<Double>?) throws {
        try workspace.setObservationVarianceScales(scales)
    }

    /// Sets Q of one regime (symmetric positive semi-definite, r × r).
    public func setDisturbanceCovariance(_ q: Matrix, regime: Int) throws {
        try workspace.setDisturbanceCovariance(q, regime: regime)
    }

    /// Sets Q = diag(variances) in every regime.
    public func setDisturbanceVariances(_ variances: [Double]) throws {
        try workspace.setDisturbanceVariances(variances)
    }

    /// Draws α̃ ~ p(α | y) for `observations` (length n, NaN = missing).
    public func draw(observations: [Double], using stream: RandomStream) throws -> SimulationSmootherDraw {
        try checkLength(observations)
        observations.withUnsafeBufferPointer { fillVariates(for: $0, using: stream) }
        return collect(observations)
    }

    /// Draws α̃ ~ p(α | y) into `states` (n × m, row-major) and returns log p(y_obs).
    /// Allocates nothing; `observations` must hold n values and `states` n·m.
    public func draw(observations: UnsafeBufferPointer<Double>, into states: UnsafeMutableBufferPointer<Double>,
                     using stream: RandomStream) -> Double {
        let ws = workspace
        precondition(observations.count == ws.n && states.count == ws.n * ws.m, "simulation smoother buffer sizes")
        fillVariates(for: observations, using: stream)
        return run(observations.baseAddress!, into: states.baseAddress!)
    }

    /// Fresh standard normals for α⁺_1, η⁺ and ε⁺ — except the ε⁺ after the last
    /// observed y_t, which the draw never reads (a post-period of NaN costs nothing).
    private func fillVariates(for y: UnsafeBufferPointer<Double>, using stream: RandomStream) {
        let ws = workspace
        var end = ws.n
        while end > 0 && y[end - 1].isNaN { end -= 1 }
        let count = ws.m + (ws.n - 1) * ws.r + end
        stream.fillNormal(UnsafeMutableBufferPointer(start: ws.variates.base, count: count))
    }

    /// A draw from given standard normal variates (m for α⁺_1, then (n − 1)·r for
    /// η⁺, then n for ε⁺, of which ε⁺_t is read only where y_t is observed). With all
    /// variates zero the draw is exactly the smoothed mean α̂ (Durbin & Koopman 2002, §2).
    @_spi(Testing) public func draw(observations: [Double], variates: [Double]) throws -> SimulationSmootherDraw {
        try checkLength(observations)
        guard variates.count == variateCount else {
            throw StateSpaceError.shape("\(variates.count) variates, expected \(variateCount)")
        }
        for (i, v) in variates.enumerated() { workspace.variates.base[i] = v }
        return collect(observations)
    }

    private func checkLength(_ observations: [Double]) throws {
        guard observations.count == workspace.n else {
            throw StateSpaceError.lengthMismatch(expected: workspace.n, actual: observations.count)
        }
    }

    private func collect(_ observations: [Double]) -> SimulationSmootherDraw {
        var states = Matrix(rows: workspace.n, columns: workspace.m)
        let logLikelihood = observations.withUnsafeBufferPointer { y in
            states.elements.withUnsafeMutableBufferPointer { run(y.baseAddress!, into: $0.baseAddress!) }
        }
        return SimulationSmootherDraw(states: states, logLikelihood: logLikelihood)
    }

    /// Steps 1–3 with the variates already in the workspace.
    private func run(_ y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) -> Double {
        let ws = workspace
        ws.simulate(y)
        let logLikelihood = ws.filter(ws.differences.base, likelihoodOf: y, storeCovariances: false)
        ws.smoothingRecursion(storeCovariances: false)
        ws.smoothedMeans(into: out, adding: ws.simulatedStates.base)
        return logLikelihood
    }
}

extension KalmanWorkspace {
    /// Step 1: α⁺ from a zero-mean start and the differences y − y⁺ (NaN where y is missing).
    func simulate(_ y: UnsafePointer<Double>) {
        if isScalar { return scalarSimulate(y) }
        let m = self.m, r = self.r
        let e = variates.base
        let stateNoise = e + m, observationNoise = e + m + (n - 1) * r
        let sdH = h.squareRoot()
        let scales = observationScales?.base
        var alpha = simulatedStates.base
        let l = initialFactor.base
        for i in 0..<m {
            var s = 0.0
            for j in 0...i { s += l[i * m + j] * e[j] }
            alpha[i] = s
        }
        for t in 0..<n {
            let yt = y[t]
            if yt.isNaN {
                differences.base[t] = .nan
            } else {
                let z = loadings.base + t * loadingStride
                var za = 0.0
                for i in 0..<m { za += z[i] * alpha[i] }
                let sd = scales == nil ? sdH : observationVariance(at: t, scales: scales).squareRoot()
                differences.base[t] = yt - (za + sd * observationNoise[t])
            }
            guard t + 1 < n else { break }
            let k = regimeOfTime[t]
            let nextAlpha = alpha + m
            transitions.apply(k, alpha, 1, nextAlpha, 1)
            // α⁺_{t+1} += R·L·e over the non-zero entries of R·L, in the order of a row-by-row product.
            let eta = stateNoise + t * r
            let rows = factorRows + k * m * r, columns = factorColumns + k * m * r
            let entries = factorValues.base + k * m * r
            if let roots = disturbanceScaling?.roots.base {
                let root = roots + t * r
                for e in 0..<factorCounts[k] {
                    nextAlpha[rows[e]] += entries[e] * (root[columns[e]] * eta[columns[e]])
                }
            } else {
                for e in 0..<factorCounts[k] {
                    nextAlpha[rows[e]] += entries[e] * eta[columns[e]]
                }
            }
            alpha = nextAlpha
        }
    }
}
