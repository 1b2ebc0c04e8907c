import GSL
import Probability
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
    /// First parameter index of each component, and all components' parameter names and starting values.
    let parameterOffsets: [Int]
    let parameterNames: [String]
    let initialParameters: [Double]
    /// The reported standard deviations: names, and the disturbance whose σ each is.
    let deviationNames: [String]
    let deviationDisturbances: [Int]
    /// Whether some component's T depends on its parameters.
    let hasParameterizedTransition: Bool
    /// Whether some component scales its disturbance variances per time (`StateComponent.hasDisturbanceScales`).
    let hasDisturbanceScales: Bool
    /// For each regime, which components move in it.
    private let regimePatterns: [[Bool]]

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
        var parameterOffsets: [Int] = [], p = 0
        var deviationNames: [String] = [], deviationDisturbances: [Int] = []
        for (k, component) in components.enumerated() {
            parameterOffsets.append(p)
            p += component.parameterNames.count
            for (name, d) in component.reportedDeviations {
                deviationNames.append(name)
                deviationDisturbances.append(disturbanceOffsets[k] + d)
            }
        }
        self.parameterOffsets = parameterOffsets
        parameterNames = components.flatMap(\.parameterNames)
        initialParameters = components.flatMap(\.initialParameters)
        self.deviationNames = deviationNames
        self.deviationDisturbances = deviationDisturbances
        hasParameterizedTransition = components.contains { $0.hasParameterizedTransition }
        hasDisturbanceScales = components.contains { $0.hasDisturbanceScales }

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
        regimePatterns = patterns
        let q = Matrix.diagonal(initialDisturbanceVariances)
        // One slot more than the parameters, so that the buffer is never empty.
        let transitions = try (initialParameters + [0]).withUnsafeBufferPointer { values in
            try Self.transitions(components, patterns: patterns, parameterOffsets: parameterOffsets,
                                 parameters: values.baseAddress!)
        }
        let regimes = zip(patterns, transitions).map { pattern, transition -> StateSpaceModel.Regime in
            var loading = Matrix(rows: m, columns: r)
            for (k, component) in components.enumerated() {
                let block = component.disturbanceLoading(moving: pattern[k])
                for i in 0..<block.rows {
                    for j in 0..<block.columns { loading[stateOffsets[k] + i, disturbanceOffsets[k] + j] = block[i, j] }
                }
            }
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

    /// T of every regime given all components' parameters.
    private static func transitions(_ components: [any StateComponent], patterns: [[Bool]], parameterOffsets: [Int],
                                    parameters: UnsafePointer<Double>) throws -> [TransitionMatrix] {
        try patterns.map { pattern in
            try TransitionMatrix(blocks: components.indices.flatMap { k in
                components[k].transitionBlocks(moving: pattern[k], parameters: parameters + parameterOffsets[k])
            })
        }
    }

    /// T of every regime (in `model.regimes` order) at the given parameters (`parameterNames` order).
    func transitions(parameters: UnsafePointer<Double>) throws -> [TransitionMatrix] {
        try Self.transitions(components, patterns: regimePatterns, parameterOffsets: parameterOffsets,
                             parameters: parameters)
    }

    /// Draws every component's disturbance variances and parameters given a state path
    /// (n × m), in component order. `sums` and `counts` are scratch of one slot per disturbance;
    /// `scales` (n × r, row-major) holds the per-time disturbance variance scales when
    /// `hasDisturbanceScales`.
    func drawParameters(states: UnsafePointer<Double>, variances: UnsafeMutablePointer<Double>,
                        parameters: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>,
                        counts: UnsafeMutablePointer<Int>, scales: UnsafeMutablePointer<Double>? = nil,
                        using stream: RandomStream) {
        for (k, component) in components.enumerated() {
            component.drawParameters(ComponentDraw(
                states: states + stateOffsets[k], stride: stateDimension, length: length,
                variances: variances + disturbanceOffsets[k], parameters: parameters + parameterOffsets[k],
                stream: stream, sums: sums + disturbanceOffsets[k], counts: counts + disturbanceOffsets[k],
                scales: scales.map { $0 + disturbanceOffsets[k] }, scaleStride: disturbanceCount))
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
