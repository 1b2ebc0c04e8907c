import WhatIf

/// The truth of a sample with potential outcomes, accumulated block by block while
/// `whatif sample` streams it: the mean potential outcome at every treatment value
/// and, for a binary treatment whose grid holds 0 and 1, the ATE, ATT and ATU.
final class SampleTruth {
    let design: PotentialOutcomes
    private(set) var averages: AveragePotentialOutcomes
    /// The binary effects; nil when the grid lacks 0 or 1 or a unit's treatment is not 0 or 1.
    private(set) var effects: TreatmentEffects?
    /// Why `effects` is nil, in words.
    private(set) var noEffectsReason: String?
    private let treatmentColumn: Int, outcomeColumns: [Int], untreated: Int?, treated: Int?

    /// Columns are found in `headers`, the sampled columns in order.
    init(design: PotentialOutcomes, headers: [String]) throws {
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

    /// Adds the next block of sampled columns, in the order of `headers`.
    func add(_ columns: [UnsafeBufferPointer<Double>]) throws {
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
