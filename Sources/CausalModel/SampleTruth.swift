import Reporting

/// The truth of a sample with potential outcomes, accumulated block by block
/// while the sample streams (`StructuralCausalModel.writeCSV(…, observe:)`), so
/// that any number of rows needs no memory per row:
///
/// - μ(t) = (1/n) Σᵢ Yᵢ(t) for every treatment value t of the design
///   (`AveragePotentialOutcomes`), the treatment binary or not;
/// - for a binary treatment whose grid holds 0 and 1, with δᵢ = Yᵢ(1) − Yᵢ(0):
///   ATE = mean(δ), ATT = mean(δ | T = 1), ATU = mean(δ | T = 0)
///   (`TreatmentEffects`), each exact for the sample, with the standard error
///   s/√n of a mean of unit-level effects as an estimate of the population's.
///
/// The sampled columns are found by their headers (`PotentialOutcomes.header(for:)`).
///
///     let design = try PotentialOutcomes(treatment: "banner", outcome: "spend")
///     let selections = try design.selections(for: model)
///     let truth = try SampleTruth(design: design, headers: selections.flatMap(\.headers))
///     try StructuralCausalModel.writeCSV(rows: n, seed: 9, selections: selections, to: file, observe: truth.add)
public final class SampleTruth {
    /// The treatment, the outcome and the treatment values.
    public let design: PotentialOutcomes
    /// μ(t) for every treatment value.
    public private(set) var averages: AveragePotentialOutcomes
    /// The binary effects; nil when the grid lacks 0 or 1 or a unit's treatment is not 0 or 1.
    public private(set) var effects: TreatmentEffects?
    /// Why `effects` is nil, in words.
    public private(set) var noEffectsReason: String?
    private let treatmentColumn: Int, outcomeColumns: [Int], untreated: Int?, treated: Int?

    /// No units yet; the columns of the treatment and of each potential outcome are
    /// found in `headers`, the sampled columns in order. Throws when one is missing.
    public init(design: PotentialOutcomes, headers: [String]) throws {
        self.design = design
        averages = AveragePotentialOutcomes(design)
        func column(_ name: String) throws -> Int {
            guard let index = headers.firstIndex(of: name) else { throw ModelError("no column '\(name)' in the sample") }
            return index
        }
        treatmentColumn = try column(design.treatment)
        outcomeColumns = try design.values.map { try column(design.header(for: $0)) }
        untreated = design.values.firstIndex(of: 0)
        treated = design.values.firstIndex(of: 1)
        if untreated != nil && treated != nil {
            effects = TreatmentEffects()
        } else {
            noEffectsReason = "the treatment values do not include both 0 and 1"
        }
    }

    /// Adds the next block of sampled columns, in the order of the headers. The
    /// first unit whose treatment is not 0 or 1 ends the binary effects (with the
    /// reason naming its row); the averages go on.
    public func add(_ columns: [UnsafeBufferPointer<Double>]) throws {
        let firstRow = averages.units
        let outcomes = outcomeColumns.map { columns[$0] }
        averages.add(outcomes)
        guard effects != nil, let untreated, let treated else { return }
        let t = columns[treatmentColumn]
        if let row = t.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            effects = nil
            noEffectsReason = "\(design.treatment) is not binary (row \(firstRow + row + 1) has \(t[row].compactDescription))"
            return
        }
        try effects!.add(treatment: t, y0: outcomes[untreated], y1: outcomes[treated], firstRow: firstRow)
    }
}
