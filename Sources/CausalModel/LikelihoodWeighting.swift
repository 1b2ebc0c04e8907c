import Foundation

/// Abduction by likelihood weighting (self-normalised importance sampling):
/// each unit gets `options.samples` rows whose free noise is drawn from its
/// prior; each observed variable is then solved for its own noise term, and
/// the row weighted by the likelihood of the evidence,
///
///     w = Πᵢ p(xᵢ | parents, other noise) = Πᵢ f_ε(εᵢ)·|dεᵢ/dxᵢ|   (continuous)
///                                              × Πⱼ (upperⱼ − lowerⱼ)  (discrete: the interval's length),
///
/// with a discrete term's ε placed at the drawn uniform's relative position in
/// its interval (an exact draw from its posterior). Observed variables with no
/// noise of their own weigh 0 or 1 by whether the draw reproduces them. An
/// estimate, reported with its standard error and effective sample size.
struct LikelihoodWeighting: CounterfactualStrategy {
    var method: AbductionMethod { .likelihoodWeighting }
    var isWeighted: Bool { true }

    /// `options.samples` rows per unit, in blocks that never mix units, so that a
    /// unit's draws come from streams keyed by (seed, unit, term, block).
    func schedule<Sink: CounterfactualSink>(_ evidence: EvidenceColumns, options: CounterfactualOptions,
                                            waves: inout BlockWaves<Sink>) throws {
        let size = BlockEvaluator.blockSize
        let draws = options.samples
        let perUnit = draws / size + (draws % size == 0 ? 0 : 1)
        let (blocks, overflow) = evidence.units.multipliedReportingOverflow(by: perUnit)
        guard !overflow else {
            throw ModelError("\(evidence.units) units of \(draws) draws each are too many blocks to count (reduce the samples)")
        }
        try waves.run(count: blocks) { b in
            let index = b % perUnit
            return .particles(unit: b / perUnit, index: index, count: min(size, draws - index * size))
        }
    }

    func abduct(_ block: CounterfactualBlock, rows n: Int, firstRow: Int, in worker: CounterfactualWorker,
                slot: BlockSlot) throws {
        guard case .particles(let unit, let index, _) = block else { return }
        worker.drawNoise(unit: unit, block: index, rows: n)
        try worker.solveObserved(rows: n, firstRow: firstRow, units: slot.units, logWeights: slot.logWeights,
                                 discreteTerms: .drawn)
    }
}
