import Foundation
import WhatIf

/// The JSON written beside an exported benchmark data set (`whatif sample
/// --potential-outcomes T:Y --truth FILE.json`): what another tool's estimate
/// is scored against, and how to make the same data again (`modelText` saved as
/// a .scm file, sampled with `seed`, `firstRow`, `rows` and the `interventions` options).
struct TruthSidecar: Encodable {
    let model: String
    let modelText: String
    let interventions: [String]
    let seed: UInt64
    let firstRow: Int
    let rows: Int
    let treatment: String
    let outcome: String
    let columns: [String: String]
    let truth: Truth

    /// The true effects; null where a group is empty (no treated or no untreated units).
    struct Truth: Encodable {
        let ate: Double?, att: Double?, atu: Double?
        let ateStandardError: Double?, attStandardError: Double?, atuStandardError: Double?
        let units: Int, treatedUnits: Int
        let note: String

        enum CodingKeys: String, CodingKey {
            case ate, att, atu, ateStandardError, attStandardError, atuStandardError, units, treatedUnits, note
        }

        /// Writes every key, with null for an effect that does not exist.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let values: [(CodingKeys, Double?)] = [(.ate, ate), (.att, att), (.atu, atu), (.ateStandardError, ateStandardError),
                                                   (.attStandardError, attStandardError), (.atuStandardError, atuStandardError)]
            for (key, value) in values {
                if let value { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
            }
            try container.encode(units, forKey: .units)
            try container.encode(treatedUnits, forKey: .treatedUnits)
            try container.encode(note, forKey: .note)
        }
    }

    init(model: String, modelText: String, interventions: [String], seed: UInt64, firstRow: Int, rows: Int,
         design: PotentialOutcomes, effects: TreatmentEffects) {
        self.model = model
        self.modelText = modelText
        self.interventions = interventions
        self.seed = seed
        self.firstRow = firstRow
        self.rows = rows
        treatment = design.treatment
        outcome = design.outcome
        columns = [design.header(for: 0): "\(design.outcome) under do(\(design.treatment) = 0)",
                   design.header(for: 1): "\(design.outcome) under do(\(design.treatment) = 1)",
                   design.propensityHeader: "P(\(design.treatment) = 1 | parents), when the model gives it"]
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        truth = Truth(ate: finite(effects.ate), att: finite(effects.att), atu: finite(effects.atu),
                      ateStandardError: finite(effects.ateStandardError),
                      attStandardError: finite(effects.attStandardError),
                      atuStandardError: finite(effects.atuStandardError),
                      units: effects.units, treatedUnits: effects.treatedUnits,
                      note: "ate, att and atu are exact for these rows; the standard errors are those of these values as estimates of the population effects")
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
