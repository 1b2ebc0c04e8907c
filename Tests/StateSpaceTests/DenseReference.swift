import Foundation
import GSL
@testable import StateSpace

/// The joint Gaussian of (α_1 … α_n, y_1 … y_n) written out densely, as an
/// independent check of the recursions: α = μ_α + G·u with
/// u = (α_1 − a_1, η_1, …, η_{n−1}) ~ N(0, blockdiag(P_1, Q, …, Q)),
/// y = Z α + ε. Only for short series (O((nm)³)).
struct DenseReference {
    let n: Int, m: Int
    let stateMean: [Double]        // n·m
    let stateCovariance: Matrix    // nm × nm
    let observationRows: Matrix    // n × nm, the block-diagonal Z
    /// H_t for every t.
    let h: [Double]

    /// The model with H_t = H·s_t for the given `scales` s_t (all 1 when nil), and with
    /// Q_t = diag(√c_t)·Q·diag(√c_t) for `disturbanceScales` c_{d,t} at t·r + d (all 1 when nil).
    init(_ model: StateSpaceModel, observationScales scales: [Double]? = nil, disturbanceScales: [Double]? = nil) {
        n = model.length
        m = model.stateDimension
        h = (0..<model.length).map { model.observationVariance * (scales?[$0] ?? 1) }
        let r = model.disturbanceDimension
        let transitions = model.regimes.map { $0.transition.dense }
        // Mean path a_{t+1} = T_t a_t.
        var mean = [Double](repeating: 0, count: n * m)
        var current = model.initialMean
        for t in 0..<n {
            for i in 0..<m { mean[t * m + i] = current[i] }
            current = transitions[model.regimeIndices[t]] * current
        }
        stateMean = mean
        // G: the response of α to each element of u.
        let width = m + (n - 1) * r
        var g = Matrix(rows: n * m, columns: width)
        for column in 0..<width {
            var state = [Double](repeating: 0, count: m)
            if column < m { state[column] = 1 }
            for t in 0..<n {
                for i in 0..<m { g[t * m + i, column] = state[i] }
                guard t + 1 < n else { break }
                let regime = model.regimes[model.regimeIndices[t]]
                state = transitions[model.regimeIndices[t]] * state
                let first = m + t * r
                if column >= first && column < first + r {
                    for i in 0..<m { state[i] += regime.disturbanceLoading[i, column - first] }
                }
            }
        }
        var u = Matrix(rows: width, columns: width)
        for i in 0..<m { for j in 0..<m { u[i, j] = model.initialCovariance[i, j] } }
        for t in 0..<(n - 1) {
            let q = model.regimes[model.regimeIndices[t]].disturbanceCovariance
            for i in 0..<r {
                for j in 0..<r {
                    let scale = disturbanceScales.map { ($0[t * r + i] * $0[t * r + j]).squareRoot() } ?? 1
                    u[m + t * r + i, m + t * r + j] = q[i, j] * scale
                }
            }
        }
        stateCovariance = g * u * g.transposed
        var z = Matrix(rows: n, columns: n * m)
        for t in 0..<n {
            let row = model.loading(at: t)
            for i in 0..<m { z[t, t * m + i] = row[i] }
        }
        observationRows = z
    }

    /// Rows of Z and entries of y at the observed time points.
    private func observed(_ y: [Double]) -> (rows: [Int], values: [Double]) {
        let rows = y.indices.filter { !y[$0].isNaN }
        return (rows, rows.map { y[$0] })
    }

    private func select(_ a: Matrix, rows: [Int]) -> Matrix {
        Matrix(rows.map { a.row($0) })
    }

    /// log N(y_obs; Z μ_α, Z Σ_α Zᵀ + diag(H_t)) by a dense Cholesky factorisation.
    func logLikelihood(_ y: [Double]) throws -> Double {
        let (rows, values) = observed(y)
        let z = select(observationRows, rows: rows)
        var covariance = z * stateCovariance * z.transposed
        for (i, t) in rows.enumerated() { covariance[i, i] += h[t] }
        let mean = z * stateMean
        let factor = try covariance.cholesky()
        let residual = zip(values, mean).map { $0 - $1 }
        let solved = factor.solveLower(residual)
        let quadratic = solved.reduce(0) { $0 + $1 * $1 }
        return -0.5 * (Double(rows.count) * log(2 * Double.pi) + factor.logDeterminant + quadratic)
    }

    /// E[α | y_obs] (n·m) and Var[α | y_obs] (nm × nm).
    func conditional(_ y: [Double]) throws -> (mean: [Double], covariance: Matrix) {
        let (rows, values) = observed(y)
        let z = select(observationRows, rows: rows)
        let cross = stateCovariance * z.transposed             // Cov(α, y)
        var covariance = z * cross
        for (i, t) in rows.enumerated() { covariance[i, i] += h[t] }
        let factor = try covariance.cholesky()
        let mean = z * stateMean
        let residual = zip(values, mean).map { $0 - $1 }
        let weights = factor.solve(residual)
        let conditionalMean = zip(stateMean, cross * weights).map { $0 + $1 }
        let gain = cross * factor.inverse()
        let conditionalCovariance = stateCovariance - gain * cross.transposed
        return (conditionalMean, conditionalCovariance)
    }
}

/// Small models used across the tests.
enum Fixtures {
    /// Local linear trend (level, slope) + a 4-season dummy seasonal whose seasons last
    /// two steps + a time-varying regression coefficient: m = 6, r = 4, two regimes.
    static func structuralModel(length n: Int) throws -> StateSpaceModel {
        let trend = Matrix([[1, 1], [0, 1]])
        let boundary = try TransitionMatrix(blocks: [.dense(trend), .dummySeasonal(3), .identity(1)])
        let interior = try TransitionMatrix(blocks: [.dense(trend), .identity(3), .identity(1)])
        var r = Matrix(rows: 6, columns: 4)
        r[0, 0] = 1; r[1, 1] = 1; r[2, 2] = 1; r[5, 3] = 1
        var rInterior = r
        rInterior[2, 2] = 0
        let q = Matrix.diagonal([0.3, 0.05, 0.2, 0.1])
        var z = Matrix(rows: n, columns: 6)
        for t in 0..<n {
            z[t, 0] = 1
            z[t, 2] = 1
            z[t, 5] = sin(Double(t) * 0.7) + 0.5
        }
        // The seasonal moves when t + 1 starts a new season of length 2.
        let regimes = (0..<n).map { t in (t + 1) % 2 == 0 ? 0 : 1 }
        var p1 = Matrix.diagonal([2, 0.5, 1, 1, 1, 0.8])
        p1[0, 1] = 0.3; p1[1, 0] = 0.3
        return try StateSpaceModel(
            length: n, loadings: .timeVarying(z), observationVariance: 0.4,
            regimes: [
                .init(transition: boundary, disturbanceLoading: r, disturbanceCovariance: q),
                .init(transition: interior, disturbanceLoading: rInterior, disturbanceCovariance: q),
            ],
            regimeIndices: regimes, initialMean: [1, 0.2, 0.5, -0.3, 0.1, 0.7], initialCovariance: p1)
    }

    /// Local level + 3-season dummy seasonal with seasons of three steps: the
    /// interior transition is the identity (skipped by the kernels) and Z is
    /// sparse (1, 1, 0): m = 3, r = 2.
    static func levelAndSlowSeasonal(length n: Int) throws -> StateSpaceModel {
        let boundary = try TransitionMatrix(blocks: [.identity(1), .dummySeasonal(2)])
        var r = Matrix(rows: 3, columns: 2)
        r[0, 0] = 1; r[1, 1] = 1
        var rInterior = r
        rInterior[1, 1] = 0
        let q = Matrix.diagonal([0.2, 0.3])
        return try StateSpaceModel(
            length: n, loadings: .constant([1, 1, 0]), observationVariance: 0.5,
            regimes: [
                .init(transition: boundary, disturbanceLoading: r, disturbanceCovariance: q),
                .init(transition: .identity(3), disturbanceLoading: rInterior, disturbanceCovariance: q),
            ],
            regimeIndices: (0..<n).map { ($0 + 1) % 3 == 0 ? 0 : 1 },
            initialMean: [0.5, 1, -1], initialCovariance: Matrix.diagonal([2, 1, 1]))
    }

    /// The local level α_{t+1} = α_t + η_t, y_t = α_t + ε_t.
    static func localLevel(length n: Int, h: Double, q: Double, a1: Double, p1: Double) throws -> StateSpaceModel {
        try StateSpaceModel(
            length: n, loadings: .constant([1]), observationVariance: h,
            regimes: [.init(transition: .identity(1), disturbanceLoading: Matrix([[1]]),
                            disturbanceCovariance: Matrix([[q]]))],
            initialMean: [a1], initialCovariance: Matrix([[p1]]))
    }

    /// A deterministic wiggly series with NaN (missing) at the given positions.
    static func series(length n: Int, missing: Set<Int>) -> [Double] {
        (0..<n).map { t -> Double in
            if missing.contains(t) { return .nan }
            let x = Double(t)
            let trend: Double = 0.3 * x
            let wave: Double = 2 * sin(x * 1.3)
            return trend + wave + cos(x * x * 0.1)
        }
    }
}
