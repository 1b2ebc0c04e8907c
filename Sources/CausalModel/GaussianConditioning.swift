/// Abduction by Gaussian conditioning, for expectations in linear-Gaussian
/// models: each unit's noise is set to its posterior mean
///
///     E[ε | x_O] = K·(x_O − a_O)
///
/// (`GaussianAbduction`), and since every world is affine in ε, evaluating a
/// world there gives E[Y_x | x_O] exactly. One row per unit, no weights. Fresh
/// terms that only worlds read are held at their median (0, their mean).
struct GaussianConditioning: CounterfactualStrategy {
    /// The posterior mean's linear map.
    let map: GaussianAbduction

    var method: AbductionMethod { .gaussianConditioning }
    var isWeighted: Bool { false }

    /// ε ← K·(x_O − a_O) row by row, observed variable by observed variable.
    func abduct(_ block: CounterfactualBlock, rows n: Int, firstRow: Int, in worker: CounterfactualWorker,
                slot: BlockSlot) throws {
        worker.holdInactiveTerms(rows: n)
        let factual = worker.factual, observed = worker.plan.observed, units = slot.units
        let terms = factual.epsilon.count
        for k in 0..<terms { factual.epsilon[k].update(repeating: 0, count: n) }
        for (j, v) in observed.enumerated() {
            let values = worker.evidence.values[v]!
            let deviation = worker.scratch[0]
            for r in 0..<n { deviation[r] = values[units[r]] - map.offsets[j] }
            for k in 0..<terms {
                let g = map.gain[k * observed.count + j]
                let e = factual.epsilon[k]
                for r in 0..<n { e[r] += g * deviation[r] }
            }
        }
    }
}
