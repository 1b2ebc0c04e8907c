import WhatIf

/// The JSON written beside an exported benchmark data set (`whatif sample
/// --potential-outcomes T:Y --truth FILE.json`): what another tool's estimate
/// is scored against, and how to make the same data again (`modelText` saved as
/// a .scm file, sampled with `seed`, `firstRow`, `rows` and the `interventions` options).
struct TruthSidecar {
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
    struct Truth {
        let ate: Double?, att: Double?, atu: Double?
        let ateStandardError: Double?, attStandardError: Double?, atuStandardError: Double?
        let units: Int, treatedUnits: Int?
        let averagePotentialOutcomes: [AveragePotentialOutcome]
        let note: String
    }

    /// The sample's mean of Y under do(T = treatment), and its standard error as an
    /// estimate of the population's E[Y(treatment)] (null below two units).
    struct AveragePotentialOutcome {
        let treatment: Double, mean: Double?, standardError: Double?
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

    /// The sidecar's JSON, keys sorted, every key written (null where a value does not exist).
    func json() -> String {
        let t = truth
        return JSONValue.object([
            "model": .string(model), "modelText": .string(modelText), "interventions": .strings(interventions),
            "seed": .unsigned(seed), "firstRow": .integer(firstRow), "rows": .integer(rows),
            "treatment": .string(treatment), "outcome": .string(outcome),
            "columns": .object(columns.map { ($0.key, JSONValue.string($0.value)) }),
            "truth": .object([
                "ate": .number(t.ate), "att": .number(t.att), "atu": .number(t.atu),
                "ateStandardError": .number(t.ateStandardError), "attStandardError": .number(t.attStandardError),
                "atuStandardError": .number(t.atuStandardError), "units": .integer(t.units),
                "treatedUnits": .optional(t.treatedUnits, JSONValue.integer),
                "averagePotentialOutcomes": .array(t.averagePotentialOutcomes.map {
                    .object(["treatment": .number($0.treatment), "mean": .number($0.mean),
                             "standardError": .number($0.standardError)])
                }),
                "note": .string(t.note),
            ]),
        ]).rendered(.sortedKeys) + "\n"
    }
}
