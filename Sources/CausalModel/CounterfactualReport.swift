import Reporting

/// What `whatif counterfactual` tells about one question, in words (an aligned
/// table) or as JSON (keys sorted), with the warnings about its reliability:
///
/// - an expectation, E[Y_x | evidence] (for a 0/1 variable the probability that
///   it is 1), and optionally P(Y_x = y | evidence);
/// - the probabilities of causation PN, PS and PNS of a 0/1 treatment on a 0/1
///   outcome, with their Tian–Pearl bounds;
/// - the effect of treatment on the treated, E[Y_x − Y_x′ | X = x].
///
/// A standard error is 0 when the method is exact and null (JSON) or "n/a"
/// (text) when the draws cannot estimate it.
///
///     let report = try CounterfactualReport(model: model, question: .expectation(
///         of: "spend", given: Evidence(["banner": 0, "spend": 20]), doing: [("banner", 1)]))
///     print(report.text(), terminator: "")
public struct CounterfactualReport: Sendable {
    /// A question of the command line.
    public enum Question: Sendable {
        /// E[`variable` under the assignments | evidence], and P(… = `equals` | evidence) when given.
        case expectation(of: String, given: Evidence, doing: [(name: String, value: Double)], equals: Double? = nil)
        /// PN, PS and PNS of `treatment` = treated (against control) on `outcome` = 1.
        case causes(treatment: String, outcome: String, treated: Double = 1, control: Double = 0)
        /// E[outcome under treated − outcome under control | treatment = treated].
        case effectOnTreated(treatment: String, outcome: String, treated: Double = 1, control: Double = 0)
    }

    private enum Answer: Sendable {
        case expectation(CounterfactualEstimate, probability: CounterfactualEstimate?)
        case causes(ProbabilitiesOfCausation)
        case effectOnTreated(CounterfactualEstimate)
    }

    /// The question answered.
    public let question: Question
    /// Warnings about the answer's reliability (a low effective sample size, a fallback).
    public let warnings: [String]
    private let answer: Answer
    private let variableNames: [String]
    /// Draws per unit, reported beside a sampled answer's effective sample size.
    private let samples: Int

    /// Answers `question` about `model` (see `counterfactualExpectation`,
    /// `counterfactualProbability`, `probabilitiesOfCausation` and
    /// `effectOfTreatmentOnTheTreated` for the methods and the errors).
    public init(model: StructuralCausalModel, question: Question, options: CounterfactualOptions = CounterfactualOptions()) throws {
        self.question = question
        variableNames = model.variableNames
        samples = options.samples
        switch question {
        case .expectation(let query, let evidence, let assignments, let equals):
            let doing = assignments.map { Intervention.set($0.name, to: $0.value) }
            let expectation = try model.counterfactualExpectation(of: query, given: evidence, doing: doing, options: options)
            let probability = try equals.map {
                try model.counterfactualProbability(that: query, equals: $0, given: evidence, doing: doing, options: options)
            }
            answer = .expectation(expectation, probability: probability)
            warnings = expectation.warnings + (probability?.warnings ?? [])
        case .causes(let x, let y, let treated, let control):
            let result = try model.probabilitiesOfCausation(treatment: x, outcome: y, treated: treated, control: control,
                                                            options: options)
            answer = .causes(result)
            let estimates = [result.necessity, result.sufficiency, result.necessityAndSufficiency]
            warnings = Array(Set(estimates.flatMap { $0?.warnings ?? [] })).sorted()
        case .effectOnTreated(let x, let y, let treated, let control):
            let ett = try model.effectOfTreatmentOnTheTreated(treatment: x, outcome: y, treated: treated, control: control,
                                                              options: options)
            answer = .effectOnTreated(ett)
            warnings = ett.warnings
        }
    }

    /// The numbers answered, each under its JSON key with a label for tables: the
    /// expectation (and the probability when asked), the effect on the treated, or PN,
    /// PS and PNS (nil where undefined). A standard error is 0 when exact and NaN when
    /// the draws cannot estimate it.
    public var answers: [(key: String, label: String, value: TruthValue?)] {
        func truth(_ e: CounterfactualEstimate?) -> TruthValue? {
            e.map { TruthValue(value: $0.value, standardError: $0.isExact ? 0 : $0.standardError) }
        }
        switch (question, answer) {
        case (.expectation(let query, let evidence, let assignments, let equals), .expectation(let e, let probability)):
            let given = evidence.values.isEmpty ? "" : " | \(ordered(evidence))"
            let world = "\(query) had \(Self.describe(assignments)) been done"
            let expectation = (key: "expectation", label: "E[\(world)\(given)]", value: truth(e))
            guard let equals, let probability else { return [expectation] }
            return [expectation, ("probability", "P(\(world) = \(Self.number(equals))\(given))", truth(probability))]
        case (.effectOnTreated(let x, let y, let treated, let control), .effectOnTreated(let e)):
            let (t, c) = (Self.number(treated), Self.number(control))
            return [("expectation", "E[\(y) had \(x) = \(t) - \(y) had \(x) = \(c) | \(x) = \(t)]", truth(e))]
        case (.causes, .causes(let result)):
            return Self.entries(result).map { ($0.key, $0.label, truth($0.estimate)) }
        default:
            preconditionFailure("an answer of another question")
        }
    }

    /// The methods of the answers (exact inversion, likelihood weighting, …).
    public var methodNames: [String] {
        switch answer {
        case .expectation(let e, let probability): return [e.methodDescription] + (probability.map { [$0.methodDescription] } ?? [])
        case .effectOnTreated(let e): return [e.methodDescription]
        case .causes(let result):
            return [result.necessity, result.sufficiency, result.necessityAndSufficiency].compactMap { $0?.methodDescription }
        }
    }

    // MARK: Words

    /// The answer as an aligned table of text, each line ending in a line break.
    public func text() -> String {
        switch (question, answer) {
        case (.expectation(let query, let evidence, let assignments, let equals), .expectation(let e, let probability)):
            var rows = [["counterfactual", "\(query) had \(Self.describe(assignments)) been done"],
                        ["given", evidence.values.isEmpty ? "no evidence (the whole population)" : ordered(evidence)]]
            if let equals, let probability {
                rows.append(["probability", "P(\(query) = \(Self.number(equals))) = \(Self.withError(probability))"])
            }
            return estimateTable(e, rows: rows)
        case (.effectOnTreated(let x, let y, let treated, let control), .effectOnTreated(let e)):
            let (t, c) = (Self.number(treated), Self.number(control))
            return estimateTable(e, rows: [["effect on the treated", "E[\(y) had \(x) = \(t) - \(y) had \(x) = \(c) | \(x) = \(t)]"]])
        case (.causes(let x, let y, let treated, let control), .causes(let result)):
            var rows = [["", "model", "Tian-Pearl bounds", "method"]]
            for entry in Self.entries(result) {
                rows.append([entry.label, entry.estimate.map(Self.withError) ?? "undefined",
                             entry.bounds.map { "[\(Self.number($0.lower)), \(Self.number($0.upper))]" } ?? "undefined",
                             entry.estimate?.method.rawValue ?? ""])
            }
            let p = result.inputs, (t, c) = (Self.number(treated), Self.number(control))
            return "Probabilities of causation of \(x) = \(t) (against \(c)) on \(y) = 1\n" + TextTable(rows: rows).text()
                + "from P(\(x), \(y)): treated with \(y) \(Self.number(p.treatedWithOutcome)), "
                + "treated without \(Self.number(p.treatedWithoutOutcome)), control with \(Self.number(p.controlWithOutcome)), "
                + "control without \(Self.number(p.controlWithoutOutcome)); "
                + "P(\(y) = 1 | do(\(x) = \(t))) \(Self.number(p.outcomeIfTreated)), "
                + "P(\(y) = 1 | do(\(x) = \(c))) \(Self.number(p.outcomeIfControl))\n"
        default:
            preconditionFailure("an answer of another question")
        }
    }

    /// `rows`, then the estimate, its standard error, its method and its effective sample size.
    private func estimateTable(_ e: CounterfactualEstimate, rows: [[String]]) -> String {
        var rows = rows
        rows.append(["expectation", Self.number(e.value)])
        rows.append(["standard error", e.isExact ? "0 (exact)" : Self.standardErrorText(e)])
        rows.append(["method", e.methodDescription])
        if let ess = e.effectiveSampleSize { rows.append(["effective sample size", "\(Int(ess.rounded())) of \(samples) draws"]) }
        return TextTable(rows: rows).text()
    }

    /// The evidence in the model's declaration order.
    private func ordered(_ evidence: Evidence) -> String {
        variableNames.compactMap { name in evidence.values[name].map { "\(name) = \(Self.number($0))" } }.joined(separator: ", ")
    }

    private static func describe(_ assignments: [(name: String, value: Double)]) -> String {
        assignments.map { "do(\($0.name) = \(number($0.value)))" }.joined(separator: ", ")
    }

    /// An estimate with its standard error: "0.25" when exact, "0.25 ± 0.01" when sampled.
    private static func withError(_ e: CounterfactualEstimate) -> String {
        e.isExact ? number(e.value) : "\(number(e.value)) ± \(standardErrorText(e))"
    }

    /// A sampled estimate's standard error, or why there is none.
    private static func standardErrorText(_ e: CounterfactualEstimate) -> String {
        e.standardError.isNaN ? "n/a (not estimable from an effective sample size below 2)" : number(e.standardError)
    }

    private static func number(_ x: Double) -> String { NumberFormatting.general(x) }

    /// PN, PS and PNS with their labels, JSON keys and bounds.
    private static func entries(_ result: ProbabilitiesOfCausation)
        -> [(key: String, label: String, estimate: CounterfactualEstimate?, bounds: ProbabilityBounds?)] {
        [("pn", "PN  (necessity)", result.necessity, result.bounds.necessity),
         ("ps", "PS  (sufficiency)", result.sufficiency, result.bounds.sufficiency),
         ("pns", "PNS (necessity and sufficiency)", result.necessityAndSufficiency, result.bounds.necessityAndSufficiency)]
    }

    // MARK: JSON

    /// The answer as JSON, keys sorted, ending in a line break: for an expectation
    /// `{"query", "expectation", "standardError", "method", "effectiveSampleSize"
    /// and "samples" when sampled, "evidence", "intervention", "equals",
    /// "probability", "probabilityStandardError" when asked, "warnings" when any}`;
    /// for the effect on the treated the same with query "ETT", "treatment",
    /// "outcome", "treated" and "control"; for the probabilities of causation
    /// `{"pn"|"ps"|"pns": {"value", "standardError", "method", "lower", "upper"} or
    /// null, "inputs": {…}, "treatment", "outcome", "treated", "control"}`.
    public func jsonText() -> String {
        var members: [(String, JSONValue)]
        switch (question, answer) {
        case (.expectation(let query, let evidence, let assignments, let equals), .expectation(let e, let probability)):
            var intervention: [(String, JSONValue)] = []
            for (name, value) in assignments where !intervention.contains(where: { $0.0 == name }) {
                intervention.append((name, .number(value)))
            }
            members = Self.estimateMembers(e, query: query, samples: samples) + [
                ("intervention", .object(intervention)),
                ("evidence", .object(evidence.values.map { ($0.key, .number($0.value)) })),
            ]
            if let equals, let probability {
                members += [("equals", .number(equals)), ("probability", .number(probability.value)),
                            ("probabilityStandardError", Self.standardErrorJSON(probability))]
            }
        case (.effectOnTreated(let x, let y, let treated, let control), .effectOnTreated(let e)):
            members = Self.estimateMembers(e, query: "ETT", samples: samples)
                + [("treatment", .string(x)), ("outcome", .string(y)), ("treated", .number(treated)), ("control", .number(control))]
        case (.causes(let x, let y, let treated, let control), .causes(let result)):
            members = [("treatment", .string(x)), ("outcome", .string(y)), ("treated", .number(treated)), ("control", .number(control))]
            for entry in Self.entries(result) {
                // PN and PS are undefined (null) when the units they condition on have probability zero.
                guard let e = entry.estimate else {
                    members.append((entry.key, .null))
                    continue
                }
                var item: [(String, JSONValue)] = [("value", .number(e.value)), ("standardError", Self.standardErrorJSON(e)),
                                                   ("method", .string(e.method.rawValue))]
                if let ess = e.effectiveSampleSize { item.append(("effectiveSampleSize", .number(ess))) }
                if let b = entry.bounds { item += [("lower", .number(b.lower)), ("upper", .number(b.upper))] }
                members.append((entry.key, .object(item)))
            }
            let p = result.inputs
            members.append(("inputs", .object([
                ("treatedWithOutcome", .number(p.treatedWithOutcome)), ("treatedWithoutOutcome", .number(p.treatedWithoutOutcome)),
                ("controlWithOutcome", .number(p.controlWithOutcome)), ("controlWithoutOutcome", .number(p.controlWithoutOutcome)),
                ("outcomeIfTreated", .number(p.outcomeIfTreated)), ("outcomeIfControl", .number(p.outcomeIfControl)),
            ])))
        default:
            preconditionFailure("an answer of another question")
        }
        if !warnings.isEmpty { members.append(("warnings", .strings(warnings))) }
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }

    /// The members every estimate has: query, expectation, standard error, method and, when sampled, the draws.
    private static func estimateMembers(_ e: CounterfactualEstimate, query: String, samples: Int) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("query", .string(query)), ("expectation", .number(e.value)),
                                              ("standardError", standardErrorJSON(e)), ("method", .string(e.method.rawValue))]
        if let ess = e.effectiveSampleSize { members += [("effectiveSampleSize", .number(ess)), ("samples", .integer(samples))] }
        return members
    }

    /// A standard error for JSON: null when the draws cannot estimate it.
    private static func standardErrorJSON(_ e: CounterfactualEstimate) -> JSONValue {
        e.standardError.isNaN ? .null : .number(e.standardError)
    }
}
