import ArgumentParser
import Foundation
import WhatIf

/// `whatif counterfactual MODEL --mediation T:M:Y`: the mediation effects, from nested counterfactuals.
struct MediationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Direct and indirect effects of T on Y through the mediator M (T from 0 to 1).",
                               valueName: "T:M:Y"))
    var mediation: String?

    @Option(help: ArgumentHelp("Hold M at this value for the controlled direct effect (default: E[M under do(T = 0)]).",
                               valueName: "m"))
    var mediatorValue: Double?

    @Option(help: "Units simulated for --mediation when the model is not linear-Gaussian.")
    var units = 100_000

    func validate() throws {
        if mediation == nil && mediatorValue != nil { throw ValidationError("--mediator-value goes with --mediation T:M:Y") }
        guard units >= 2 else { throw ValidationError("--units must be at least 2 (got \(units))") }
    }

    /// T, M and Y of --mediation.
    func roles() throws -> (treatment: String, mediator: String, outcome: String)? {
        guard let mediation else { return nil }
        let parts = mediation.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--mediation expects TREATMENT:MEDIATOR:OUTCOME, got '\(mediation)'")
        }
        return (parts[0], parts[1], parts[2])
    }

    /// The effects in every model file of `folder` (posterior draws, as `whatif fit --draws`
    /// writes them), summarised by their mean and equal-tailed 95% interval over the draws
    /// (the spread over draws, which includes each draw's Monte Carlo error).
    func answerOverDraws(folder: String, seed: UInt64, json: Bool) throws {
        guard let (t, m, y) = try roles() else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".scm") }.sorted()
        guard files.count >= 2 else { throw ValidationError("\(folder): a folder of posterior draws needs at least 2 .scm files") }
        let draws = try files.map { file in
            try ModelCatalog.Entry(contentsOf: folder + "/" + file).model()
                .mediationEffects(treatment: t, mediator: m, outcome: y, mediatorValue: mediatorValue, rows: units, seed: seed)
        }
        let effects: [(String, String, [Double])] = [
            ("controlledDirect", "controlled direct", draws.map(\.controlledDirect.value)),
            ("naturalDirect", "natural direct", draws.map(\.naturalDirect.value)),
            ("naturalIndirect", "natural indirect", draws.map(\.naturalIndirect.value)),
            ("total", "total", draws.map(\.total.value)),
        ]
        let summaries = effects.map { key, label, values -> (String, String, Double, Double, Double) in
            let sorted = values.sorted()
            return (key, label, values.reduce(0, +) / Double(values.count),
                    SampleQuantile.typeSeven(sorted: sorted, 0.025), SampleQuantile.typeSeven(sorted: sorted, 0.975))
        }
        if json {
            let members = summaries.map { ($0.0, JSONValue.number($0.2)) }
                + [("method", .string("mean over \(files.count) posterior draws; " + (draws.first?.method ?? ""))),
                   ("draws", .integer(files.count)),
                   ("posteriorIntervals", .object(summaries.map { ($0.0, JSONValue.object([("lower", .number($0.3)), ("upper", .number($0.4))])) }))]
            try printOut(JSONValue.object(members).rendered() + "\n")
        } else {
            let table = [["effect of \(t) on \(y) (\(t): 0 → 1)", "posterior mean", "2.5%", "97.5%"]]
                + summaries.map { [$0.1] + [$0.2, $0.3, $0.4].map { NumberFormatting.significant($0, digits: 6) } }
            try printOut(TextTable(rows: table, leftAligned: 1, rulesHeader: true).text()
                + "Mediator \(m); over \(files.count) posterior draws in \(folder).\n")
        }
    }

    /// Computes and prints the effects (a table, or JSON).
    func answer(_ model: StructuralCausalModel, seed: UInt64, json: Bool) throws {
        guard let (t, m, y) = try roles() else { return }
        let effects = try model.mediationEffects(treatment: t, mediator: m, outcome: y, mediatorValue: mediatorValue, rows: units, seed: seed)
        let rows: [(String, String, TruthValue)] = [
            ("controlledDirect", "controlled direct (M held at \(NumberFormatting.general(effects.mediatorValue)))", effects.controlledDirect),
            ("naturalDirect", "natural direct", effects.naturalDirect),
            ("naturalIndirect", "natural indirect", effects.naturalIndirect),
            ("total", "total", effects.total),
        ]
        if json {
            let members = rows.map { ($0.0, JSONValue.number($0.2.value)) }
                + [("method", .string(effects.method)), ("mediatorValue", .number(effects.mediatorValue)),
                   ("standardErrors", .object(rows.map { ($0.0, JSONValue.number($0.2.standardError)) }))]
            try printOut(JSONValue.object(members).rendered() + "\n")
        } else {
            let table = [["effect of \(t) on \(y) (\(t): 0 → 1)", "value", "standard error"]]
                + rows.map { [$0.1, NumberFormatting.significant($0.2.value, digits: 6), NumberFormatting.significant($0.2.standardError, digits: 2)] }
            try printOut(TextTable(rows: table, leftAligned: 1, rulesHeader: true).text() + "Mediator \(m); \(effects.method).\n")
        }
    }
}
