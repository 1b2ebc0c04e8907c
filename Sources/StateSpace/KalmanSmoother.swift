import GSL

/// Smoothed states α̂_t = E[α_t | y_1 … y_n] and, on request, V_t = Var[α_t | y_1 … y_n].
public struct SmoothedStates: Sendable {
    /// α̂_t as row t of an n × m matrix.
    public let means: Matrix
    /// V_t, when requested.
    public let covariances: [Matrix]?
    /// log p(y_obs), from the filter pass.
    public let logLikelihood: Double
}

/// The fixed-interval state smoother of Durbin & Koopman (2012, §4.4), in its
/// fast form (Koopman 1993; Durbin & Koopman §4.6.2): a backward pass
///
///     r_n = 0,  r_{t−1} = Z_tᵀ v_t / F_t + L_tᵀ r_t,  L_t = T_t (I − K̄_t Z_t)
///
/// (at a missing y_t: r_{t−1} = T_tᵀ r_t), then a forward pass
///
///     α̂_1 = a_1 + P_1 r_0,   α̂_{t+1} = T_t α̂_t + R_t Q_t R_tᵀ r_t,
///
/// which needs only v_t, F_t and K̄_t from the filter. Variances use
/// N_{t−1} = Z_tᵀ Z_t / F_t + L_tᵀ N_t L_t and V_t = P_t − P_t N_{t−1} P_t.
public enum KalmanSmoother {
    /// Smooths `observations` (length n, NaN = missing) through `model`.
    public static func run(_ model: StateSpaceModel, observations: [Double],
                           covariances: Bool = false) throws -> SmoothedStates {
        guard observations.count == model.length else {
            throw StateSpaceError.lengthMismatch(expected: model.length, actual: observations.count)
        }
        return try KalmanWorkspace(model: model).smooth(observations, covariances: covariances)
    }
}

extension KalmanWorkspace {
    /// Filter, backward pass and forward pass on `y`.
    func smooth(_ y: [Double], covariances: Bool) -> SmoothedStates {
        if covariances { prepareCovarianceStorage() }
        var means = Matrix(rows: n, columns: m)
        let logLikelihood = y.withUnsafeBufferPointer { filter($0.baseAddress!, likelihoodOf: nil, storeCovariances: covariances) }
        smoothingRecursion(storeCovariances: covariances)
        means.elements.withUnsafeMutableBufferPointer { smoothedMeans(into: $0.baseAddress!, adding: nil) }
        return SmoothedStates(means: means, covariances: covariances ? smoothedCovariances() : nil,
                              logLikelihood: logLikelihood)
    }

    /// The backward pass: stores r_{t−1} in slot t of `smoothingWeights` (and N_{t−1}
    /// in slot t of `smoothingWeightVariances` when `storeCovariances`).
    func smoothingRecursion(storeCovariances: Bool) {
        if isScalar { return scalarSmoothingRecursion(storeCovariances: storeCovariances) }
        let m = self.m
        let zero = vector.base
        for i in 0..<m { zero[i] = 0 }
        var r = UnsafePointer(zero)
        let u = column.base
        for t in stride(from: n - 1, through: 0, by: -1) {
            let k = regimeOfTime[t]
            let out = smoothingWeights.base + t * m
            transitions.applyTranspose(k, r, 1, u, 1)
            if innovationVariances.base[t].isNaN {
                out.update(from: u, count: m)
            } else {
                let z = loadings.base + t * loadingStride
                let gain = gains.base + t * m
                var gu = 0.0
                for i in 0..<m { gu += gain[i] * u[i] }
                let c = scaledInnovations.base[t] - gu
                for i in 0..<m { out[i] = u[i] + z[i] * c }
            }
            r = UnsafePointer(out)
        }
        if storeCovariances { weightVarianceRecursion() }
    }

    /// N_{t−1} = Tᵀ N_t T, then (at an observed t) the rank-two correction for
    /// L_t = T_t (I − K̄_t Z_t): N_{t−1} = W − Z w̄ᵀ − w̄ Zᵀ + (K̄ᵀ W K̄ + 1/F) Z Zᵀ with W = Tᵀ N_t T, w̄ = W K̄.
    private func weightVarianceRecursion() {
        guard let stored = smoothingWeightVariances else { return }
        let m = self.m
        var current = pNext.base
        for i in 0..<(m * m) { current[i] = 0 }
        let w = p.base, scratch = pScratch.base, wg = column.base
        for t in stride(from: n - 1, through: 0, by: -1) {
            let k = regimeOfTime[t]
            transitions.sandwich(k, current, m, w, scratch: scratch, transposed: true)
            let out = stored.base + t * m * m
            let f = innovationVariances.base[t]
            if f.isNaN {
                out.update(from: w, count: m * m)
            } else {
                let z = loadings.base + t * loadingStride
                let gain = gains.base + t * m
                var c = 1 / f
                for i in 0..<m {
                    var s = 0.0
                    for j in 0..<m { s += w[i * m + j] * gain[j] }
                    wg[i] = s
                    c += gain[i] * s
                }
                for i in 0..<m {
                    for j in 0..<m {
                        out[i * m + j] = w[i * m + j] - z[i] * wg[j] - wg[i] * z[j] + c * z[i] * z[j]
                    }
                }
            }
            current = out
        }
    }

    /// The forward pass α̂_1 = a_1 + P_1 r_0, α̂_{t+1} = T_t α̂_t + R_t Q_t R_tᵀ r_t,
    /// written to `out` (n × m), plus `adding` (n × m) when given.
    func smoothedMeans(into out: UnsafeMutablePointer<Double>, adding: UnsafePointer<Double>?) {
        if isScalar { return scalarSmoothedMeans(into: out, adding: adding) }
        let m = self.m
        var alpha = a.base, alphaNext = next.base
        let r0 = smoothingWeights.base
        for i in 0..<m {
            var s = initialMean.base[i]
            for j in 0..<m { s += initialCovariance.base[i * m + j] * r0[j] }
            alpha[i] = s
        }
        for t in 0..<n {
            let row = out + t * m
            if let adding {
                for i in 0..<m { row[i] = alpha[i] + adding[t * m + i] }
            } else {
                row.update(from: alpha, count: m)
            }
            guard t + 1 < n else { break }
            let k = regimeOfTime[t]
            if !transitions.isIdentity[k] {
                transitions.apply(k, alpha, 1, alphaNext, 1)
                swap(&alpha, &alphaNext)
            }
            // α += R Q_t Rᵀ r over the non-zero entries of R Q_t Rᵀ.
            let weights = smoothingWeights.base + (t + 1) * m
            if let disturbanceScaling {
                disturbanceScaling.addSmoothingStep(k, at: t, weights: weights, to: alpha)
                continue
            }
            let positions = noisePositions + k * m * m, values = noiseValues.base + k * m * m
            for e in 0..<noiseCounts[k] {
                let position = positions[e]
                alpha[position / m] += values[e] * weights[position % m]
            }
        }
    }

    /// V_t = P_t − P_t N_{t−1} P_t for every t (needs both stored by the passes).
    func smoothedCovariances() -> [Matrix] {
        guard let predicted = predictedCovariances, let weights = smoothingWeightVariances else { return [] }
        let m = self.m
        let pn = pScratch.base
        return (0..<n).map { t in
            let pt = predicted.base + t * m * m, nt = weights.base + t * m * m
            for i in 0..<m {
                for j in 0..<m {
                    var s = 0.0
                    for c in 0..<m { s += pt[i * m + c] * nt[c * m + j] }
                    pn[i * m + j] = s
                }
            }
            var v = Matrix(rows: m, columns: m)
            for i in 0..<m {
                for j in 0...i {
                    var s = 0.0
                    for c in 0..<m { s += pn[i * m + c] * pt[c * m + j] }
                    v[i, j] = pt[i * m + j] - s
                    v[j, i] = v[i, j]
                }
            }
            return v
        }
    }
}
