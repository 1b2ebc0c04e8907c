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

    /// The true effects; null where a group is empty (no treated or no untreated units)
    /// or the treatment is not binary.
    struct Truth: Encodable {
        let ate: Double?, att: Double?, atu: Double?
        let ateStandardError: Double?, attStandardError: Double?, atuStandardError: Double?
        let units: Int, treatedUnits: Int?
        let averagePotentialOutcomes: [AveragePotentialOutcome]
        let note: String

        enum CodingKeys: String, CodingKey {
            case ate, att, atu, ateStandardError, attStandardError, atuStandardError, units, treatedUnits
            case averagePotentialOutcomes, note
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
            try container.encode(averagePotentialOutcomes, forKey: .averagePotentialOutcomes)
            try container.encode(note, forKey: .note)
        }
    }

    /// The sample's mean of Y under do(T = treatment), and its standard error as an
    /// estimate of the population's E[Y(treatment)] (null below two units).
    struct AveragePotentialOutcome: Encodable {
        let treatment: Double, mean: Double?, standardError: Double?

        enum CodingKeys: String, CodingKey { case treatment, mean, standardError }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(treatment, forKey: .treatment)
            try container.encode(mean, forKey: .mean)
            try container.encode(standardError, forKey: .standardError)
        }
    }

    init(model: String, modelText: String, interventions: [String], seed: UInt64, firstRow: Int, rows: Int,
         truth sample: SampleTruth) {
        self.model = model
        self.modelText = modelText
        self.interventions = interventions
        self.seed = seed
        self.firstRow = firstRow
        self.rows = rows
        let design = sample.design
        treatment = design.treatment
        outcome = design.outcome
        var columns = [design.propensityHeader: "P(\(design.treatment) = 1 | parents), when the model gives it"]
        for value in design.values {
            columns[design.header(for: value)] = "\(design.outcome) under do(\(design.treatment) = \(value.compactDescription))"
        }
        self.columns = columns
        func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
        let effects = sample.effects, averages = sample.averages
        var note = "every value is exact for these rows; the standard errors are those of these values as estimates of the population's"
        if let reason = sample.noEffectsReason { note += "; ate, att and atu are null because \(reason)" }
        truth = Truth(ate: finite(effects?.ate), att: finite(effects?.att), atu: finite(effects?.atu),
                      ateStandardError: finite(effects?.ateStandardError),
                      attStandardError: finite(effects?.attStandardError),
                      atuStandardError: finite(effects?.atuStandardError),
                      units: averages.units, treatedUnits: effects?.treatedUnits,
                      averagePotentialOutcomes: averages.values.indices.map {
                          AveragePotentialOutcome(treatment: averages.values[$0], mean: finite(averages.mean($0)),
                                                  standardError: finite(averages.standardError($0)))
                      },
                      note: note)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
