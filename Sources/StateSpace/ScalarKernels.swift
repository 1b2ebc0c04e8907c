/// The filter, smoother and simulation passes written out for a scalar state
/// (m = r = 1, constant Z, one regime) — the local level of CausalImpact's
/// default model. Same recursions as the general kernels, with
/// α_{t+1} = φ α_t + η_t, η_t ~ N(0, q), y_t = z α_t + ε_t, ε_t ~ N(0, H):
/// no loops over the state, no matrix scratch, a handful of flops per time point.
extension KalmanWorkspace {
    /// The scalar filter. Once the variance recursion P_{t+1} = φ² P_t H / F_t + q
    /// reaches an exact floating-point fixed point (it converges geometrically), the
    /// observed steps that follow reuse F, 1/F and K̄ instead of recomputing the same
    /// numbers — the result is bit-for-bit the same, without the division on the
    /// critical path. A missing observation leaves the fixed point; with per-time
    /// observation variances H_t there is none.
    func scalarFilter(_ w: UnsafePointer<Double>, likelihoodOf y: UnsafePointer<Double>?, storeCovariances: Bool) -> Double {
        let phi = scalarTransition, z = loadings.base[0]
        let scales = observationScales?.base
        let q = stateNoiseCovariances.base[0], phiSquared = phi * phi
        var a = initialMean.base[0], ay = a, p = initialCovariance.base[0]
        let means = predictedMeans.base, gain = gains.base
        let innovation = innovations.base, variance = innovationVariances.base, scaled = scaledInnovations.base
        let storedCovariances = storeCovariances ? predictedCovariances?.base : nil
        var logLikelihood = LogLikelihoodAccumulator()
        var steady = false
        var f = 0.0, inverse = 0.0, g = 0.0, l = 0.0, phiG = 0.0
        for t in 0..<n {
            means[t] = a
            storedCovariances?[t] = p
            let wt = w[t]
            if wt.isNaN {
                innovation[t] = .nan
                variance[t] = .nan
                scaled[t] = 0
                gain[t] = 0
                steady = false
                p = phiSquared * p + q
                a *= phi
                ay *= phi
                continue
            }
            if !steady {
                let h = observationVariance(at: t, scales: scales)
                let pz = p * z
                f = z * pz + h
                inverse = 1 / f
                g = pz * inverse
                // a_{t+1} = φ(a_t + K̄ v_t) = L a_t + φ K̄ w_t with L = φ(1 − K̄ z).
                l = phi - phi * g * z
                phiG = phi * g
                // P_{t|t} = P − P²z²/F = P·H/F, positive by construction.
                let next = phiSquared * (p * h * inverse) + q
                steady = next == p && scales == nil
                p = next
            }
            let v = wt - z * a
            a = l * a + phiG * wt
            if let y {
                let yt = y[t]
                let vy = yt - z * ay
                ay = l * ay + phiG * yt
                logLikelihood.add(variance: f, scaledSquare: vy * vy * inverse)
            } else {
                logLikelihood.add(variance: f, scaledSquare: v * v * inverse)
            }
            innovation[t] = v
            variance[t] = f
            scaled[t] = v * inverse
            gain[t] = g
        }
        return logLikelihood.value
    }

    /// r_{t−1} = L_t r_t + z v_t/F_t with L_t = φ(1 − K̄_t z) computed off the
    /// recursion's critical path (one multiply-add per step on it).
    func scalarSmoothingRecursion(storeCovariances: Bool) {
        let phi = scalarTransition, z = loadings.base[0]
        let scaled = scaledInnovations.base, gain = gains.base, weights = smoothingWeights.base
        var r = 0.0
        for t in stride(from: n - 1, through: 0, by: -1) {
            let l = phi - phi * z * gain[t]
            r = l * r + z * scaled[t]
            weights[t] = r
        }
        guard storeCovariances, let stored = smoothingWeightVariances else { return }
        var big = 0.0
        for t in stride(from: n - 1, through: 0, by: -1) {
            let w = phi * phi * big
            let f = innovationVariances.base[t]
            if !f.isNaN {
                let l = 1 - gain[t] * z
                big = w * l * l + z * z / f
            } else {
                big = w
            }
            stored.base[t] = big
        }
    }

    func scalarSmoothedMeans(into out: UnsafeMutablePointer<Double>, adding: UnsafePointer<Double>?) {
        let phi = scalarTransition, q = stateNoiseCovariances.base[0]
        let weights = smoothingWeights.base
        var alpha = initialMean.base[0] + initialCovariance.base[0] * weights[0]
        if let adding {
            for t in 0..<(n - 1) {
                out[t] = alpha + adding[t]
                alpha = phi * alpha + q * weights[t + 1]
            }
            out[n - 1] = alpha + adding[n - 1]
        } else {
            for t in 0..<(n - 1) {
                out[t] = alpha
                alpha = phi * alpha + q * weights[t + 1]
            }
            out[n - 1] = alpha
        }
    }

    /// α⁺ (zero mean) and y − y⁺ from the variates: e₀ for α⁺_1, then n − 1 state
    /// disturbances, then n observation disturbances.
    func scalarSimulate(_ y: UnsafePointer<Double>) {
        let phi = scalarTransition, z = loadings.base[0]
        let sdH = h.squareRoot(), sdState = loadingTimesFactors.base[0]
        let scales = observationScales?.base
        let e = variates.base
        let stateNoise = e + 1, observationNoise = e + n
        let states = simulatedStates.base, difference = differences.base
        var alpha = initialFactor.base[0] * e[0]
        for t in 0..<n {
            states[t] = alpha
            let yt = y[t]
            let sd = scales == nil ? sdH : observationVariance(at: t, scales: scales).squareRoot()
            difference[t] = yt.isNaN ? .nan : yt - (z * alpha + sd * observationNoise[t])
            if t + 1 < n { alpha = phi * alpha + sdState * stateNoise[t] }
        }
    }
}
