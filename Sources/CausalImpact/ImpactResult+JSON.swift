import Reporting

extension ImpactResult {
    /// The result as the JSON document of `whatif impact --json` (DESIGN.md):
    /// `average` and `cumulative` blocks (actual; predicted, absoluteEffect and
    /// relativeEffect as {mean, sd, lower, upper}), `tailProbability`,
    /// `probabilityOfCausalEffect`, `alpha`, `niter`, and `series` over every input
    /// row, and `warnings` (sentences; empty when nothing weakens the result). Missing
    /// values are `null`; so are the summary fields when no model could be fit, and
    /// `noInferenceReason` then says why. Relative effects are fractions, and null when the
    /// interval of the predicted average includes 0 (`ImpactSummary.baselineCrossesZero`).
    /// When the sampler reports on its run, `model` holds the chains, burn-in, kept
    /// draws, the regression (inclusion probabilities and mean coefficients on the
    /// modelling scale) and each parameter's mean, effective sample size and split R̂.
    public func jsonText() -> String {
        ImpactOutcome.inferred(self).jsonText()
    }
}

extension ImpactOutcome {
    /// The JSON document of `whatif impact --json` for either outcome (`ImpactResult.jsonText()`):
    /// without an inference, the summary fields are null and `noInferenceReason` says why.
    public func jsonText() -> String {
        jsonValue().rendered() + "\n"
    }

    /// The document of `jsonText()` as a value, to nest in a larger document (`whatif impact --by`).
    public func jsonValue() -> JSONValue {
        JSONValue.object(jsonMembers())
    }

    /// The members of `jsonText()`'s document, in order.
    func jsonMembers() -> [(String, JSONValue)] {
        let summary = result?.summary
        var members: [(String, JSONValue)] = [
            ("average", summary.map { Self.json($0.average, relative: !$0.baselineCrossesZero) } ?? .null),
            ("cumulative", summary.map { Self.json($0.cumulative, relative: !$0.baselineCrossesZero) } ?? .null),
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
        members.append(("warnings", .array((result?.warnings ?? []).map { .string("\($0)") })))
        if let result, let sampler = result.sampler { members.append(("model", Self.json(sampler, draws: result.drawCount))) }
        if let reason = data.noInferenceReason { members.append(("noInferenceReason", .string(reason))) }
        return members
    }

    private static func json(_ sampler: SamplerReport, draws: Int) -> JSONValue {
        .object([
            ("chains", .integer(sampler.chains)),
            ("burnIn", .array(sampler.burnIn.map { .integer($0) })),
            ("draws", .integer(draws)),
            ("coefficients", .array(sampler.covariateNames.indices.map { j in
                .object([("name", .string(sampler.covariateNames[j])),
                         ("inclusionProbability", .number(sampler.inclusionProbabilities[j])),
                         ("mean", .number(sampler.coefficientMeans[j]))])
            })),
            ("parameters", .array(sampler.parameters.map { p in
                .object([("name", .string(p.name)), ("mean", .number(p.mean)),
                         ("effectiveSampleSize", .number(p.effectiveSampleSize)),
                         ("splitRHat", p.splitRHat.map { .number($0) } ?? .null)])
            })),
        ])
    }

    /// A block; its relative effect null when `relative` is false (a baseline interval that includes 0).
    private static func json(_ block: EffectSummary, relative: Bool) -> JSONValue {
        .object([
            ("actual", .number(block.actual)),
            ("predicted", json(block.predicted)),
            ("absoluteEffect", json(block.absoluteEffect)),
            ("relativeEffect", relative ? json(block.relativeEffect) : .null),
        ])
    }

    static func json(_ estimate: PosteriorEstimate) -> JSONValue {
        .object([
            ("mean", .number(estimate.mean)),
            ("sd", .number(estimate.sd)),
            ("lower", .number(estimate.lower)),
            ("upper", .number(estimate.upper)),
        ])
    }
}
