import MachineResources

/// The checks a benchmark makes against the machine's memory before it allocates
/// (see `MemoryBudget` in MachineResources for how the budget is read).
///
/// Each part of a benchmark that grows with an option is checked before anything
/// is allocated: the replications' samples (rows), the truth's potential outcomes
/// (truth units) and the kept results (replications × estimators). Products are
/// overflow-checked, so absurd values give an error, not a trap.
extension MemoryBudget {
    /// The bytes one estimator's result in one replication keeps until the summary: its
    /// `EstimatorRun` with the `EffectEstimate` and warnings, and the summary's copies.
    /// Measured at about 600 bytes (200,000 replications of two estimators grew the
    /// resident size by 215 MB); doubled for estimators with longer warning texts.
    static let bytesPerEstimatorRun = 1200

    /// Throws `BenchmarkError.invalidOption(option:detail:)` unless `count` items of
    /// `bytesEach` bytes fit in `planBytes`. The message says what needs the memory
    /// (`what`, e.g. "1000000000 replications of 4 estimators"), what it holds
    /// (`purpose`), and how many `unit`s fit.
    static func require(_ count: Int, bytesEach: Int, option: String, what: String, purpose: String, unit: String) throws {
        guard !fits(count, bytesEach: bytesEach) else { return }
        throw BenchmarkError.invalidOption(
            option: option,
            detail: "\(what) need \(shortfall(count, bytesEach: bytesEach)) \(purpose); "
                + "at most \(capacity(bytesEach: bytesEach)) \(unit) fit")
    }
}
