import ArgumentParser
import Foundation
import ModelCatalog
import Plotting
import WhatIf

/// `whatif graph`: a model's causal graph, its adjustment sets and implied independencies.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Show a model's causal graph: arrows, adjustment sets, implied independencies, pictures.",
        discussion: """
            A noise term shared by two equations appears as a latent common cause.
            With --adjustment-sets T Y: the minimal back-door sets, the back-door paths
            and whether they are blocked, a front-door set and the instruments.
            SVG needs Graphviz (`dot`); DOT output does not.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, dot, svg, json
    }

    @Argument(help: "A catalog model name or a path to a .scm file.")
    var model: String

    @Option(help: "Output format: text, dot, svg or json.")
    var format: Format = .text

    @Option(name: .customLong("adjustment-sets"), parsing: .upToNextOption,
            help: ArgumentHelp("Treatment and outcome of the effect to adjust for.", valueName: "TREATMENT OUTCOME"))
    var adjustmentSets: [String] = []

    @Flag(help: "List the conditional independencies the graph implies (local Markov property).")
    var independencies = false

    @Option(name: .customLong("do"), help: ArgumentHelp("Draw the graph under do(NAME = VALUE): no arrows into NAME.", valueName: "NAME=VALUE"))
    var interventions: [String] = []

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        guard adjustmentSets.isEmpty || adjustmentSets.count == 2 else {
            throw ValidationError("--adjustment-sets takes two names, TREATMENT OUTCOME (got \(adjustmentSets.count))")
        }
    }

    func run() throws {
        try reportingErrors {
            var scm = try ModelCatalog.load(model)
            var setValues: [String: String] = [:]
            if !interventions.isEmpty {
                var list: [Intervention] = []
                for text in interventions {
                    let (name, value) = try parseAssignment(text, "--do")
                    list.append(.set(name, to: value))
                    setValues[name] = value.compactDescription
                }
                scm = try scm.intervening(list)
            }
            let graph = scm.causalDiagram
            let query = adjustmentSets.count == 2 ? (treatment: adjustmentSets[0], outcome: adjustmentSets[1]) : nil
            let sets = try query.map { try graph.minimalBackDoorSets(treatment: $0.treatment, outcome: $0.outcome) }
            let text: String
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                text = String(decoding: try encoder.encode(GraphSummary(graph: graph, adjustmentSets: sets)), as: UTF8.self) + "\n"
            case .dot, .svg:
                let surgery = setValues.sorted { $0.key < $1.key }.map { "do(\($0.key) = \($0.value))" }
                let title = ([modelName] + surgery).joined(separator: " under ")
                var highlight = GraphHighlight(interventions: setValues, title: title)
                if let query {
                    highlight.treatments = [query.treatment]
                    highlight.outcomes = [query.outcome]
                    highlight.adjustment = Set(sets?.first ?? [])
                }
                let dot = try graph.dot(highlighting: highlight)
                text = format == .dot ? dot : try Graphviz.locate().svg(fromDOT: dot)
            case .text:
                text = try describe(graph, query: query, sets: sets)
            }
            if let output { try OutputFile.write(text, to: output) } else { print(text, terminator: "") }
        }
    }

    /// The plain-words report.
    func describe(_ graph: DirectedGraph, query: (treatment: String, outcome: String)?, sets: [[String]]?) throws -> String {
        var lines: [String] = []
        let observed = graph.names.indices.filter { !graph.isLatent[$0] }
        let latent = graph.names.indices.filter { graph.isLatent[$0] }
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        lines.append("\(model): \(count(observed.count, "observed variable")), \(latent.count) latent, \(count(graph.edgeCount, "arrow"))")
        lines.append("")
        let width = graph.names.map(\.count).max() ?? 0
        for v in graph.names.indices {
            let name = graph.names[v].padding(toLength: width, withPad: " ", startingAt: 0)
            let children = graph.children(of: v).map { graph.names[$0] }.joined(separator: ", ")
            let tag = graph.isLatent[v] ? "  (latent)" : ""
            lines.append("  \(name)  → \(children.isEmpty ? "(none)" : children)\(tag)")
        }
        if let query, let sets {
            let (t, y) = query
            lines.append("")
            lines.append("Effect of \(t) on \(y)")
            let backDoor = try graph.backDoorPaths(from: t, to: y)
            lines.append(backDoor.isEmpty ? "  back-door paths: none" : "  back-door paths:")
            let chosen = sets.first ?? []
            for path in backDoor {
                let blocked = try graph.isBlocked(path, by: Set(chosen))
                let status = sets.isEmpty ? "open: no observed set blocks it"
                    : (blocked ? "blocked by {\(chosen.joined(separator: ", "))}" : "open")
                lines.append("    \(graph.describe(path))   [\(status)]")
            }
            if sets.isEmpty {
                lines.append("  minimal back-door adjustment sets: none (the effect is not identified by adjustment)")
            } else {
                lines.append("  minimal back-door adjustment sets:")
                for set in sets { lines.append(set.isEmpty ? "    {} (no adjustment needed)" : "    {\(set.joined(separator: ", "))}") }
            }
            let frontDoor = try graph.frontDoorSet(treatment: t, outcome: y)
            lines.append("  front-door set: \(frontDoor.map { "{\($0.joined(separator: ", "))}" } ?? "none")")
            let instruments = try graph.instruments(treatment: t, outcome: y)
            lines.append("  instruments: \(instruments.isEmpty ? "none" : instruments.joined(separator: ", "))")
        }
        if independencies {
            lines.append("")
            let statements = try graph.localMarkovIndependencies()
            let heading = "Conditional independencies implied by the graph (local Markov property):"
            lines.append(statements.isEmpty ? heading + " none" : heading)
            for s in statements { lines.append("  \(graph.describe(s))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The model's name for titles: the catalog name, or the file name without `.scm`.
    private var modelName: String {
        URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
    }
}
