import Reporting

extension SensitivityReport {
    /// The `whatif sensitivity --json` document: the contract's keys first, in its order,
    /// then the others.
    ///
    ///     {"estimate", "standardError", "tValue", "partialR2", "robustnessValue", "robustnessValueAlpha", "alpha",
    ///      "bounds": [{"kd", "adjustedEstimate", "adjustedStandardError", "adjustedLower", "adjustedUpper",
    ///                  "benchmark", "ky", "treatmentR2", "outcomeR2", "adjustedT"}, …],
    ///      "q", "degreesOfFreedom", "rows", "treatment", "outcome", "covariates",
    ///      "benchmarks": [{"name", "treatmentR2", "outcomeR2"}, …],
    ///      "evalue": {"standardizedDifference", "riskRatio", "riskRatioLower", "riskRatioUpper", "point", "interval"}}
    public var json: JSONValue {
        let u = unadjusted
        return .object([
            ("estimate", .number(ovb.estimate)),
            ("standardError", .number(ovb.standardError)),
            ("tValue", .number(ovb.tValue)),
            ("partialR2", .number(ovb.partialR2)),
            ("robustnessValue", .number(robustnessValue)),
            ("robustnessValueAlpha", .number(robustnessValueAlpha)),
            ("alpha", .number(alpha)),
            ("bounds", .array(bounds.map { b in
                .object([
                    ("kd", .number(b.kd)),
                    ("adjustedEstimate", .number(b.adjusted.estimate)),
                    ("adjustedStandardError", .number(b.adjusted.standardError)),
                    ("adjustedLower", .number(b.adjusted.lower)),
                    ("adjustedUpper", .number(b.adjusted.upper)),
                    ("benchmark", .string(b.benchmark)),
                    ("ky", .number(b.ky)),
                    ("treatmentR2", .number(b.adjusted.treatmentR2)),
                    ("outcomeR2", .number(b.adjusted.outcomeR2)),
                    ("adjustedT", .number(b.adjusted.tValue)),
                ])
            })),
            ("q", .number(q)),
            ("degreesOfFreedom", .number(ovb.degreesOfFreedom)),
            ("lower", .number(u.lower)),
            ("upper", .number(u.upper)),
            ("rows", .integer(rows)),
            ("treatment", .string(treatment)),
            ("outcome", .string(outcome)),
            ("covariates", .strings(covariates)),
            ("benchmarks", .array(benchmarks.map {
                .object([("name", .string($0.name)), ("treatmentR2", .number($0.treatmentR2)), ("outcomeR2", .number($0.outcomeR2))])
            })),
            ("evalue", .object([
                ("standardizedDifference", .number(ovb.estimate / outcomeStandardDeviation)),
                ("riskRatio", .number(evalue.riskRatio)),
                ("riskRatioLower", .number(evalue.riskRatioInterval?.lower)),
                ("riskRatioUpper", .number(evalue.riskRatioInterval?.upper)),
                ("point", .number(evalue.point)),
                ("interval", .number(evalue.interval)),
            ])),
            ("verdict", .string(verdict)),
        ])
    }

    /// The JSON document as text, with a final newline.
    public var jsonText: String { json.rendered(.compactArrays) + "\n" }
}
