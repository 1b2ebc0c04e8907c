import MachineResources
/// The effects of a treatment T on an outcome Y through a mediator M, from nested
/// counterfactuals on each unit's own noise (Pearl 2001, "Direct and indirect effects";
/// VanderWeele 2015, *Explanation in Causal Inference*, ch. 2), for treatment values
/// t₀ (control) and t₁ (treated):
///
///     total            TE   = E[Y(t₁)] − E[Y(t₀)]
///     controlled direct CDE(m) = E[Y(t₁, m)] − E[Y(t₀, m)]
///     natural direct   NDE  = E[Y(t₁, M(t₀))] − E[Y(t₀, M(t₀))]
///     natural indirect NIE  = E[Y(t₁, M(t₁))] − E[Y(t₁, M(t₀))]
///
/// so TE = NDE + NIE. Y(t₁, M(t₀)) is each unit's outcome with T set to t₁ and M held at
/// the value it takes for the same unit (same noise) with T set to t₀: the evaluator
/// computes M(t₀) in the world do(T = t₀), then clamps M's column to it in the world
/// do(T = t₁) and evaluates the rest.
///
/// Exact when every world is affine in standard-normal noise (a linear-Gaussian model):
/// then each expectation is the world evaluated at ε = 0, and the effects are the sums
/// of path products (NIE over the paths through M, NDE over the others). Otherwise they
/// are means over `rows` units, with Monte Carlo standard errors.
public struct MediationEffects: Sendable, Equatable {
    /// The controlled direct effect at `mediatorValue`.
    public let controlledDirect: TruthValue
    /// The natural direct effect.
    public let naturalDirect: TruthValue
    /// The natural indirect effect.
    public let naturalIndirect: TruthValue
    /// The total effect.
    public let total: TruthValue
    /// The value m at which M is held for the controlled direct effect.
    public let mediatorValue: Double
    /// "exact (…)" or "simulation over n units".
    public let method: String
}

extension StructuralCausalModel {
    /// The mediation effects of `treatment` on `outcome` through `mediator` (see
    /// `MediationEffects`), for treatment values `control` and `treated`; M is held at
    /// `mediatorValue` for the controlled direct effect (default: E[M(t₀)]). Sampled
    /// models use `rows` units from the streams of `seed`.
    public func mediationEffects(treatment: String, mediator: String, outcome: String, control: Double = 0, treated: Double = 1,
                                 mediatorValue: Double? = nil, rows: Int = 100_000, seed: UInt64 = 1) throws -> MediationEffects {
        let names = [treatment, mediator, outcome]
        for name in names where index(of: name) == nil { throw unknownVariable(name) }
        guard Set(names).count == 3, let m = index(of: mediator), let y = index(of: outcome) else {
            throw ModelError("treatment, mediator and outcome must be three different variables")
        }
        guard rows >= 2 else { throw ModelError("mediation effects need at least 2 rows (got \(rows))") }
        // Six outcome columns of `rows` values are kept, and a contrast copies one.
        guard MemoryBudget.fits(rows, bytesEach: 8 * 8) else {
            throw ModelError("mediation effects over \(rows) rows need \(MemoryBudget.shortfall(rows, bytesEach: 64)); "
                             + "at most \(MemoryBudget.capacity(bytesEach: 64)) rows fit")
        }
        let control = try CompiledModel(intervening([.set(treatment, to: control)]))
        let treatedWorld = try CompiledModel(intervening([.set(treatment, to: treated)]))
        let exact = GaussianAbduction.isLinearGaussian(control) && GaussianAbduction.isLinearGaussian(treatedWorld)
        let n = exact ? 1 : rows
        let evaluators = [BlockEvaluator(control), BlockEvaluator(treatedWorld)]
        let block = BlockEvaluator.blockSize
        let worlds = (0..<4).map { _ in ColumnStorage(columns: variables.count, rows: block) }
        var outcomes = [[Double]](repeating: [], count: 6)   // Y(t0), Y(t1), Y(t1, M(t0)), M(t0), Y(t1, m), Y(t0, m)
        var clampedM = [Bool](repeating: false, count: variables.count)
        clampedM[m] = true
        // First pass: M(t0), Y(t0), Y(t1), Y(t1, M(t0)); the second (for CDE) needs m.
        func run(_ body: (_ first: Int, _ count: Int) throws -> Void) throws {
            var first = 0, blockIndex = 0
            while first < n {
                let count = min(block, n - first)
                for evaluator in evaluators {
                    if exact {
                        for e in evaluator.epsilon { e.update(repeating: 0, count: count) }
                    } else {
                        evaluator.drawNoise(seed: seed, block: blockIndex, rows: count)
                    }
                }
                try body(first, count)
                first += count
                blockIndex += 1
            }
        }
        try run { first, count in
            try evaluators[0].evaluate(rows: count, firstRow: first, columns: worlds[0].columns)
            try evaluators[1].evaluate(rows: count, firstRow: first, columns: worlds[1].columns)
            worlds[2].columns[m].update(from: worlds[0].columns[m], count: count)
            try evaluators[1].evaluate(rows: count, firstRow: first, columns: worlds[2].columns, clamped: clampedM)
            outcomes[0] += UnsafeBufferPointer(start: worlds[0].columns[y], count: count)
            outcomes[1] += UnsafeBufferPointer(start: worlds[1].columns[y], count: count)
            outcomes[2] += UnsafeBufferPointer(start: worlds[2].columns[y], count: count)
            outcomes[3] += UnsafeBufferPointer(start: worlds[0].columns[m], count: count)
        }
        let held = mediatorValue ?? outcomes[3].reduce(0, +) / Double(n)
        try run { first, count in
            for (world, evaluator) in zip([worlds[2], worlds[3]], [evaluators[1], evaluators[0]]) {
                world.columns[m].update(repeating: held, count: count)
                try evaluator.evaluate(rows: count, firstRow: first, columns: world.columns, clamped: clampedM)
            }
            outcomes[4] += UnsafeBufferPointer(start: worlds[2].columns[y], count: count)
            outcomes[5] += UnsafeBufferPointer(start: worlds[3].columns[y], count: count)
        }
        func contrast(_ a: Int, _ b: Int) -> TruthValue {
            let delta = zip(outcomes[a], outcomes[b]).map { $0 - $1 }
            if exact { return TruthValue(value: delta[0], standardError: 0) }
            return TruthValue.weightedMean(delta) ?? TruthValue(value: .nan, standardError: .nan)
        }
        return MediationEffects(controlledDirect: contrast(4, 5), naturalDirect: contrast(2, 0), naturalIndirect: contrast(1, 2),
                                total: contrast(1, 0), mediatorValue: held,
                                method: exact ? "exact (linear-Gaussian: every world is affine in the noise, evaluated at its mean)"
                                    : "simulation over \(n) units (nested counterfactuals on each unit's noise)")
    }
}
