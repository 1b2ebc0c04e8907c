import ArgumentParser
import Foundation
import ModelCatalog
import Plotting
import WhatIf

/// `whatif counterfactual`: what would have happened to these units under another action.
struct CounterfactualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counterfactual",
        abstract: "What would have happened to observed units under another action (abduction, action, prediction).",
        discussion: """
            MODEL is a catalog name (see `whatif models`) or a path to a .scm file.

            One unit, or the population matching the evidence:
              --observe "A=a,B=b" --do "X=x" --query Y [--equals y] [--json]
                E[Y had X been x | A = a, B = b]; for a 0/1 variable, P(Y = 1).
            Every row of a table (empty or NA cells are unobserved):
              --evidence OBSERVED.csv --do "X=x" [--output FILE.csv]
            Attribution, for a 0/1 treatment and outcome:
              --causes X:Y              PN, PS and PNS with their Tian-Pearl bounds
              --effect-on-treated X:Y   E[Y_x - Y_x' | X = x]
            The twin-network picture of the query:
              --twin-network FILE.dot or FILE.svg (SVG needs Graphviz)

            Answers are exact when the evidence pins down the noise, when the rest is
            finite discrete noise, or (for expectations) when the model is linear-Gaussian;
            otherwise they are estimated by likelihood weighting with --samples draws
            per unit, and the effective sample size is reported.
            """
    )

    @Argument(help: "A catalog model name or a path to a .scm file.")
    var model: String

    @Option(name: .customLong("observe"), help: ArgumentHelp("Observed values (evidence).", valueName: "A=a,B=b"))
    var observations: [String] = []

    @Option(name: .customLong("do"), help: ArgumentHelp("The intervention of the counterfactual world.", valueName: "X=x"))
    var interventions: [String] = []

    @Option(help: ArgumentHelp("The variable whose counterfactual value is asked for.", valueName: "NAME"))
    var query: String?

    @Option(help: ArgumentHelp("Also report the probability that the query variable equals this value.", valueName: "VALUE"))
    var equals: Double?

    @Option(help: ArgumentHelp("A CSV of observed units: one counterfactual row per row.", valueName: "OBSERVED.csv"))
    var evidence: String?

    @Option(help: ArgumentHelp("Output CSV file for --evidence (default: standard output).", valueName: "FILE.csv"))
    var output: String?

    @Option(help: ArgumentHelp("PN, PS and PNS of a 0/1 treatment on a 0/1 outcome.", valueName: "X:Y"))
    var causes: String?

    @Option(name: .customLong("effect-on-treated"), help: ArgumentHelp("The effect of treatment on the treated.", valueName: "X:Y"))
    var effectOnTreated: String?

    @Option(help: "Treatment value of --causes and --effect-on-treated.")
    var treated: Double = 1

    @Option(help: "Control value of --causes and --effect-on-treated.")
    var control: Double = 0

    @Option(name: .customLong("twin-network"), help: ArgumentHelp("Write the twin network (DOT, or SVG by extension).", valueName: "FILE"))
    var twinNetwork: String?

    @Option(help: "Draws per unit when likelihood weighting is needed (at most 10000000).")
    var samples: Int = CounterfactualDefaults.samples

    @Option(help: "Random seed of those draws.")
    var seed = RandomStream.defaultSeed

    @Flag(help: "Use likelihood weighting even where an exact method applies.")
    var sampling = false

    @Flag(help: "Print the answer as JSON.")
    var json = false

    @Option(help: "Worker threads (default: one per core). Answers do not depend on it.")
    var threads: Int?

    func validate() throws {
        try requireDistinctOutputs([("--output", output ?? "-"), ("--twin-network", twinNetwork)])
        let modes = [query != nil, evidence != nil, causes != nil, effectOnTreated != nil].filter { $0 }.count
        guard modes <= 1 else {
            throw ValidationError("ask one thing at a time: --query, --evidence, --causes or --effect-on-treated")
        }
        guard modes == 1 || twinNetwork != nil else {
            throw ValidationError("say what to compute: --query NAME, --evidence FILE.csv, --causes X:Y or --effect-on-treated X:Y")
        }
        if query != nil || evidence != nil || twinNetwork != nil {
            guard !interventions.isEmpty else { throw ValidationError("--do X=x is needed: the counterfactual world's intervention") }
        }
        if evidence != nil {
            guard observations.isEmpty else { throw ValidationError("--observe and --evidence exclude each other: the table is the evidence") }
            guard !json else { throw ValidationError("--json goes with --query, --causes or --effect-on-treated; --evidence writes CSV") }
        } else if output != nil {
            throw ValidationError("--output goes with --evidence; use the shell to redirect other answers")
        }
        if equals != nil && query == nil { throw ValidationError("--equals goes with --query") }
        let limit = CounterfactualDefaults.maximumSamples
        guard samples >= 1 && samples <= limit else {
            throw ValidationError("--samples must be between 1 and \(limit) draws per unit (got \(samples))")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let scm = try ModelCatalog.load(model)
            var options = CounterfactualOptions(samples: samples, seed: seed, forceSampling: sampling)
            if let threads { options.threads = threads }
            let observed = try assignments(observations, "--observe")
            let actions = try assignments(interventions, "--do")
            let doing = actions.map { Intervention.set($0.0, to: $0.1) }
            // The picture is drawn first (so its errors come before any answer) and written last: a failed
            // query leaves no file behind.
            let picture = try twinNetwork.map { try twinNetworkText(scm, doing: doing, actions: actions, path: $0) }
            if let query {
                try answer(scm, query: query, given: Evidence(Dictionary(observed, uniquingKeysWith: { a, _ in a })),
                           actions: actions, options: options)
            } else if let evidence {
                try answerTable(scm, path: evidence, doing: doing, options: options)
            } else if let causes {
                let (x, y) = try pair(causes, "--causes")
                try printCauses(try scm.probabilitiesOfCausation(treatment: x, outcome: y, treated: treated, control: control,
                                                                 options: options), treatment: x, outcome: y)
            } else if let effectOnTreated {
                let (x, y) = try pair(effectOnTreated, "--effect-on-treated")
                let ett = try scm.effectOfTreatmentOnTheTreated(treatment: x, outcome: y, treated: treated, control: control,
                                                                options: options)
                try report(ett, query: "ETT", rows: [
                    ("effect on the treated", "E[\(y) had \(x) = \(number(treated)) - \(y) had \(x) = \(number(control)) | \(x) = \(number(treated))]"),
                ], extra: ["treatment": x, "outcome": y, "treated": treated, "control": control])
            }
            if let twinNetwork, let picture { try OutputFile.write(picture, to: twinNetwork) }
        }
    }

    // MARK: Answers

    private func answer(_ scm: StructuralCausalModel, query: String, given evidence: Evidence, actions: [(String, Double)],
                        options: CounterfactualOptions) throws {
        let doing = actions.map { Intervention.set($0.0, to: $0.1) }
        let expectation = try scm.counterfactualExpectation(of: query, given: evidence, doing: doing, options: options)
        var rows = [("counterfactual", "\(query) had \(describe(actions)) been done"),
                    ("given", evidence.values.isEmpty ? "no evidence (the whole population)" : ordered(evidence, scm))]
        var extra: [String: Any] = [
            "intervention": Dictionary(actions, uniquingKeysWith: { a, _ in a }),
            "evidence": evidence.values,
        ]
        var warnings = expectation.warnings
        if let equals {
            let probability = try scm.counterfactualProbability(that: query, equals: equals, given: evidence, doing: doing,
                                                                options: options)
            rows.append(("probability", "P(\(query) = \(number(equals))) = \(withError(probability))"))
            extra["equals"] = equals
            extra["probability"] = probability.value
            extra["probabilityStandardError"] = jsonStandardError(probability)
            warnings += probability.warnings
        }
        try report(expectation, query: query, rows: rows, extra: extra, warnings: warnings)
    }

    private func answerTable(_ scm: StructuralCausalModel, path: String, doing: [Intervention],
                             options: CounterfactualOptions) throws {
        let table = try CSVReader.read(path: path)
        let result = try scm.counterfactuals(for: table, doing: doing, options: options)
        let file = try OutputFile(path: output ?? "-")
        try file.write(CSVFormat.text(of: result.table))
        try file.commit()
        for warning in result.warnings { warn(warning) }
        if output != nil {
            let methods = result.rowsByMethod.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.value) by \($0.key)" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("whatif: \(result.table.rowCount) counterfactual rows written to \(output!) (\(methods))\n".utf8))
        }
    }

    private func printCauses(_ result: ProbabilitiesOfCausation, treatment x: String, outcome y: String) throws {
        let entries: [(key: String, label: String, estimate: CounterfactualEstimate?, bounds: ProbabilityBounds?)] = [
            ("pn", "PN  (necessity)", result.necessity, result.bounds.necessity),
            ("ps", "PS  (sufficiency)", result.sufficiency, result.bounds.sufficiency),
            ("pns", "PNS (necessity and sufficiency)", result.necessityAndSufficiency, result.bounds.necessityAndSufficiency),
        ]
        let warnings = Array(Set(entries.flatMap { $0.estimate?.warnings ?? [] })).sorted()
        if json {
            var object: [String: Any] = ["treatment": x, "outcome": y, "treated": treated, "control": control]
            for entry in entries {
                // PN and PS are undefined (null) when the units they condition on have probability zero.
                guard let e = entry.estimate else {
                    object[entry.key] = NSNull()
                    continue
                }
                var item: [String: Any] = ["value": e.value, "standardError": jsonStandardError(e), "method": e.method.rawValue]
                if let ess = e.effectiveSampleSize { item["effectiveSampleSize"] = ess }
                if let b = entry.bounds { item["lower"] = b.lower; item["upper"] = b.upper }
                object[entry.key] = item
            }
            let p = result.inputs
            object["inputs"] = ["treatedWithOutcome": p.treatedWithOutcome, "treatedWithoutOutcome": p.treatedWithoutOutcome,
                                "controlWithOutcome": p.controlWithOutcome, "controlWithoutOutcome": p.controlWithoutOutcome,
                                "outcomeIfTreated": p.outcomeIfTreated, "outcomeIfControl": p.outcomeIfControl]
            if !warnings.isEmpty { object["warnings"] = warnings }
            try printJSON(object)
        } else {
            var rows = [["", "model", "Tian-Pearl bounds", "method"]]
            for entry in entries {
                let value = entry.estimate.map(withError)
                rows.append([entry.label, value ?? "undefined", entry.bounds.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "undefined",
                             entry.estimate?.method.rawValue ?? ""])
            }
            print("Probabilities of causation of \(x) = \(number(treated)) (against \(number(control))) on \(y) = 1")
            printAligned(rows)
            let p = result.inputs
            print("from P(\(x), \(y)): treated with \(y) \(number(p.treatedWithOutcome)), treated without \(number(p.treatedWithoutOutcome)), "
                  + "control with \(number(p.controlWithOutcome)), control without \(number(p.controlWithoutOutcome)); "
                  + "P(\(y) = 1 | do(\(x) = \(number(treated)))) \(number(p.outcomeIfTreated)), "
                  + "P(\(y) = 1 | do(\(x) = \(number(control)))) \(number(p.outcomeIfControl))")
        }
        for warning in warnings { warn(warning) }
    }

    /// Prints one estimate: an aligned table in words, or the JSON of the command-line contract.
    private func report(_ estimate: CounterfactualEstimate, query: String, rows: [(String, String)],
                        extra: [String: Any], warnings: [String]? = nil) throws {
        let warnings = warnings ?? estimate.warnings
        if json {
            var object = extra
            object["query"] = query
            object["expectation"] = estimate.value
            object["standardError"] = jsonStandardError(estimate)
            object["method"] = estimate.method.rawValue
            if let ess = estimate.effectiveSampleSize {
                object["effectiveSampleSize"] = ess
                object["samples"] = samples
            }
            if !warnings.isEmpty { object["warnings"] = warnings }
            try printJSON(object)
        } else {
            var table = rows.map { [$0.0, $0.1] }
            table.append(["expectation", number(estimate.value)])
            table.append(["standard error", estimate.method.isExact ? "0 (exact)" : standardErrorText(estimate)])
            table.append(["method", estimate.method.rawValue])
            if let ess = estimate.effectiveSampleSize {
                table.append(["effective sample size", "\(Int(ess.rounded())) of \(samples) draws"])
            }
            printAligned(table)
        }
        for warning in warnings { warn(warning) }
    }

    /// The twin network's picture for `path`: DOT, or SVG by extension.
    private func twinNetworkText(_ scm: StructuralCausalModel, doing: [Intervention], actions: [(String, Double)],
                                 path: String) throws -> String {
        let network = try scm.twinNetwork(doing: doing)
        let subject = query.map { "\($0) had \(describe(actions)) been done" } ?? "the world where \(describe(actions))"
        let dot = try network.dot(outcome: query, title: "Twin network: \(subject)")
        return path.lowercased().hasSuffix(".svg") ? try Graphviz.locate().svg(fromDOT: dot) : dot
    }

    // MARK: Words and numbers

    /// Parses repeated `A=a,B=b` options into (name, value) pairs; an empty option or
    /// part, or a name given twice, is an error.
    private func assignments(_ texts: [String], _ option: String) throws -> [(String, Double)] {
        var pairs: [(String, Double)] = []
        for text in texts {
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard !part.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("\(option) has an empty assignment in '\(text)' (expected NAME=VALUE, comma-separated)")
                }
                let (name, value) = try parseAssignment(String(part), option)
                guard !pairs.contains(where: { $0.0 == name }) else { throw ValidationError("\(option) names '\(name)' twice") }
                pairs.append((name, value))
            }
        }
        return pairs
    }

    private func pair(_ text: String, _ option: String) throws -> (String, String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("\(option) expects TREATMENT:OUTCOME, got '\(text)'")
        }
        guard parts[0] != parts[1] else {
            throw ValidationError("\(option) names '\(parts[0])' as both treatment and outcome (name two different variables)")
        }
        return (parts[0], parts[1])
    }

    private func describe(_ actions: [(String, Double)]) -> String {
        actions.map { "do(\($0.0) = \(number($0.1)))" }.joined(separator: ", ")
    }

    /// The evidence in the model's declaration order.
    private func ordered(_ evidence: Evidence, _ scm: StructuralCausalModel) -> String {
        scm.variableNames.compactMap { name in evidence.values[name].map { "\(name) = \(number($0))" } }.joined(separator: ", ")
    }

    /// An estimate with its standard error in words: "0.25" when exact, "0.25 ± 0.01" when sampled.
    private func withError(_ e: CounterfactualEstimate) -> String {
        e.method.isExact ? number(e.value) : "\(number(e.value)) ± \(standardErrorText(e))"
    }

    /// A sampled estimate's standard error, or why there is none.
    private func standardErrorText(_ e: CounterfactualEstimate) -> String {
        e.standardError.isNaN ? "n/a (not estimable from an effective sample size below 2)" : number(e.standardError)
    }

    /// The standard error for JSON: null when the draws cannot estimate it.
    private func jsonStandardError(_ e: CounterfactualEstimate) -> Any {
        e.standardError.isNaN ? NSNull() : e.standardError
    }

    private func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(format: "%.6g", x)
    }

    private func printAligned(_ rows: [[String]]) {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { j in rows.map { $0.count > j ? $0[j].count : 0 }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { j, cell in j == row.count - 1 ? cell : cell.padding(toLength: widths[j], withPad: " ", startingAt: 0) }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            print(line)
        }
    }

    private func printJSON(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("whatif: warning: \(message)\n".utf8))
    }
}
