import GSL

extension SimulationSmoother {
    /// Sets per-time state disturbance variances Q_t = diag(q_d·s_{d,t}) from `scales`
    /// (`scales[t·r + d]` = s_{d,t} for the transition α_t → α_{t+1}; n·r values, each positive
    /// and finite; copied), or back to a constant Q with nil. Q must be diagonal in every regime
    /// while scales are set. The filter (P_{t+1} = T P_{t|t} Tᵀ + R Q_t Rᵀ), the smoother's
    /// forward pass (α̂_{t+1} = T α̂_t + R Q_t Rᵀ r_t) and the unconditional simulation
    /// (η⁺_t ~ N(0, Q_t)) all use Q_t; the row of t = n − 1 only enters the one-step
    /// prediction beyond the data. Student-t state disturbances drawn through latent weights
    /// w_{d,t} use s_{d,t} = 1/w_{d,t} (η_{d,t} | w_{d,t} ~ N(0, q_d/w_{d,t})).
    /// Without scales nothing of this runs; with them the scalar kernels give way to the general ones.
    public func setDisturbanceVarianceScales(_ scales: UnsafeBufferPointer<Double>?) throws {
        try workspace.setDisturbanceVarianceScales(scales)
    }
}

/// The per-time disturbance variance scales of a workspace and, per regime, R·Q·Rᵀ split
/// into one term per disturbance: R Q_t Rᵀ = Σ_d s_{d,t}·q_d·R_{·d} R_{·d}ᵀ (Q diagonal), kept
/// as the non-zero entries (i, j, d, q_d R_{id} R_{jd}), so that adding it costs O(non-zeros).
final class DisturbanceScaling {
    let r: Int
    /// s_{d,t} at t·r + d, and its square root.
    let scales: DoubleBuffer
    let roots: DoubleBuffer
    /// Per regime, from `capacity·k`: the terms' state row, state column, disturbance and value.
    let termRows: UnsafeMutablePointer<Int>, termColumns: UnsafeMutablePointer<Int>
    let termDisturbances: UnsafeMutablePointer<Int>
    let termValues: DoubleBuffer
    let termCounts: UnsafeMutablePointer<Int>
    /// The most terms a regime can have: Σ_d (non-zeros of column d of R)².
    let capacity: Int

    init(workspace ws: KalmanWorkspace) {
        r = ws.r
        scales = DoubleBuffer(ws.n * ws.r, value: 1)
        roots = DoubleBuffer(ws.n * ws.r, value: 1)
        var most = 0
        for k in 0..<ws.regimeCount {
            let loading = ws.disturbanceLoadings.base + k * ws.m * ws.r
            var terms = 0
            for d in 0..<ws.r {
                let rows = (0..<ws.m).filter { loading[$0 * ws.r + d] != 0 }.count
                terms += rows * rows
            }
            most = max(most, terms)
        }
        capacity = most
        let total = max(1, most * ws.regimeCount)
        termRows = .allocate(capacity: total)
        termColumns = .allocate(capacity: total)
        termDisturbances = .allocate(capacity: total)
        termValues = DoubleBuffer(total)
        termCounts = .allocate(capacity: ws.regimeCount)
        termCounts.initialize(repeating: 0, count: ws.regimeCount)
    }

    deinit {
        termRows.deallocate(); termColumns.deallocate(); termDisturbances.deallocate(); termCounts.deallocate()
    }

    /// Copies the scales (already checked) and their square roots.
    func update(_ values: UnsafeBufferPointer<Double>) {
        for i in 0..<scales.count {
            scales.base[i] = values[i]
            roots.base[i] = values[i].squareRoot()
        }
    }

    /// The terms of regime k from R·L (L = diag(√q) for a diagonal Q).
    func rebuildTerms(regime k: Int, workspace ws: KalmanWorkspace) {
        let m = ws.m
        let rl = ws.loadingTimesFactors.base + k * m * r
        var count = 0
        let first = k * capacity
        for d in 0..<r {
            for i in 0..<m where rl[i * r + d] != 0 {
                for j in 0..<m where rl[j * r + d] != 0 {
                    termRows[first + count] = i
                    termColumns[first + count] = j
                    termDisturbances[first + count] = d
                    termValues.base[first + count] = rl[i * r + d] * rl[j * r + d]
                    count += 1
                }
            }
        }
        termCounts[k] = count
    }

    /// p += R_k Q_t R_kᵀ (m × m, row-major with `stride` m).
    @inline(__always)
    func addStateNoise(_ k: Int, at t: Int, to p: UnsafeMutablePointer<Double>, stride m: Int) {
        let first = k * capacity, s = scales.base + t * r
        for e in first..<(first + termCounts[k]) {
            p[termRows[e] * m + termColumns[e]] += termValues.base[e] * s[termDisturbances[e]]
        }
    }

    /// α += R_k Q_t R_kᵀ·weights.
    @inline(__always)
    func addSmoothingStep(_ k: Int, at t: Int, weights: UnsafePointer<Double>, to alpha: UnsafeMutablePointer<Double>) {
        let first = k * capacity, s = scales.base + t * r
        for e in first..<(first + termCounts[k]) {
            alpha[termRows[e]] += termValues.base[e] * s[termDisturbances[e]] * weights[termColumns[e]]
        }
    }
}

extension Matrix {
    /// Whether every entry off the diagonal is zero.
    var isDiagonal: Bool {
        for i in 0..<rows {
            for j in 0..<columns where i != j && self[i, j] != 0 { return false }
        }
        return true
    }
}
