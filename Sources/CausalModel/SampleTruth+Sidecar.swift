import Reporting

extension SampleTruth {
    /// How a sample was made, so that the same rows can be made again: the model's
    /// name and text (save it as a .scm file), the intervention options, the seed, the
    /// first row of the seed's stream and the number of rows.
    public struct Provenance: Sendable {
        /// The model as the user named it (a catalog name or a path).
        public var model: String
        /// The model's text.
        public var modelText: String
        /// The intervention options, as given (`--do X=1`, `--shift …`, `--mechanism …`).
        public var interventions: [String]
        /// The seed.
        public var seed: UInt64
        /// The first row of the seed's stream (1-based).
        public var firstRow: Int
        /// How many rows.
        public var rows: Int

        /// A provenance from its parts.
        public init(model: String, modelText: String, interventions: [String], seed: UInt64, firstRow: Int, rows: Int) {
            self.model = model
            self.modelText = modelText
            self.interventions = interventions
            self.seed = seed
            self.firstRow = firstRow
            self.rows = rows
        }
    }

    /// The JSON written beside an exported benchmark data set (`whatif sample
    /// --potential-outcomes T:Y --truth FILE.json`): what another tool's estimate is
    /// scored against, and how to make the same data again. Keys sorted; every key is
    /// written, null where a value does not exist (ATE, ATT and ATU when the treatment
    /// is not binary or a group is empty; a standard error below two units).
    public func sidecarJSON(_ provenance: Provenance) -> String {
        let columns = [(design.propensityHeader, "P(\(design.treatment) = 1 | parents), when the model gives it")]
            + design.values.map { (design.header(for: $0),
                                   "\(design.outcome) under do(\(design.treatment) = \($0.compactDescription))") }
        var note = "every value is exact for these rows; the standard errors are those of these values as estimates of "
            + "the population's"
        if let noEffectsReason { note += "; ate, att and atu are null because \(noEffectsReason)" }
        return JSONValue.object([
            "model": .string(provenance.model), "modelText": .string(provenance.modelText),
            "interventions": .strings(provenance.interventions), "seed": .unsigned(provenance.seed),
            "firstRow": .integer(provenance.firstRow), "rows": .integer(provenance.rows),
            "treatment": .string(design.treatment), "outcome": .string(design.outcome),
            "columns": .object(columns.map { ($0.0, JSONValue.string($0.1)) }),
            "truth": .object([
                "ate": .number(effects?.ate), "att": .number(effects?.att), "atu": .number(effects?.atu),
                "ateStandardError": .number(effects?.ateStandardError),
                "attStandardError": .number(effects?.attStandardError),
                "atuStandardError": .number(effects?.atuStandardError), "units": .integer(averages.units),
                "treatedUnits": .optional(effects?.treatedUnits, JSONValue.integer),
                "averagePotentialOutcomes": .array(averages.values.indices.map { k in
                    .object(["treatment": .number(averages.values[k]), "mean": .number(averages.mean(k)),
                             "standardError": .number(averages.standardError(k))])
                }),
                "note": .string(note),
            ]),
        ]).rendered(.sortedKeys) + "\n"
    }
}
