import Reporting

/// What an analysis reports beyond R CausalImpact's summary, each part only when asked
/// for: a placebo backtest, summaries over windows of the post-period, the probability
/// that the average effect exceeds a threshold, and whether the response is a stock (a
/// level such as a price or a rate, which must not be added up over time: no cumulative figures).
public struct ImpactAdditions: Sendable {
    /// The placebo backtest (`--placebo K`).
    public var placebo: PlaceboBacktest?
    /// Whether the response is a stock (`--stock`): the cumulative figures are left out.
    public var stock = false
    /// Summaries over windows of the post-period (`--window C:D`).
    public var windows: [EffectWindow] = []
    /// The threshold X of P(average effect > X) (`--threshold X`).
    public var threshold: Double?
    /// Power and minimum detectable lift from the placebo windows (with `placebo`).
    public var power: PlaceboPower?
    /// Signs of misuse (`MisuseChecks`, `CovariateShiftCheck`), added to the warnings.
    public var misuse: [MisuseWarning] = []
    /// Each covariate analysed as the response (`--check-covariates`).
    public var covariateShifts: [CovariateShift] = []
    /// Whether to list the covariates' inclusion probabilities by name (covariate options).
    public var inclusionProbabilities = false

    /// No additions: the analysis' own output.
    public init() {}
}

extension ImpactOutcome {
    /// The JSON document of `whatif impact --json` (`jsonText()`) with `additions`:
    /// with `stock`, "cumulative" is null and the cumulative series are left out;
    /// a backtest adds "placebo" {windows, windowLength, falsePositiveRate (intervals that
    /// exclude 0), tailFalsePositiveRate (p < alpha), calibratedFalsePositiveRate,
    /// calibrationFactor c = max(1, q) and calibrationQuantile q (`PlaceboCalibration`; null
    /// when unbounded), effects {mean, sd, lower, upper} of the
    /// placebo average effects, calibrated {average (, cumulative): {absoluteEffect:
    /// {mean, lower, upper}}}, calibratedExcludesZero and conclusionChanges (whether the
    /// calibrated interval of the average effect excludes 0, and whether the model's
    /// disagrees: `PlaceboConclusion`), windowResults [{start, end (1-based rows), mean, lower,
    /// upper, tailProbability}]}; windows add "windows" [{period, absoluteEffect, relativeEffect,
    /// cumulativeEffect (not for a stock), tailProbability}]; a threshold adds "threshold",
    /// "probabilityAbove" (P(average effect > threshold)), "probabilityPositive" and
    /// "probabilityNegative"; misuse warnings join "warnings"; `inclusionProbabilities` adds
    /// "inclusionProbabilities" {name: probability}; covariate checks add
    /// "covariateChecks" [{name, absoluteEffect, tailProbability, moved}]; power adds "power" {minimumDetectableLift,
    /// calibratedMinimumDetectableLift, targetPower, points [{lift, power, calibratedPower}]}.
    public func jsonText(adding additions: ImpactAdditions) -> String {
        jsonValue(adding: additions).rendered() + "\n"
    }

    /// The document of `jsonText(adding:)` as a value, to nest in a larger document (`whatif impact --by`).
    public func jsonValue(adding additions: ImpactAdditions) -> JSONValue {
        var members = jsonMembers()
        if additions.stock { members = Self.withoutCumulative(members) }
        if !additions.misuse.isEmpty {
            members = members.map { name, value in
                guard name == "warnings", case .array(let items) = value else { return (name, value) }
                return (name, .array(items + additions.misuse.map { .string("\($0)") }))
            }
        }
        if additions.inclusionProbabilities, let sampler = result?.sampler {
            members.append(("inclusionProbabilities", .object(zip(sampler.covariateNames, sampler.inclusionProbabilities)
                .map { ($0, .number($1)) })))
        }
        if !additions.covariateShifts.isEmpty {
            members.append(("covariateChecks", .array(additions.covariateShifts.map { shift in
                .object([("name", .string(shift.covariate)), ("absoluteEffect", Self.json(shift.effect)),
                         ("tailProbability", .number(shift.tailProbability)), ("moved", .bool(shift.moved))])
            })))
        }
        if !additions.windows.isEmpty {
            members.append(("windows", .array(additions.windows.map { window in
                var fields: [(String, JSONValue)] = [
                    ("period", .string(window.text)),
                    ("absoluteEffect", Self.json(window.summary.average.absoluteEffect)),
                    ("relativeEffect", Self.json(window.summary.average.relativeEffect)),
                ]
                if !additions.stock { fields.append(("cumulativeEffect", Self.json(window.summary.cumulative.absoluteEffect))) }
                fields.append(("tailProbability", .number(window.summary.tailProbability)))
                return .object(fields)
            })))
        }
        if let threshold = additions.threshold, let result, let draws = result.effectDraws {
            members.append(("threshold", .number(threshold)))
            members.append(("probabilityAbove", .number(draws.probabilityAbove(threshold, over: draws.post))))
            members.append(("probabilityPositive", .number(result.summary.probabilityPositive)))
            members.append(("probabilityNegative", .number(result.summary.probabilityNegative)))
        }
        if let placebo = additions.placebo, let result {
            members.append(("placebo", Self.json(placebo, result: result, cumulative: !additions.stock)))
        }
        if let power = additions.power {
            members.append(("power", .object([
                ("minimumDetectableLift", .number(power.minimumDetectableLift)),
                ("calibratedMinimumDetectableLift", .number(power.calibratedMinimumDetectableLift)),
                ("targetPower", .number(PlaceboPower.targetPower)),
                ("points", .array(power.points.map { p in
                    .object([("lift", .number(p.lift)), ("power", .number(p.power)),
                             ("calibratedPower", .number(p.calibratedPower))])
                })),
            ])))
        }
        return JSONValue.object(members)
    }

    /// The members with "cumulative" null and no cumulative series.
    private static func withoutCumulative(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
        members.map { name, value in
            switch (name, value) {
            case ("cumulative", _): return (name, .null)
            case ("series", .object(let series)): return (name, .object(series.filter { !$0.0.hasPrefix("cumulative") }))
            default: return (name, value)
            }
        }
    }

    private static func json(_ backtest: PlaceboBacktest, result: ImpactResult, cumulative: Bool) -> JSONValue {
        func interval(_ e: PosteriorEstimate) -> JSONValue {
            .object([("mean", .number(e.mean)), ("lower", .number(e.lower)), ("upper", .number(e.upper))])
        }
        var calibrated: [(String, JSONValue)] = [
            ("average", .object([("absoluteEffect", interval(backtest.calibration.calibrated(result.summary.average.absoluteEffect)))])),
        ]
        if cumulative {
            calibrated.append(("cumulative", .object([
                ("absoluteEffect", interval(backtest.calibration.calibrated(result.summary.cumulative.absoluteEffect))),
            ])))
        }
        let effects = backtest.effectDistribution
        let conclusion = PlaceboConclusion(backtest: backtest, result: result)
        return .object([
            ("windows", .integer(backtest.results.count)),
            ("windowLength", .integer(backtest.windows.length)),
            ("falsePositiveRate", .number(backtest.falsePositiveRate)),
            ("tailFalsePositiveRate", .number(backtest.tailFalsePositiveRate)),
            ("calibratedFalsePositiveRate", .number(backtest.calibratedFalsePositiveRate)),
            ("calibrationFactor", .number(backtest.calibration.factor)),
            ("calibrationQuantile", .number(backtest.calibration.quantile)),
            ("effects", json(effects)),
            ("calibrated", .object(calibrated)),
            ("calibratedExcludesZero", .bool(conclusion.calibratedExcludesZero)),
            ("conclusionChanges", .bool(conclusion.changesConclusion)),
            ("windowResults", .array(backtest.results.map { r in
                .object([("start", .integer(r.post.lowerBound + 1)), ("end", .integer(r.post.upperBound + 1)),
                         ("mean", .number(r.averageEffect.mean)), ("lower", .number(r.averageEffect.lower)),
                         ("upper", .number(r.averageEffect.upper)), ("tailProbability", .number(r.tailProbability))])
            })),
        ])
    }
}
