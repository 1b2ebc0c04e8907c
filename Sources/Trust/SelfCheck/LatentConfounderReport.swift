import Probability
import Reporting

/// What one replication of a `LatentConfounderCheck` found.
public struct CheckReplication: Sendable, Equatable {
    /// The OLS estimate ignoring the confounder.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// The true bias: estimate − truth.
    public let bias: Double
    /// The sensitivity bound: the bias a confounder of the assumed strength would remove.
    public let bound: Double
    /// Whether the estimate's own interval covers the truth.
    public let covered: Bool
    /// Whether the interval τ̂ ∓ (bound + t·se_adj), adjusted for a confounder of the assumed
    /// strength acting in either direction, covers the truth.
    public let adjustedCovered: Bool
    /// RV_q (q = 1).
    public let robustnessValue: Double
    /// RV_{q,α}.
    public let robustnessValueAlpha: Double
    /// The confounder's partial R²s in this sample.
    public let sampleStrength: ConfounderStrength
    /// Each refuter's alarm, in the order of the check's refuters.
    public let alarms: [Bool]
}

/// The result of a `LatentConfounderCheck`: the true bias beside the sensitivity bound, the
/// robustness values beside the confounder's strength, and how often each refuter rang.
public struct LatentConfounderReport: Sendable {
    /// The treatment.
    public let treatment: String
    /// The outcome.
    public let outcome: String
    /// The covariates adjusted for (the confounder is not among them).
    public let covariates: [String]
    /// The confounder added, with its coefficients.
    public let confounder: LatentConfounder
    /// Its partial R²s, measured on the pilot.
    public let strength: ConfounderStrength
    /// The strength the bound assumes.
    public let assumed: ConfounderStrength
    /// The true average effect E[Y(1) − Y(0)].
    public let truth: Double
    /// Its Monte Carlo standard error.
    public let truthStandardError: Double
    /// Rows per replication.
    public let rows: Int
    /// The refuters run.
    public let refuters: [RefuterKind]
    /// Their level.
    public let alpha: Double
    /// The replications.
    public let replications: [CheckReplication]

    private func mean(_ f: (CheckReplication) -> Double) -> Double { RunningMoments(replications.map(f)).mean }
    private func share(_ f: (CheckReplication) -> Bool) -> Double { Double(replications.filter(f).count) / Double(replications.count) }

    /// The mean estimate.
    public var meanEstimate: Double { mean(\.estimate) }
    /// The mean true bias.
    public var meanBias: Double { mean(\.bias) }
    /// The Monte Carlo standard error of the mean bias.
    public var biasStandardError: Double { RunningMoments(replications.map(\.bias)).standardErrorOfMean }
    /// The root mean squared error against the truth.
    public var rootMeanSquaredError: Double { mean { $0.bias * $0.bias }.squareRoot() }
    /// The mean sensitivity bound.
    public var meanBound: Double { mean(\.bound) }
    /// The share of replications whose |bias| is within the bound.
    public var boundHoldsShare: Double { share { abs($0.bias) <= $0.bound } }
    /// Whether the true bias — the mean error over replications, the estimator's systematic
    /// part — is within the mean bound, up to 4.4 Monte Carlo standard errors: the mean of
    /// s·biasᵣ − boundᵣ (s the sign of the mean bias) is at most 4.4 of its standard errors.
    /// When the confounder is no stronger than assumed it should hold. (Each replication's
    /// error adds the estimate's sampling error, so |biasᵣ| ≤ boundᵣ in only about half of
    /// them when the bound assumes exactly the confounder's strength: `boundHoldsShare`.)
    public var boundHoldsOnAverage: Bool {
        let sign: Double = meanBias < 0 ? -1 : 1
        let moments = RunningMoments(replications.map { sign * $0.bias - $0.bound })
        return moments.mean <= 4.4 * (replications.count > 1 ? moments.standardErrorOfMean : 0)
    }
    /// The coverage of the estimate's own interval.
    public var coverage: Double { share(\.covered) }
    /// The coverage of the interval adjusted for a confounder of the assumed strength.
    public var adjustedCoverage: Double { share(\.adjustedCovered) }
    /// The mean robustness value.
    public var meanRobustnessValue: Double { mean(\.robustnessValue) }
    /// The mean robustness value at level α.
    public var meanRobustnessValueAlpha: Double { mean(\.robustnessValueAlpha) }
    /// The mean of the confounder's sample partial R²s.
    public var meanSampleStrength: ConfounderStrength {
        ConfounderStrength(treatmentR2: mean(\.sampleStrength.treatmentR2), outcomeR2: mean(\.sampleStrength.outcomeR2))
    }
    /// The share of replications where the confounder (both partial R²s at least the robustness
    /// value) is strong enough to explain the estimate away, by the robustness value.
    public var explainedAwayShare: Double {
        share { min(strength.treatmentR2, strength.outcomeR2) >= $0.robustnessValue }
    }

    /// Each refuter's alarms: how many, the rate and its Clopper–Pearson interval.
    public var alarmRates: [(kind: RefuterKind, alarms: Int, rate: Double, interval: BinomialInterval)] {
        refuters.enumerated().map { k, kind in
            let count = replications.filter { $0.alarms[k] }.count
            return (kind, count, Double(count) / Double(replications.count),
                    BinomialInterval(successes: count, trials: replications.count))
        }
    }

    /// The report for people.
    public func text(title: String? = nil) -> String {
        let s = { (x: Double) in NumberFormatting.significant(x, digits: 4) }
        let pct = { (x: Double) in NumberFormatting.percent(x) }
        let r2 = { (c: ConfounderStrength) in "R²(D~U|X) = \(s(c.treatmentR2)), R²(Y~U|D,X) = \(s(c.outcomeR2))" }
        let named = title.map { " (\($0))" } ?? ""
        let adjusting = covariates.isEmpty ? "nothing" : covariates.joined(separator: ", ")
        let runs = NumberFormatting.count(replications.count, "replication"), size = NumberFormatting.count(rows, "row")
        var lines = ["Hidden-confounder check\(named): effect of \(treatment) on \(outcome), \(runs) of \(size), OLS adjusting for \(adjusting)", ""]
        lines.append("hidden confounder U ~ N(0, 1): coefficient \(s(confounder.treatmentCoefficient)) in \(treatment), "
            + "\(s(confounder.outcomeCoefficient)) in \(outcome); strength \(r2(strength))")
        lines.append("the sensitivity bound assumes \(r2(assumed))")
        lines.append("")
        let bound = pct(boundHoldsShare) + " of replications" + (boundHoldsOnAverage ? " (holds on average)" : " (EXCEEDED on average)")
        let summary: [[String]] = [
            ["true effect E[Y(1) − Y(0)]", s(truth) + " ± " + s(truthStandardError)],
            ["mean estimate (ignoring U)", s(meanEstimate)],
            ["mean true bias", s(meanBias) + " ± " + s(biasStandardError)],
            ["mean sensitivity bound", s(meanBound)],
            ["|bias| within the bound", bound],
            ["coverage of the estimate's interval", pct(coverage)],
            ["coverage of the adjusted interval", pct(adjustedCoverage)],
            ["mean robustness value RV (q = 1)", s(meanRobustnessValue)],
            ["mean RV at α = " + NumberFormatting.general(alpha), s(meanRobustnessValueAlpha)],
            ["U strong enough to explain it away (by RV)", pct(explainedAwayShare) + " of replications"],
            ["U's mean partial R²s in the samples", s(meanSampleStrength.treatmentR2) + ", " + s(meanSampleStrength.outcomeR2)],
        ]
        lines += TextTable(rows: summary, leftAligned: 1).lines().map { "  " + $0 }
        if !refuters.isEmpty {
            lines.append("")
            var table = [["refuter", "alarms", "rate", "95% interval"]]
            for a in alarmRates {
                table.append([a.kind.rawValue, String(a.alarms), pct(a.rate), "[\(pct(a.interval.lower)), \(pct(a.interval.upper))]"])
            }
            lines += TextTable(rows: table, leftAligned: 1, rulesHeader: true).lines().map { "  " + $0 }
            lines.append("")
            lines.append("The refuters cannot see U: alarm rates near α (\(NumberFormatting.general(alpha))) or below mean they stayed silent; "
                + "the sensitivity bound is the check that speaks to hidden confounding.")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The JSON document: {"treatment", "outcome", "covariates", "confounder": {"treatmentCoefficient",
    /// "outcomeCoefficient", "treatmentR2", "outcomeR2"}, "assumed": {"treatmentR2", "outcomeR2"}, "truth",
    /// "truthStandardError", "rows", "replications", "meanEstimate", "meanBias", "biasStandardError", "rmse",
    /// "meanBound", "boundHoldsShare", "boundHoldsOnAverage", "coverage", "adjustedCoverage",
    /// "meanRobustnessValue", "meanRobustnessValueAlpha", "explainedAwayShare",
    /// "refuters": [{"name", "alarms", "rate", "lower", "upper"}, …]}.
    public var json: JSONValue {
        .object([
            ("treatment", .string(treatment)), ("outcome", .string(outcome)), ("covariates", .strings(covariates)),
            ("confounder", .object([("treatmentCoefficient", .number(confounder.treatmentCoefficient)),
                                    ("outcomeCoefficient", .number(confounder.outcomeCoefficient)),
                                    ("treatmentR2", .number(strength.treatmentR2)), ("outcomeR2", .number(strength.outcomeR2))])),
            ("assumed", .object([("treatmentR2", .number(assumed.treatmentR2)), ("outcomeR2", .number(assumed.outcomeR2))])),
            ("truth", .number(truth)), ("truthStandardError", .number(truthStandardError)),
            ("rows", .integer(rows)), ("replications", .integer(replications.count)),
            ("meanEstimate", .number(meanEstimate)), ("meanBias", .number(meanBias)), ("biasStandardError", .number(biasStandardError)),
            ("rmse", .number(rootMeanSquaredError)), ("meanBound", .number(meanBound)), ("boundHoldsShare", .number(boundHoldsShare)),
            ("boundHoldsOnAverage", .bool(boundHoldsOnAverage)), ("coverage", .number(coverage)),
            ("adjustedCoverage", .number(adjustedCoverage)), ("meanRobustnessValue", .number(meanRobustnessValue)),
            ("meanRobustnessValueAlpha", .number(meanRobustnessValueAlpha)), ("explainedAwayShare", .number(explainedAwayShare)),
            ("refuters", .array(alarmRates.map { a in
                .object([("name", .string(a.kind.rawValue)), ("alarms", .integer(a.alarms)), ("rate", .number(a.rate)),
                         ("lower", .number(a.interval.lower)), ("upper", .number(a.interval.upper))])
            })),
        ])
    }

    /// The JSON document as text, with a final newline.
    public var jsonText: String { json.rendered(.compactArrays) + "\n" }
}
