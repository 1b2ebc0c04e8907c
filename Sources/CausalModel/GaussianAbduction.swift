import GSL

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
        guard terms + 1 <= BlockEvaluator.blockSize else { return nil }
        let evaluator = BlockEvaluator(setting.factual)
        for k in 0..<terms {
            evaluator.epsilon[k].update(repeating: 0, count: terms + 1)
            evaluator.epsilon[k][k + 1] = 1
        }
        let storage = ColumnStorage(columns: setting.factual.model.variables.count, rows: terms + 1)
        guard (try? evaluator.evaluate(rows: terms + 1, firstRow: 0, columns: storage.columns)) != nil else { return nil }
        offsets = observed.map { storage.columns[$0][0] }
        guard !observed.isEmpty else {
            gain = []
            return
        }
        // X = A_Oᵀ: one column per observed variable, one row per noise term.
        let x = Matrix(columns: observed.map { v in (0..<terms).map { storage.columns[v][$0 + 1] - storage.columns[v][0] } })
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
