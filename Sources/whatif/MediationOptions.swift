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
        try mediation.map(Self.roles)
    }

    /// T, M and Y of a `T:M:Y` argument (of --mediation here and in `whatif benchmark`).
    static func roles(_ mediation: String) throws -> (treatment: String, mediator: String, outcome: String) {
        let parts = mediation.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--mediation expects TREATMENT:MEDIATOR:OUTCOME, got '\(mediation)'")
        }
        return (parts[0], parts[1], parts[2])
    }

    /// The effects in every posterior draw, each summarised over the draws (`PosteriorSummary`:
    /// posterior mean, equal-tailed 95% interval of the draws' values, sd and its Monte Carlo part).
    func answerOverDraws(_ draws: PosteriorDraws, seed: UInt64, json: Bool) throws {
        guard let (t, m, y) = try roles() else { return }
        let perDraw = try draws.map(seed: seed) { model, drawSeed in
            try model.mediationEffects(treatment: t, mediator: m, outcome: y, mediatorValue: mediatorValue, rows: units, seed: drawSeed)
        }
        let summaries = try [
            ("controlledDirect", "controlled direct", perDraw.map(\.controlledDirect)),
            ("naturalDirect", "natural direct", perDraw.map(\.naturalDirect)),
            ("naturalIndirect", "natural indirect", perDraw.map(\.naturalIndirect)),
            ("total", "total", perDraw.map(\.total)),
        ].map { key, label, values in (key: key, label: label, summary: try PosteriorSummary(values)) }
        if json {
            let members = summaries.map { ($0.key, JSONValue.number($0.summary.mean)) }
                + [("method", .string("mean over \(draws.count) posterior draws; " + (perDraw.first?.method ?? ""))),
                   ("draws", .integer(draws.count)),
                   ("posteriorIntervals", .object(summaries.map { ($0.key, $0.summary.json) }))]
            try printOut(JSONValue.object(members).rendered() + "\n")
        } else {
            let table = [["effect of \(t) on \(y) (\(t): 0 → 1)"] + PosteriorSummary.headers()]
                + summaries.map { [$0.label] + $0.summary.cells }
            try printOut(TextTable(rows: table, leftAligned: 1, rulesHeader: true).text()
                + "Mediator \(m); over \(draws.count) posterior draws in \(draws.folder).\n")
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
