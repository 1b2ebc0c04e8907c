import Foundation
import GSL

/// What the Kalman filter leaves behind (Durbin & Koopman 2012, §4.3).
public struct KalmanFilterOutput: Sendable {
    /// a_t = E[α_t | y_1 … y_{t−1}], row t of an n × m matrix.
    public let predictedMeans: Matrix
    /// P_t = Var[α_t | y_1 … y_{t−1}], when requested.
    public let predictedCovariances: [Matrix]?
    /// v_t = y_t − Z_t a_t (NaN where y_t is missing).
    public let innovations: [Double]
    /// F_t = Z_t P_t Z_tᵀ + H (NaN where y_t is missing).
    public let innovationVariances: [Double]
    /// K̄_t = P_t Z_tᵀ / F_t, the gain of the update a_{t|t} = a_t + K̄_t v_t
    /// (Durbin & Koopman's K_t is T_t K̄_t); zero where y_t is missing.
    public let gains: Matrix
    /// log p(y_obs) = −½ Σ_{observed t} (log 2π + log F_t + v_t²/F_t).
    public let logLikelihood: Double
}

/// The Kalman filter for a univariate series with missing values (a NaN
/// observation skips the update: a_{t|t} = a_t, P_{t|t} = P_t).
///
/// For each t: v_t = y_t − Z_t a_t, F_t = Z_t P_t Z_tᵀ + H_t (H_t = H unless per-time
/// scales are set, see `SimulationSmoother.setObservationVarianceScales`), M_t = P_t Z_tᵀ,
/// a_{t|t} = a_t + M_t v_t / F_t, P_{t|t} = P_t − M_t M_tᵀ / F_t, then
/// a_{t+1} = T_t a_{t|t}, P_{t+1} = T_t P_{t|t} T_tᵀ + R_t Q_t R_tᵀ (kept exactly symmetric; Q_t = Q
/// unless per-time scales are set, see `SimulationSmoother.setDisturbanceVarianceScales`).
/// Cost O(n m²) with structured transition blocks; O(n) with no allocation per step
/// in the scalar case (m = 1).
public enum KalmanFilter {
    /// Filters `observations` (length n, NaN = missing) through `model`.
    public static func run(_ model: StateSpaceModel, observations: [Double],
                           storeCovariances: Bool = false) throws -> KalmanFilterOutput {
        guard observations.count == model.length else {
            throw StateSpaceError.lengthMismatch(expected: model.length, actual: observations.count)
        }
        let workspace = try KalmanWorkspace(model: model)
        return workspace.filterOutput(observations, storeCovariances: storeCovariances)
    }
}

extension KalmanWorkspace {
    /// Runs the filter on `y` and copies the results out.
    func filterOutput(_ y: [Double], storeCovariances: Bool) -> KalmanFilterOutput {
        if storeCovariances { prepareCovarianceStorage() }
        let logLikelihood = y.withUnsafeBufferPointer { filter($0.baseAddress!, likelihoodOf: nil, storeCovariances: storeCovariances) }
        var covariances: [Matrix]?
        if storeCovariances, let stored = predictedCovariances {
            covariances = (0..<n).map { t in
                var c = Matrix(rows: m, columns: m)
                for i in 0..<(m * m) { c.elements[i] = stored.base[t * m * m + i] }
                return c
            }
        }
        return KalmanFilterOutput(
            predictedMeans: matrix(predictedMeans, rows: n, columns: m),
            predictedCovariances: covariances,
            innovations: innovations.array,
            innovationVariances: innovationVariances.array,
            gains: matrix(gains, rows: n, columns: m),
            logLikelihood: logLikelihood)
    }

    func matrix(_ buffer: DoubleBuffer, rows: Int, columns: Int) -> Matrix {
        var out = Matrix(rows: rows, columns: columns)
        for i in 0..<(rows * columns) { out.elements[i] = buffer.base[i] }
        return out
    }

    /// The forward pass on the series `w` (NaN = missing). It stores a_t, v_t, F_t,
    /// v_t/F_t and K̄_t (and P_t when `storeCovariances`), and returns the
    /// log-likelihood of `y` if given, else of `w`. A second series shares F_t and
    /// K̄_t, which do not depend on the data: the simulation smoother filters
    /// y − y⁺ while scoring y in the same pass. `y` must be missing where `w` is.
    func filter(_ w: UnsafePointer<Double>, likelihoodOf y: UnsafePointer<Double>?, storeCovariances: Bool) -> Double {
        if isScalar { return scalarFilter(w, likelihoodOf: y, storeCovariances: storeCovariances) }
        let m = self.m
        let scales = observationScales?.base
        var a = self.a.base, aNext = next.base
        let ay = aLikelihood.base
        let pz = column.base, scratch = pScratch.base
        var p = self.p.base, pNext = self.pNext.base
        let storedCovariances = storeCovariances ? predictedCovariances?.base : nil
        for i in 0..<m { a[i] = initialMean.base[i]; ay[i] = initialMean.base[i] }
        for i in 0..<(m * m) { p[i] = initialCovariance.base[i] }
        var logLikelihood = LogLikelihoodAccumulator()

        for t in 0..<n {
            let z = loadings.base + t * loadingStride
            let gain = gains.base + t * m
            let k = regimeOfTime[t]
            for i in 0..<m { predictedMeans.base[t * m + i] = a[i] }
            if let storedCovariances { (storedCovariances + t * m * m).update(from: p, count: m * m) }

            if w[t].isNaN {
                innovations.base[t] = .nan
                innovationVariances.base[t] = .nan
                scaledInnovations.base[t] = 0
                for i in 0..<m { gain[i] = 0 }
            } else {
                // M = P zᵀ over the non-zero entries of z.
                var f = observationVariance(at: t, scales: scales), za = 0.0
                let support = loadingSupport, supportCount = loadingSupportCount
                for i in 0..<m {
                    let row = p + i * m
                    var s = 0.0
                    for c in 0..<supportCount { let j = support[c]; s += row[j] * z[j] }
                    pz[i] = s
                }
                for c in 0..<supportCount {
                    let j = support[c]
                    f += z[j] * pz[j]
                    za += z[j] * a[j]
                }
                let inverse = 1 / f
                let v = w[t] - za
                for i in 0..<m {
                    gain[i] = pz[i] * inverse
                    a[i] += gain[i] * v
                }
                if let y {
                    var zay = 0.0
                    for c in 0..<supportCount { let j = support[c]; zay += z[j] * ay[j] }
                    let vy = y[t] - zay
                    for i in 0..<m { ay[i] += gain[i] * vy }
                    logLikelihood.add(variance: f, scaledSquare: vy * vy * inverse)
                } else {
                    logLikelihood.add(variance: f, scaledSquare: v * v * inverse)
                }
                for i in 0..<m {
                    let gi = gain[i]
                    for j in 0..<m { p[i * m + j] -= gi * pz[j] }
                }
                innovations.base[t] = v
                innovationVariances.base[t] = f
                scaledInnovations.base[t] = v * inverse
            }

            if !transitions.isIdentity[k] {
                transitions.apply(k, a, 1, aNext, 1)
                swap(&a, &aNext)
                if y != nil {
                    transitions.apply(k, ay, 1, aNext, 1)
                    ay.update(from: aNext, count: m)
                }
                transitions.sandwich(k, p, m, pNext, scratch: scratch)
                swap(&p, &pNext)
            }
            addStateNoise(k, at: t, to: p)
        }
        return logLikelihood.value
    }
}

/// Σ_t −½(log 2π + log F_t + v_t²/F_t), taking one logarithm per run of
/// factors rather than one per time point: the F_t are multiplied together and
/// the product is logged whenever it leaves [1e−100, 1e100]; factors outside
/// [1e−50, 1e50] are logged on their own.
struct LogLikelihoodAccumulator {
    private var logSum = 0.0
    private var product = 1.0
    private var squares = 0.0
    private var count = 0

    @inline(__always)
    mutating func add(variance f: Double, scaledSquare: Double) {
        squares += scaledSquare
        count += 1
        if f > 1e-50 && f < 1e50 {
            product *= f
            if !(product > 1e-100 && product < 1e100) {
                logSum += log(product)
                product = 1
            }
        } else {
            logSum += log(f)
        }
    }

    var value: Double {
        -0.5 * (Double(count) * log(2 * Double.pi) + logSum + log(product) + squares)
    }
}
