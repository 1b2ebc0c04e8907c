import CausalModel
import Tabular

extension PosteriorDraws {
    /// The rows of a sample of `rows` units that draw k (0-based) gives: the units are
    /// split evenly and in order, draw k taking rows ⌊kN/K⌋ ..< ⌊(k+1)N/K⌋.
    public func rows(ofDraw k: Int, in rows: Int) -> Range<Int> {
        (k * rows / count)..<((k + 1) * rows / count)
    }

    /// Streams a sample from the posterior predictive distribution as CSV: `rows` units
    /// split evenly across the draws (`rows(ofDraw:in:)`), each unit's values computed
    /// by its draw's model through the selections `selections(model)` gives it (the
    /// intervened model, potential outcomes). Unit i takes its noise from row i of the
    /// seed's stream, exactly as sampling one model does, so the output is a pure
    /// function of (draws, rows, seed), whatever the thread count. With
    /// `drawColumn`, a last column `draw` holds the unit's draw number (1-based, in
    /// file order).
    public func writeCSV(rows: Int, seed: UInt64, selections: (StructuralCausalModel) throws -> [ColumnSelection],
                         to file: OutputFile, drawColumn: Bool = false, header: Bool = true, digits: Int? = nil,
                         options: SamplingOptions = SamplingOptions()) throws {
        for (k, model) in models.enumerated() {
            let range = self.rows(ofDraw: k, in: rows)
            var chosen = try selections(model)
            if drawColumn {
                let constant = try StructuralCausalModel(variables: [Variable(name: "draw", equation: .constant(Double(k + 1)))],
                                                         noiseTerms: [])
                chosen.append(try ColumnSelection(constant))
            }
            var drawOptions = options
            if let report = options.progress {
                let offset = range.lowerBound
                drawOptions.progress = { @Sendable done, _ in report(offset + done, rows) }
            }
            do {
                try StructuralCausalModel.writeCSV(rows: range.count, seed: seed, selections: chosen, to: file,
                                                   firstRow: range.lowerBound, header: header && k == 0, digits: digits,
                                                   options: drawOptions)
            } catch {
                throw ModelError("\(folder)/\(files[k]): \(error)")
            }
        }
    }
}
