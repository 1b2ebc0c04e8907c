import Estimators
import GSL
import Probability
import Reporting

/// One refuter's result: the new estimates, what was expected, a p-value, an interval, an
/// alarm and a verdict in words (see `RefuterKind` for the tests).
public struct Refutation: Sendable, Equatable {
    /// The refuter.
    public let kind: RefuterKind
    /// The K new estimates (those that succeeded).
    public let estimates: [Double]
    /// Simulations on which the estimator failed.
    public let failures: Int
    /// The original estimate θ̂.
    public let originalEstimate: Double
    /// The original estimate's standard error.
    public let originalStandardError: Double
    /// The value expected: 0, or θ̂.
    public let expected: Double
    /// The mean of the new estimates θ̄.
    public let newEstimate: Double
    /// Their standard deviation s.
    public let spread: Double
    /// The interval: θ̄ ∓ t_{1−α/2; K−1}·s/√K (should vanish), or the equal-tailed 1 − α range of
    /// the new estimates (should not move).
    public let lower: Double, upper: Double
    /// The p-value of the refuter's test.
    public let pValue: Double
    /// Whether the refuter raises an alarm.
    public let alarm: Bool
    /// The level α.
    public let alpha: Double

    init(kind: RefuterKind, original: EffectEstimate, estimates: [Double], failures: Int, alpha: Double) {
        self.kind = kind
        self.estimates = estimates
        self.failures = failures
        self.alpha = alpha
        originalEstimate = original.value
        originalStandardError = original.standardError
        let moments = RunningMoments(estimates)
        let k = Double(estimates.count)
        newEstimate = moments.mean
        spread = moments.variance.squareRoot()
        if kind.expectsZero {
            expected = 0
            let se = spread / k.squareRoot()
            let critical = SpecialFunctions.studentTQuantile(1 - alpha / 2, degreesOfFreedom: k - 1)
            lower = newEstimate - critical * se
            upper = newEstimate + critical * se
            pValue = se > 0 ? 2 * SpecialFunctions.studentTCDF(-abs(newEstimate) / se, degreesOfFreedom: k - 1) : (newEstimate == 0 ? 1 : 0)
        } else {
            expected = original.value
            let sorted = estimates.sorted()
            lower = SampleQuantile.typeSeven(sorted: sorted, alpha / 2)
            upper = SampleQuantile.typeSeven(sorted: sorted, 1 - alpha / 2)
            let z = spread > 0 ? abs(original.value - newEstimate) / spread : (original.value == newEstimate ? 0 : .infinity)
            pValue = 2 * SpecialFunctions.normalCDF(-z)
        }
        let understated = kind == .bootstrap && original.standardError < Refuter.standardErrorRatioAlarm * spread
        alarm = pValue < alpha || understated
    }

    /// The estimator's standard error over the bootstrap spread (bootstrap only).
    public var standardErrorRatio: Double? { kind == .bootstrap && spread > 0 ? originalStandardError / spread : nil }

    /// One sentence: passed or alarm, and why.
    public var verdict: String {
        let s = { (x: Double) in NumberFormatting.significant(x, digits: 3) }
        let p = NumberFormatting.probability(pValue)
        let outcome = alarm ? "ALARM" : "passed"
        switch kind {
        case .placeboTreatment, .dummyOutcome:
            let what = kind == .placeboTreatment ? "a randomly permuted treatment" : "an outcome the treatment cannot affect"
            return alarm
                ? "\(outcome): with \(what) the estimate is still \(s(newEstimate)) on average (p = \(p)), not 0: the estimator "
                    + (kind == .placeboTreatment ? "finds effects where there are none" : "does not remove what the covariates explain")
                : "\(outcome): with \(what) the estimate is \(s(newEstimate)) on average, consistent with 0 (p = \(p))"
        case .randomCommonCause, .dataSubset:
            return alarm
                ? "\(outcome): \(kind.change) the estimate moves to \(s(newEstimate)) on average, far from \(s(originalEstimate)) (p = \(p))"
                : "\(outcome): \(kind.change) the estimate stays near \(s(originalEstimate)) (average \(s(newEstimate)), p = \(p))"
        case .bootstrap:
            let ratio = standardErrorRatio.map { " the estimator's standard error is \(s($0)) times the resamples' spread" } ?? ""
            if alarm, pValue >= alpha {
                return "\(outcome):\(ratio): its intervals are too narrow"
            }
            return alarm
                ? "\(outcome): resampled estimates average \(s(newEstimate)), far from \(s(originalEstimate)) (p = \(p));\(ratio)"
                : "\(outcome): resampled estimates average \(s(newEstimate)) around \(s(originalEstimate)) (p = \(p));\(ratio)"
        }
    }
}

/// The original estimate and every refuter's result.
public struct RefutationReport: Sendable, Equatable {
    /// The estimator's name.
    public let estimator: String
    /// The treatment.
    public let treatment: String
    /// The outcome.
    public let outcome: String
    /// The rows.
    public let rows: Int
    /// The estimate on the data as given.
    public let original: EffectEstimate
    /// The level of the alarms.
    public let alpha: Double
    /// Simulations per refuter.
    public let simulations: Int
    /// The refuters' results, in the order asked.
    public let refutations: [Refutation]

    /// The refuters that raised an alarm.
    public var alarms: [RefuterKind] { refutations.filter(\.alarm).map(\.kind) }

    /// The report for people: the estimate, a table of the refuters, their verdicts.
    public func text() -> String {
        let s = { (x: Double) in NumberFormatting.significant(x, digits: 4) }
        var lines = ["Refutation of \(estimator): effect of \(treatment) on \(outcome) = \(s(original.value)) (SE \(s(original.standardError))), "
            + "\(NumberFormatting.count(rows, "row")), \(NumberFormatting.count(simulations, "simulation")) per refuter, α = \(NumberFormatting.general(alpha))", ""]
        var table = [["refuter", "expected", "new estimate", "interval", "p-value", "alarm"]]
        for r in refutations {
            table.append([r.kind.rawValue, r.kind.expectsZero ? "0" : s(r.expected), s(r.newEstimate), "[\(s(r.lower)), \(s(r.upper))]",
                          NumberFormatting.probability(r.pValue), r.alarm ? "ALARM" : "no"])
        }
        lines += TextTable(rows: table, leftAligned: 1, rulesHeader: true).lines()
        lines.append("")
        for r in refutations {
            let failed = r.failures > 0 ? " (the estimator failed on \(r.failures) simulations)" : ""
            lines.append("\(r.kind.rawValue): \(r.verdict)\(failed)")
        }
        lines.append("")
        lines.append(alarms.isEmpty ? "No refuter raised an alarm. They cannot detect a confounder missing from the data: see whatif sensitivity."
                     : "Alarms: \(alarms.map(\.rawValue).joined(separator: ", ")).")
        return lines.map { $0 + "\n" }.joined()
    }

    /// The `whatif refute --json` document: {"estimator", "treatment", "outcome", "rows", "estimate",
    /// "standardError", "lower", "upper", "alpha", "simulations", "refuters": [{"name", "expected",
    /// "newEstimate", "spread", "lower", "upper", "pValue", "alarm", "failures", "standardErrorRatio",
    /// "verdict"}, …]}.
    public var json: JSONValue {
        .object([
            ("estimator", .string(estimator)), ("treatment", .string(treatment)), ("outcome", .string(outcome)),
            ("rows", .integer(rows)), ("estimate", .number(original.value)), ("standardError", .number(original.standardError)),
            ("lower", .number(original.interval.lower)), ("upper", .number(original.interval.upper)),
            ("alpha", .number(alpha)), ("simulations", .integer(simulations)),
            ("refuters", .array(refutations.map { r in
                .object([("name", .string(r.kind.rawValue)), ("expected", .number(r.expected)), ("newEstimate", .number(r.newEstimate)),
                         ("spread", .number(r.spread)), ("lower", .number(r.lower)), ("upper", .number(r.upper)),
                         ("pValue", .number(r.pValue)), ("alarm", .bool(r.alarm)), ("failures", .integer(r.failures)),
                         ("standardErrorRatio", .number(r.standardErrorRatio)), ("verdict", .string(r.verdict))])
            })),
        ])
    }

    /// The JSON document as text, with a final newline.
    public var jsonText: String { json.rendered(.compactArrays) + "\n" }
}
