import GSL
import StateSpace

/// State components stacked block-diagonally into one state-space model:
/// α_t = (α_t^(1), …, α_t^(K)), T_t = blockdiag(T_t^(k)), R_t = blockdiag(R_t^(k)),
/// Q = diag(σ²) over all disturbances, Z_t = (Z_t^(1), …, Z_t^(K)), P₁ = blockdiag(diag(P₁^(k))).
/// Each distinct combination of moving/still components (a seasonal inside or at
/// the start of a season) becomes one transition regime.
struct ComponentStack: Sendable {
    let components: [any StateComponent]
    /// First state index of each component.
    let stateOffsets: [Int]
    /// First disturbance index of each component.
    let disturbanceOffsets: [Int]
    let stateDimension: Int
    let disturbanceCount: Int
    let length: Int
    /// One prior and one name per disturbance, in state order.
    let variancePriors: [SdPrior]
    let disturbanceNames: [String]
    /// The starting value of every disturbance variance.
    let initialDisturbanceVariances: [Double]
    /// Z_t rows: m values (constant) or n·m; `loadingStride` is 0 or m.
    let loadings: [Double]
    let loadingStride: Int
    /// The stacked model, with Q at the starting values.
    let model: StateSpaceModel

    init(components: [any StateComponent], length n: Int, observationVariance: Double) throws {
        self.components = components
        length = n
        var stateOffsets: [Int] = [], disturbanceOffsets: [Int] = []
        var m = 0, r = 0
        for component in components {
            stateOffsets.append(m)
            disturbanceOffsets.append(r)
            m += component.stateSize
            r += component.variancePriors.count
        }
        self.stateOffsets = stateOffsets
        self.disturbanceOffsets = disturbanceOffsets
        stateDimension = m
        disturbanceCount = r
        variancePriors = components.flatMap(\.variancePriors)
        disturbanceNames = components.flatMap(\.disturbanceNames)
        initialDisturbanceVariances = components.flatMap(\.initialDisturbanceVariances)

        let timeVarying = components.contains { $0.hasTimeVaryingLoadings }
        loadingStride = timeVarying ? m : 0
        var z = [Double](repeating: 0, count: timeVarying ? n * m : m)
        z.withUnsafeMutableBufferPointer { buffer in
            for t in 0..<(timeVarying ? n : 1) {
                for (k, component) in components.enumerated() {
                    component.writeLoadings(at: t, into: buffer.baseAddress! + t * m + stateOffsets[k])
                }
            }
        }
        loadings = z

        // Regimes: one per distinct pattern of moving components.
        var patterns: [[Bool]] = []
        var regimeIndices = [Int](repeating: 0, count: n)
        for t in 0..<n {
            let pattern = components.map { $0.moves(at: t) }
            if let found = patterns.firstIndex(of: pattern) {
                regimeIndices[t] = found
            } else {
                regimeIndices[t] = patterns.count
                patterns.append(pattern)
            }
        }
        let q = Matrix.diagonal(initialDisturbanceVariances)
        let regimes = try patterns.map { pattern -> StateSpaceModel.Regime in
            var loading = Matrix(rows: m, columns: r)
            for (k, component) in components.enumerated() {
                let block = component.disturbanceLoading(moving: pattern[k])
                for i in 0..<block.rows {
                    for j in 0..<block.columns { loading[stateOffsets[k] + i, disturbanceOffsets[k] + j] = block[i, j] }
                }
            }
            let transition = try TransitionMatrix(blocks: zip(components, pattern).map { $0.transitionBlock(moving: $1) })
            return StateSpaceModel.Regime(transition: transition, disturbanceLoading: loading, disturbanceCovariance: q)
        }
        let loadingsForModel: StateSpaceModel.Loadings = timeVarying
            ? .timeVarying(Matrix(rowMajor: z, rows: n, columns: m)) : .constant(z)
        model = try StateSpaceModel(
            length: n, loadings: loadingsForModel, observationVariance: observationVariance,
            regimes: regimes, regimeIndices: regimeIndices,
            initialMean: components.flatMap(\.initialMean),
            initialCovariance: Matrix.diagonal(components.flatMap(\.initialVariances)))
    }

    /// Σ η² and the number of transitions for every disturbance, from a state path (n × m).
    func disturbanceSums(states: UnsafePointer<Double>, sums: UnsafeMutablePointer<Double>,
                         counts: UnsafeMutablePointer<Int>) {
        for d in 0..<disturbanceCount { sums[d] = 0; counts[d] = 0 }
        for (k, component) in components.enumerated() {
            component.accumulateDisturbances(
                states: states + stateOffsets[k], stride: stateDimension, length: length,
                sums: sums + disturbanceOffsets[k], counts: counts + disturbanceOffsets[k])
        }
    }

    /// Z_t α_t for every t, written to `out` (n values).
    func observationContribution(states: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let m = stateDimension, stride = loadingStride
        loadings.withUnsafeBufferPointer { z in
            let z = z.baseAddress!
            if m == 1 && stride == 0 {
                let z0 = z[0]
                for t in 0..<length { out[t] = z0 * states[t] }
                return
            }
            for t in 0..<length {
                let row = z + t * stride, alpha = states + t * m
                var s = 0.0
                for i in 0..<m { s += row[i] * alpha[i] }
                out[t] = s
            }
        }
    }
}

extension Matrix {
    /// A matrix from row-major elements.
    init(rowMajor elements: [Double], rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns)
        self.elements = elements
    }
}
