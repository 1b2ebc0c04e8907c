extension ImpactResult {
    /// The result as the JSON document of `whatif impact --json` (DESIGN.md):
    /// `average` and `cumulative` blocks (actual; predicted, absoluteEffect and
    /// relativeEffect as {mean, sd, lower, upper}), `tailProbability`,
    /// `probabilityOfCausalEffect`, `alpha`, `niter`, and `series` over every input
    /// row. Missing values are `null`; so are the summary fields when no model could
    /// be fit, and `noInferenceReason` then says why. Relative effects are fractions.
    public func jsonText() -> String {
        var members: [(String, JSONText)] = [
            ("average", summary.map { Self.json($0.average) } ?? .null),
            ("cumulative", summary.map { Self.json($0.cumulative) } ?? .null),
            ("tailProbability", summary.map { .number($0.tailProbability) } ?? .null),
            ("probabilityOfCausalEffect", summary.map { .number($0.probabilityOfCausalEffect) } ?? .null),
            ("alpha", .number(alpha)),
            ("niter", .integer(iterations)),
            ("series", .object([
                ("actual", .numbers(series.actual)),
                ("predicted", .numbers(series.predicted)),
                ("predictedLower", .numbers(series.predictedLower)),
                ("predictedUpper", .numbers(series.predictedUpper)),
                ("pointEffect", .numbers(series.pointEffect)),
                ("pointEffectLower", .numbers(series.pointEffectLower)),
                ("pointEffectUpper", .numbers(series.pointEffectUpper)),
                ("cumulativeEffect", .numbers(series.cumulativeEffect)),
                ("cumulativeEffectLower", .numbers(series.cumulativeEffectLower)),
                ("cumulativeEffectUpper", .numbers(series.cumulativeEffectUpper)),
            ])),
        ]
        if let reason = noInferenceReason { members.append(("noInferenceReason", .string(reason))) }
        return JSONText.object(members).rendered() + "\n"
    }

    private static func json(_ block: EffectSummary) -> JSONText {
        .object([
            ("actual", .number(block.actual)),
            ("predicted", json(block.predicted)),
            ("absoluteEffect", json(block.absoluteEffect)),
            ("relativeEffect", json(block.relativeEffect)),
        ])
    }

    private static func json(_ estimate: PosteriorEstimate) -> JSONText {
        .object([
            ("mean", .number(estimate.mean)),
            ("sd", .number(estimate.sd)),
            ("lower", .number(estimate.lower)),
            ("upper", .number(estimate.upper)),
        ])
    }
}
