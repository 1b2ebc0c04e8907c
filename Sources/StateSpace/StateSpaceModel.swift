import GSL

/// A linear Gaussian state-space model of a univariate series, in the notation
/// of Durbin & Koopman (2012, *Time Series Analysis by State Space Methods*, §3.1):
///
///     y_t     = Z_t α_t + ε_t,        ε_t ~ N(0, H)
///     α_{t+1} = T_t α_t + R_t η_t,    η_t ~ N(0, Q_t)
///     α_1     ~ N(a_1, P_1)
///
/// for t = 1…n, with m state elements and r disturbances. Z_t is either one
/// row for all t or one row per t (dynamic regression: the regression block
/// of Z_t is x_tᵀ). The transition pieces (T_t, R_t, Q_t) are drawn from a small
/// set of `Regime`s; `regimeIndices[t]` names the one that carries α_t to α_{t+1}
/// (a seasonal that moves only at season boundaries needs two). Indices here
/// are 0-based: t = 0 is the first observation.
///
/// A NaN observation is missing: the filter skips its update step.
/// See docs/state-space-notation.md for every symbol.
public struct StateSpaceModel: Sendable {
    /// The rows of Z: one (constant) or one per time point.
    public enum Loadings: Sendable, Equatable {
        /// The same Z (m values) at every t.
        case constant([Double])
        /// Z_t as row t of an n × m matrix.
        case timeVarying(Matrix)
    }

    /// One set of transition pieces (T, R, Q).
    public struct Regime: Sendable, Equatable {
        /// T: m × m, block-diagonal with structured blocks.
        public var transition: TransitionMatrix
        /// R: m × r.
        public var disturbanceLoading: Matrix
        /// Q: r × r, symmetric positive semi-definite.
        public var disturbanceCovariance: Matrix

        /// The regime (T, R, Q).
        public init(transition: TransitionMatrix, disturbanceLoading: Matrix, disturbanceCovariance: Matrix) {
            self.transition = transition
            self.disturbanceLoading = disturbanceLoading
            self.disturbanceCovariance = disturbanceCovariance
        }
    }

    /// n, the number of time points.
    public let length: Int
    /// m, the number of state elements.
    public let stateDimension: Int
    /// r, the number of state disturbances.
    public let disturbanceDimension: Int
    /// Z (constant or per time point).
    public let loadings: Loadings
    /// H > 0, the observation variance (change it through `SimulationSmoother.setObservationVariance`).
    public internal(set) var observationVariance: Double
    /// The transition regimes (Q changes through the `SimulationSmoother` setters, which check it).
    public internal(set) var regimes: [Regime]
    /// For each t in 0..<n, the regime that carries α_t to α_{t+1}.
    public let regimeIndices: [Int]
    /// a₁, the mean of the first state.
    public let initialMean: [Double]
    /// P₁, the covariance of the first state (symmetric positive semi-definite).
    public let initialCovariance: Matrix

    /// Checks and stores a model. `regimeIndices` defaults to regime 0 at every t.
    /// Throws `StateSpaceError` when shapes disagree or a variance is invalid.
    public init(length: Int, loadings: Loadings, observationVariance: Double, regimes: [Regime],
                regimeIndices: [Int]? = nil, initialMean: [Double], initialCovariance: Matrix) throws {
        let m = initialMean.count
        guard length >= 1 else { throw StateSpaceError.shape("length \(length) must be at least 1") }
        guard m >= 1 else { throw StateSpaceError.shape("the state needs at least one element") }
        guard initialCovariance.rows == m, initialCovariance.columns == m else {
            throw StateSpaceError.shape("P₁ is \(initialCovariance.rows)×\(initialCovariance.columns), expected \(m)×\(m)")
        }
        switch loadings {
        case .constant(let z):
            guard z.count == m else { throw StateSpaceError.shape("Z has \(z.count) values, expected \(m)") }
        case .timeVarying(let z):
            guard z.rows == length, z.columns == m else {
                throw StateSpaceError.shape("Z is \(z.rows)×\(z.columns), expected \(length)×\(m)")
            }
        }
        guard let first = regimes.first else { throw StateSpaceError.shape("at least one transition regime is needed") }
        let r = first.disturbanceLoading.columns
        for (k, regime) in regimes.enumerated() {
            guard regime.transition.dimension == m else {
                throw StateSpaceError.shape("T of regime \(k) is \(regime.transition.dimension)×\(regime.transition.dimension), expected \(m)×\(m)")
            }
            guard regime.disturbanceLoading.rows == m, regime.disturbanceLoading.columns == r else {
                throw StateSpaceError.shape("R of regime \(k) is \(regime.disturbanceLoading.rows)×\(regime.disturbanceLoading.columns), expected \(m)×\(r)")
            }
            guard regime.disturbanceCovariance.rows == r, regime.disturbanceCovariance.columns == r else {
                throw StateSpaceError.shape("Q of regime \(k) is \(regime.disturbanceCovariance.rows)×\(regime.disturbanceCovariance.columns), expected \(r)×\(r)")
            }
        }
        let indices = regimeIndices ?? [Int](repeating: 0, count: length)
        guard indices.count == length else {
            throw StateSpaceError.shape("\(indices.count) regime indices for \(length) time points")
        }
        if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= regimes.count }) {
            throw StateSpaceError.shape("regime index \(indices[bad]) at t = \(bad) names no regime")
        }
        self.length = length
        stateDimension = m
        disturbanceDimension = r
        self.loadings = loadings
        self.observationVariance = observationVariance
        self.regimes = regimes
        self.regimeIndices = indices
        self.initialMean = initialMean
        self.initialCovariance = initialCovariance
        try Self.checkVariance(observationVariance)
        for regime in regimes { _ = try SemidefiniteFactor.lower(regime.disturbanceCovariance, name: "Q") }
        _ = try SemidefiniteFactor.lower(initialCovariance, name: "P₁")
    }

    /// Z_t as an array of m values.
    public func loading(at t: Int) -> [Double] {
        switch loadings {
        case .constant(let z): return z
        case .timeVarying(let z): return z.row(t)
        }
    }

    static func checkVariance(_ h: Double) throws {
        guard h > 0, h.isFinite else {
            throw StateSpaceError.invalidVariance("observation variance H = \(h) must be positive and finite")
        }
    }
}

/// A lower-triangular L with A = L·Lᵀ for a symmetric positive *semi*-definite A:
/// column-by-column Cholesky, where a pivot at or below a relative tolerance gives a zero
/// column (so zero variances, as in a seasonal between season boundaries, are allowed).
enum SemidefiniteFactor {
    static func lower(_ a: Matrix, name: String) throws -> [Double] {
        let n = a.rows
        var l = [Double](repeating: 0, count: n * n)
        var scale = 0.0
        for i in 0..<n {
            for j in 0..<n {
                let x = a[i, j]
                guard x.isFinite else { throw StateSpaceError.invalidVariance("\(name)[\(i),\(j)] = \(x) is not finite") }
                guard abs(x - a[j, i]) <= 1e-10 * max(1, abs(x)) else {
                    throw StateSpaceError.invalidVariance("\(name) is not symmetric at (\(i),\(j))")
                }
            }
            scale = max(scale, abs(a[i, i]))
        }
        let tolerance = 1e-13 * max(scale, 1e-300)
        for j in 0..<n {
            var d = a[j, j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            if d < -1e-9 * max(scale, 1e-300) {
                throw StateSpaceError.invalidVariance("\(name) is not positive semi-definite (pivot \(j) = \(d))")
            }
            if d <= tolerance { continue }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i, j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        return l
    }
}
