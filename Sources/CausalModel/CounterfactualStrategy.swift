/// One way of carrying out Pearl's abduction step, with the blocks of rows it needs.
///
/// A counterfactual query runs in three steps (Pearl, *Causality*, 2nd ed., §7.1.1):
///
/// 1. **abduct**: infer the exogenous noise behind the evidence, P(ε | e). A
///    strategy fills the factual model's ε for a block of rows (and the fresh ε
///    that only the worlds read) and weights each row by its posterior mass;
/// 2. **intervene**: each world is the model under its interventions, by graph
///    surgery (`CounterfactualSetting.worlds`, compiled once per query);
/// 3. **predict**: each world evaluated on the abducted noise by the one block
///    evaluator (`CounterfactualWorker.predict`), whatever the strategy.
///
/// The strategies differ in what a row is and how its noise is set:
///
/// | strategy | rows of a unit | row weight | answer |
/// |---|---|---|---|
/// | `ExactInversion` | one | none | exact |
/// | `ExactEnumeration` | one per cell of the free discrete ε | cell volume × likelihood of the evidence | exact |
/// | `GaussianConditioning` | one: E[ε \| e] | none | exact for expectations |
/// | `LikelihoodWeighting` | `options.samples` draws of the free ε | likelihood of the evidence | estimate |
///
/// `AbductionPlan` chooses the strategy for each observation pattern.
protocol CounterfactualStrategy: Sendable {
    /// The method, as reported with an answer.
    var method: AbductionMethod { get }

    /// Whether rows carry likelihood weights (several rows per unit).
    var isWeighted: Bool { get }

    /// Runs blocks covering every unit of `evidence` through `waves`, which
    /// evaluates them in parallel and hands them to the sink in block order.
    /// By default one row per unit.
    func schedule<Sink: CounterfactualSink>(_ evidence: EvidenceColumns, options: CounterfactualOptions,
                                            waves: inout BlockWaves<Sink>) throws

    /// The abduction step for the `n` rows of `block`: sets `worker`'s factual ε
    /// (and the worlds' fresh ε) and adds each row's log posterior weight to
    /// `slot.logWeights` (−∞ where the row contradicts the evidence). `firstRow`
    /// numbers rows in errors.
    func abduct(_ block: CounterfactualBlock, rows n: Int, firstRow: Int, in worker: CounterfactualWorker,
                slot: BlockSlot) throws

    /// What the predicted worlds of `block` imply for later blocks (enumeration
    /// cuts the cells on which a world is not constant). By default nothing.
    func afterPrediction(_ block: CounterfactualBlock, in worker: CounterfactualWorker, slot: BlockSlot) throws
}

extension CounterfactualStrategy {
    func schedule<Sink: CounterfactualSink>(_ evidence: EvidenceColumns, options: CounterfactualOptions,
                                            waves: inout BlockWaves<Sink>) throws {
        try waves.runUnits(evidence.units)
    }

    func afterPrediction(_ block: CounterfactualBlock, in worker: CounterfactualWorker, slot: BlockSlot) throws {}
}
