import Tabular

extension StructuralCausalModel {
    /// `rows` units with their potential outcomes beside the sampled columns: the
    /// outcome under each treatment value of `design` (`Y_0`, `Y_1`, …) from each
    /// unit's own noise, and the treatment's propensity where its mechanism gives it
    /// (`PotentialOutcomes.selections(for:)`). The sampled columns equal
    /// `sample(rows:seed:)`.
    ///
    ///     let units = try model.sample(rows: 10_000, seed: 8,
    ///                                  potentialOutcomes: PotentialOutcomes(treatment: "banner", outcome: "spend"))
    public func sample(rows: Int, seed: UInt64, potentialOutcomes design: PotentialOutcomes,
                       options: SamplingOptions = SamplingOptions()) throws -> Table {
        try Self.sample(rows: rows, seed: seed, selections: design.selections(for: self), options: options)
    }
}
