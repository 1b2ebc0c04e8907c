import GSL
import MachineResources

/// Exact abduction in linear-Gaussian models, for expectations.
///
/// When every equation is affine in its parents and in Normal noise with
/// constant parameters, every variable is affine in the base variates,
/// X = a + A·ε with ε ~ N(0, I). Given evidence X_O = x_O the posterior of ε is
/// Gaussian with mean
///
///     E[ε | x_O] = K·(x_O − a_O),   K = A_Oᵀ (A_O A_Oᵀ)⁻¹
///
/// (the conditional mean of jointly Gaussian vectors). When every world is also
/// affine in ε, E[Y_x | x_O] is the world evaluated at that mean, exactly. The
/// offsets a and the columns of A are read off the evaluator itself by
/// evaluating the model at ε = 0 and at each unit vector.
struct GaussianAbduction: Sendable {
    /// a_O: the observed variables at ε = 0, in the plan's observed order.
    let offsets: [Double]
    /// K, row-major (noise term × observed variable).
    let gain: [Double]

    /// The map for evidence on `observed`, or nil when the factual model or a
    /// world is not linear-Gaussian, or when the evidence is degenerate (the
    /// observed variables are linearly dependent under the model).
    init?(setting: CounterfactualSetting, observed: [Int]) {
        guard Self.isLinearGaussian(setting.factual), setting.worlds.allSatisfy(Self.isLinearGaussian) else { return nil }
        let terms = setting.factual.noise.count
        // Its evaluator and columns must fit beside A_O (the caller samples when they do not).
        let rows = min(BlockEvaluator.blockSize, terms + 1)
        let need = MemoryBudget.sum(BlockEvaluator.bytes(of: setting.factual, capacity: rows, workspace: true),
                                    MemoryBudget.product(observed.count, (terms + 1) * MemoryLayout<Double>.stride))
        guard need <= MemoryBudget.planBytes else { return nil }
        // Row 0 is ε = 0 and row 1 + k the k-th unit vector, evaluated a block at a time.
        let evaluator = BlockEvaluator(setting.factual, capacity: rows)
        let storage = ColumnStorage(columns: setting.factual.model.variables.count, rows: rows)
        var offsets = [Double](repeating: 0, count: observed.count)
        var columns = [[Double]](repeating: [], count: observed.count)   // A_Oᵀ, one column per observed variable
        for first in stride(from: 0, through: terms, by: BlockEvaluator.blockSize) {
            let rows = min(rows, terms + 1 - first)
            for k in 0..<terms {
                evaluator.epsilon[k].update(repeating: 0, count: rows)
                if (first..<first + rows).contains(k + 1) { evaluator.epsilon[k][k + 1 - first] = 1 }
            }
            guard (try? evaluator.evaluate(rows: rows, firstRow: first, columns: storage.columns)) != nil else { return nil }
            for (j, v) in observed.enumerated() {
                let values = storage.columns[v]
                if first == 0 { offsets[j] = values[0] }
                for r in (first == 0 ? 1 : 0)..<rows { columns[j].append(values[r] - offsets[j]) }
            }
        }
        self.offsets = offsets
        guard !observed.isEmpty else {
            gain = []
            return
        }
        let x = Matrix(columns: columns)
        guard let factor = try? x.gram.cholesky() else { return nil }
        gain = (x * factor.inverse()).elements
    }

    /// Whether every equation of `compiled` is affine in variables and standard-normal ε.
    static func isLinearGaussian(_ compiled: CompiledModel) -> Bool {
        func affine(_ plan: ColumnPlan) -> Bool {
            switch plan {
            case .constant, .variable, .epsilon: return true
            case .affine(_, let terms): return terms.allSatisfy { affine($0.plan) }
            default: return false
            }
        }
        return compiled.steps.allSatisfy { affine($0.plan) }
    }
}
