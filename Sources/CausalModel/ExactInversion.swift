/// Abduction by exact inversion: every relevant noise term is solved from the
/// evidence, so each unit has one noise vector and the answer is exact.
///
/// Each observed variable is held at its evidence while the factual model is
/// evaluated; when the evaluation reaches it (its parents known), its equation
/// is solved for its own noise term (`NoiseInversion`): ε = g⁻¹(x; parents)
/// for a continuous term, the middle of the interval of ε that gives x for a
/// discrete one that no world reads (its position inside the interval cannot
/// change any world). Terms that cannot affect the answer are held at their
/// median. Observed variables with no noise of their own must be the values
/// their noise-free equations give; evidence that no noise reproduces is an error.
struct ExactInversion: CounterfactualStrategy {
    var method: AbductionMethod { .exactInversion }
    var isWeighted: Bool { false }

    func abduct(_ block: CounterfactualBlock, rows n: Int, firstRow: Int, in worker: CounterfactualWorker,
                slot: BlockSlot) throws {
        worker.holdInactiveTerms(rows: n)
        try worker.solveObserved(rows: n, firstRow: firstRow, units: slot.units, logWeights: slot.logWeights,
                                 discreteTerms: .middle)
    }
}
