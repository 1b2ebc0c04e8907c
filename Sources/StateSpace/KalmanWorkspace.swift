import GSL

/// A block of doubles owned by Swift: allocated once, freed in `deinit`, read
/// and written through a plain pointer in the filtering loops.
final class DoubleBuffer {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(_ count: Int, value: Double = 0) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: value, count: max(1, count))
    }

    convenience init(_ values: [Double]) {
        self.init(values.count)
        for (i, v) in values.enumerated() { base[i] = v }
    }

    deinit { base.deallocate() }

    var array: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// A model flattened into owned buffers, plus every per-time and scratch buffer
/// the filter, smoother and simulation smoother need, so that a run allocates
/// nothing. One workspace serves one thread (one MCMC chain).
final class KalmanWorkspace {
    let n: Int, m: Int, r: Int
    let regimeCount: Int
    private(set) var model: StateSpaceModel

    // The model.
    let loadings: DoubleBuffer          // m values, or n·m for a time-varying Z
    let loadingStride: Int              // 0 (constant Z) or m
    var h: Double
    /// s_t with H_t = H·s_t at time t (n values), or nil for a constant H (set by
    /// `setObservationVarianceScales`; Student-t errors give s_t = 1/w_t).
    private(set) var observationScales: DoubleBuffer?
    let transitions: TransitionTable
    let regimeOfTime: UnsafeMutablePointer<Int>
    let disturbanceLoadings: DoubleBuffer      // per regime: R, m × r
    let disturbanceFactors: DoubleBuffer       // per regime: lower L with Q = L·Lᵀ, r × r
    /// Per-time scales of the disturbance variances (`setDisturbanceVarianceScales`), or nil.
    private(set) var disturbanceScaling: DisturbanceScaling?
    let stateNoiseCovariances: DoubleBuffer    // per regime: R·Q·Rᵀ = (R·L)(R·L)ᵀ, m × m
    /// Per regime: the positions i·m + j and values of the non-zero entries of R·Q·Rᵀ
    /// (typically a few diagonal entries), so that adding it costs O(nonzeros).
    let noisePositions: UnsafeMutablePointer<Int>
    let noiseValues: DoubleBuffer
    let noiseCounts: UnsafeMutablePointer<Int>
    /// The indices j with Z_j ≠ 0 for a constant Z (every index for a time-varying Z).
    let loadingSupport: UnsafeMutablePointer<Int>
    let loadingSupportCount: Int
    let initialMean: DoubleBuffer
    let initialCovariance: DoubleBuffer
    let initialFactor: DoubleBuffer            // lower L with P₁ = L·Lᵀ

    // Per time point (written by the filter, read by the smoothers).
    let innovations: DoubleBuffer          // v_t (NaN when missing)
    let innovationVariances: DoubleBuffer  // F_t (NaN when missing)
    let scaledInnovations: DoubleBuffer    // v_t / F_t (0 when missing)
    let gains: DoubleBuffer                // K̄_t = P_t Z_tᵀ / F_t, n × m (0 when missing)
    let predictedMeans: DoubleBuffer       // a_t, n × m
    private(set) var predictedCovariances: DoubleBuffer?   // P_t, n × m × m, on request
    let smoothingWeights: DoubleBuffer     // r_{t−1} of Durbin–Koopman (0-based slot t), n × m
    private(set) var smoothingWeightVariances: DoubleBuffer?  // N_{t−1}, n × m × m, on request

    // Simulation.
    let simulatedStates: DoubleBuffer      // α⁺_t, n × m
    let differences: DoubleBuffer          // y_t − y⁺_t (NaN when missing)
    let variates: DoubleBuffer             // standard normals: m, then (n − 1)·r, then n

    // Scratch.
    let a: DoubleBuffer, aLikelihood: DoubleBuffer, next: DoubleBuffer
    let column: DoubleBuffer, vector: DoubleBuffer
    let p: DoubleBuffer, pNext: DoubleBuffer, pScratch: DoubleBuffer
    let loadingTimesFactors: DoubleBuffer  // per regime: R·L, m × r
    /// Per regime: the non-zero entries of R·L (row i, column j and value, in storage
    /// order), so that simulating R·L·e costs O(nonzeros) rather than O(m·r).
    let factorRows: UnsafeMutablePointer<Int>, factorColumns: UnsafeMutablePointer<Int>
    let factorValues: DoubleBuffer
    let factorCounts: UnsafeMutablePointer<Int>

    /// Whether the model has the scalar kernels' shape: m = r = 1, constant Z, one regime.
    let hasScalarShape: Bool
    /// Whether the scalar kernels apply: the scalar shape and no per-time disturbance scales.
    var isScalar: Bool { hasScalarShape && disturbanceScaling == nil }

    init(model: StateSpaceModel, allowScalarKernels: Bool = true) throws {
        self.model = model
        n = model.length
        m = model.stateDimension
        r = model.disturbanceDimension
        regimeCount = model.regimes.count
        switch model.loadings {
        case .constant(let z):
            loadings = DoubleBuffer(z)
            loadingStride = 0
        case .timeVarying(let z):
            loadings = DoubleBuffer(z.elements)
            loadingStride = m
        }
        h = model.observationVariance
        transitions = TransitionTable(model.regimes.map(\.transition))
        regimeOfTime = .allocate(capacity: n)
        for t in 0..<n { regimeOfTime[t] = model.regimeIndices[t] }
        disturbanceLoadings = DoubleBuffer(regimeCount * m * r)
        disturbanceFactors = DoubleBuffer(regimeCount * r * r)
        stateNoiseCovariances = DoubleBuffer(regimeCount * m * m)
        noisePositions = .allocate(capacity: regimeCount * m * m)
        noiseValues = DoubleBuffer(regimeCount * m * m)
        noiseCounts = .allocate(capacity: regimeCount)
        noiseCounts.initialize(repeating: 0, count: regimeCount)
        let z = model.loading(at: 0)
        let support = loadingStride == 0 ? z.indices.filter { z[$0] != 0 } : Array(0..<m)
        loadingSupport = .allocate(capacity: max(1, support.count))
        for (i, j) in support.enumerated() { loadingSupport[i] = j }
        loadingSupportCount = support.count
        initialMean = DoubleBuffer(model.initialMean)
        initialCovariance = DoubleBuffer(model.initialCovariance.elements)
        initialFactor = DoubleBuffer(try SemidefiniteFactor.lower(model.initialCovariance, name: "P₁"))

        innovations = DoubleBuffer(n)
        innovationVariances = DoubleBuffer(n)
        scaledInnovations = DoubleBuffer(n)
        gains = DoubleBuffer(n * m)
        predictedMeans = DoubleBuffer(n * m)
        smoothingWeights = DoubleBuffer(n * m)
        simulatedStates = DoubleBuffer(n * m)
        differences = DoubleBuffer(n)
        variates = DoubleBuffer(m + (n - 1) * r + n)
        a = DoubleBuffer(m); aLikelihood = DoubleBuffer(m); next = DoubleBuffer(m)
        column = DoubleBuffer(m); vector = DoubleBuffer(max(m, r))
        p = DoubleBuffer(m * m); pNext = DoubleBuffer(m * m); pScratch = DoubleBuffer(m * m)

        loadingTimesFactors = DoubleBuffer(regimeCount * m * r)
        factorRows = .allocate(capacity: max(1, regimeCount * m * r))
        factorColumns = .allocate(capacity: max(1, regimeCount * m * r))
        factorValues = DoubleBuffer(regimeCount * m * r)
        factorCounts = .allocate(capacity: regimeCount)
        factorCounts.initialize(repeating: 0, count: regimeCount)
        hasScalarShape = allowScalarKernels && m == 1 && r == 1 && regimeCount == 1 && loadingStride == 0
        for k in 0..<regimeCount {
            let regime = model.regimes[k]
            for (i, v) in regime.disturbanceLoading.elements.enumerated() { disturbanceLoadings.base[k * m * r + i] = v }
            try installDisturbanceCovariance(regime.disturbanceCovariance, regime: k)
        }
    }

    deinit {
        regimeOfTime.deallocate(); noisePositions.deallocate(); noiseCounts.deallocate(); loadingSupport.deallocate()
        factorRows.deallocate(); factorColumns.deallocate(); factorCounts.deallocate()
    }

    /// The number of standard normal variates one simulation-smoother draw consumes.
    var variateCount: Int { variates.count }

    func setObservationVariance(_ value: Double) throws {
        try StateSpaceModel.checkVariance(value)
        h = value
        model.observationVariance = value
    }

    /// Sets s_t in H_t = H·s_t (each positive and finite), or removes them with nil.
    func setObservationVarianceScales(_ scales: UnsafeBufferPointer<Double>?) throws {
        guard let scales else { observationScales = nil; return }
        guard scales.count == n else { throw StateSpaceError.lengthMismatch(expected: n, actual: scales.count) }
        if let t = scales.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw StateSpaceError.invalidVariance("observation variance scale \(t) = \(scales[t]) must be positive and finite")
        }
        let buffer = observationScales ?? DoubleBuffer(n)
        buffer.base.update(from: scales.baseAddress!, count: n)
        observationScales = buffer
    }

    /// H_t = H·s_t, or H without scales.
    @inline(__always)
    func observationVariance(at t: Int, scales: UnsafeMutablePointer<Double>?) -> Double {
        guard let scales else { return h }
        return h * scales[t]
    }

    /// Replaces Q of one regime (checked symmetric positive semi-definite) and refreshes R·Q·Rᵀ.
    func setDisturbanceCovariance(_ q: Matrix, regime k: Int) throws {
        guard k >= 0, k < regimeCount else { throw StateSpaceError.shape("regime \(k) does not exist") }
        guard q.rows == r, q.columns == r else {
            throw StateSpaceError.shape("Q is \(q.rows)×\(q.columns), expected \(r)×\(r)")
        }
        if disturbanceScaling != nil, !q.isDiagonal {
            throw StateSpaceError.invalidVariance("Q must be diagonal while disturbance variance scales are set")
        }
        try installDisturbanceCovariance(q, regime: k)
        model.regimes[k].disturbanceCovariance = q
    }

    /// Sets s_{d,t} in Q_t = diag(√s_t)·Q·diag(√s_t) (`scales[t·r + d]`, n·r values, each positive
    /// and finite), or removes them with nil. Q must be diagonal in every regime.
    func setDisturbanceVarianceScales(_ scales: UnsafeBufferPointer<Double>?) throws {
        guard let scales else { disturbanceScaling = nil; return }
        guard scales.count == n * r else { throw StateSpaceError.lengthMismatch(expected: n * r, actual: scales.count) }
        if let i = scales.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            let (t, d) = i.quotientAndRemainder(dividingBy: r)
            throw StateSpaceError.invalidVariance("disturbance variance scale (t \(t), disturbance \(d)) = \(scales[i]) must be positive and finite")
        }
        if let k = model.regimes.firstIndex(where: { !$0.disturbanceCovariance.isDiagonal }) {
            throw StateSpaceError.invalidVariance("disturbance variance scales need a diagonal Q; regime \(k)'s is not")
        }
        if disturbanceScaling == nil {
            let scaling = DisturbanceScaling(workspace: self)
            for k in 0..<regimeCount { scaling.rebuildTerms(regime: k, workspace: self) }
            disturbanceScaling = scaling
        }
        disturbanceScaling?.update(scales)
    }

    /// Sets Q = diag(variances) in every regime.
    func setDisturbanceVariances(_ variances: [Double]) throws {
        guard variances.count == r else {
            throw StateSpaceError.shape("\(variances.count) disturbance variances, expected \(r)")
        }
        for (i, v) in variances.enumerated() where !(v >= 0 && v.isFinite) {
            throw StateSpaceError.invalidVariance("disturbance variance \(i) = \(v) must be non-negative and finite")
        }
        for k in 0..<regimeCount {
            let factor = disturbanceFactors.base + k * r * r
            for i in 0..<(r * r) { factor[i] = 0 }
            for i in 0..<r { factor[i * r + i] = variances[i].squareRoot() }
            for i in 0..<r { for j in 0..<r { model.regimes[k].disturbanceCovariance[i, j] = i == j ? variances[i] : 0 } }
            refreshStateNoiseCovariance(regime: k)
        }
    }

    private func installDisturbanceCovariance(_ q: Matrix, regime k: Int) throws {
        let factor = try SemidefiniteFactor.lower(q, name: "Q")
        for (i, v) in factor.enumerated() { disturbanceFactors.base[k * r * r + i] = v }
        refreshStateNoiseCovariance(regime: k)
    }

    /// R·Q·Rᵀ = (R·L)(R·L)ᵀ from R and the factor L of Q.
    private func refreshStateNoiseCovariance(regime k: Int) {
        let rr = disturbanceLoadings.base + k * m * r
        let l = disturbanceFactors.base + k * r * r
        let out = stateNoiseCovariances.base + k * m * m
        let rl = loadingTimesFactors.base + k * m * r
        for i in 0..<m {
            for j in 0..<r {
                var s = 0.0
                for c in j..<r { s += rr[i * r + c] * l[c * r + j] }
                rl[i * r + j] = s
            }
        }
        for i in 0..<m {
            for j in 0...i {
                var s = 0.0
                for c in 0..<r { s += rl[i * r + c] * rl[j * r + c] }
                out[i * m + j] = s
                out[j * m + i] = s
            }
        }
        let rows = factorRows + k * m * r, columns = factorColumns + k * m * r
        factorCounts[k] = Self.nonzeros(of: rl, count: m * r, positions: rows, values: factorValues.base + k * m * r)
        for e in 0..<factorCounts[k] {
            (rows[e], columns[e]) = rows[e].quotientAndRemainder(dividingBy: r)
        }
        noiseCounts[k] = Self.nonzeros(of: out, count: m * m, positions: noisePositions + k * m * m,
                                       values: noiseValues.base + k * m * m)
        disturbanceScaling?.rebuildTerms(regime: k, workspace: self)
    }

    /// Writes the positions and values of the non-zero entries of `matrix` (in storage
    /// order) and returns how many there are.
    private static func nonzeros(of matrix: UnsafePointer<Double>, count: Int, positions: UnsafeMutablePointer<Int>,
                                 values: UnsafeMutablePointer<Double>) -> Int {
        var found = 0
        for e in 0..<count where matrix[e] != 0 {
            positions[found] = e
            values[found] = matrix[e]
            found += 1
        }
        return found
    }

    /// p += R_k Q_t R_kᵀ for the transition at t, touching only its non-zero entries.
    @inline(__always)
    func addStateNoise(_ k: Int, at t: Int, to p: UnsafeMutablePointer<Double>) {
        if let disturbanceScaling { return disturbanceScaling.addStateNoise(k, at: t, to: p, stride: m) }
        let positions = noisePositions + k * m * m, values = noiseValues.base + k * m * m
        for e in 0..<noiseCounts[k] { p[positions[e]] += values[e] }
    }

    /// Records a regime's new T in the model (the table's entries are written by the caller).
    func replaceTransition(_ transition: TransitionMatrix, regime k: Int) {
        model.regimes[k].transition = transition
    }

    /// Allocates the buffers for P_t (filter) and N_{t−1} (smoother) on first request.
    func prepareCovarianceStorage() {
        if predictedCovariances == nil { predictedCovariances = DoubleBuffer(n * m * m) }
        if smoothingWeightVariances == nil { smoothingWeightVariances = DoubleBuffer(n * m * m) }
    }

    // MARK: Scalar form (m = r = 1)

    /// The scalar transition φ (T is 1 × 1).
    var scalarTransition: Double {
        switch model.regimes[0].transition.blocks[0] {
        case .identity: return 1
        case .dummySeasonal: return -1
        case .dense(let t): return t[0, 0]
        }
    }
}
