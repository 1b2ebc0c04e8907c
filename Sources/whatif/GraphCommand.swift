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
            for name in adjustmentSets {
                if let v = graph.names.firstIndex(of: name), graph.isLatent[v] {
                    throw ValidationError("'\(name)' is latent: the treatment and the outcome of --adjustment-sets must be observed")
                }
            }
            let sets = try query.map { try graph.minimalBackDoorSets(treatment: $0.treatment, outcome: $0.outcome) }
            let text: String
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let summary = try query.map { try GraphSummary(graph: graph, treatment: $0.treatment, outcome: $0.outcome) }
                    ?? GraphSummary(graph: graph)
                text = String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
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
            let downstream = Set(try graph.descendants(of: [t]))
            lines.append(backDoor.isEmpty ? "  back-door paths: none" : "  back-door paths:")
            for path in backDoor {
                lines.append("    \(graph.describe(path))   [\(blockingStatus(of: path, in: graph, adjustingFor: sets.first, downstream: downstream))]")
            }
            if sets.isEmpty {
                lines.append("  minimal back-door adjustment sets: none (the effect is not identified by adjustment)")
            } else {
                lines.append("  minimal back-door adjustment sets:")
                for set in sets { lines.append(set.isEmpty ? "    {} (no adjustment needed)" : "    {\(set.joined(separator: ", "))}") }
            }
            let frontDoor = try graph.frontDoorSet(treatment: t, outcome: y)
            lines.append("  front-door set: \(frontDoor.map { "{\($0.joined(separator: ", "))}" } ?? "none")")
            let instruments = try graph.conditionalInstruments(treatment: t, outcome: y).map { found in
                found.given.isEmpty ? found.instrument : "\(found.instrument) given {\(found.given.joined(separator: ", "))}"
            }
            lines.append("  instruments: \(instruments.isEmpty ? "none" : instruments.joined(separator: "; "))")
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

    /// How a back-door path is blocked: by `set`, the first minimal adjustment set (which
    /// blocks every back-door path), or by a collider on it; or, when no set exists, which
    /// observed variables on it would block it alone (an open path has no colliders;
    /// descendants of the treatment may not be adjusted for).
    private func blockingStatus(of path: GraphPath, in graph: DirectedGraph, adjustingFor set: [String]?,
                                downstream: Set<String>) -> String {
        if let set, !set.isEmpty { return "blocked by {\(set.joined(separator: ", "))}" }
        if graph.isBlocked(path, by: Set<Int>()) { return "blocked by a collider" }
        let inner = path.nodes.dropFirst().dropLast()
        guard !inner.isEmpty else {
            return "open: a direct arrow from \(graph.names[path.nodes[1]]) into \(graph.names[path.nodes[0]])"
        }
        let observed = inner.filter { !graph.isLatent[$0] }.map { graph.names[$0] }
        let usable = observed.filter { !downstream.contains($0) }
        if !usable.isEmpty { return "open; adjusting for \(usable.joined(separator: " or ")) would block it" }
        if !observed.isEmpty {
            return "open: \(observed.joined(separator: ", ")) on it \(observed.count == 1 ? "descends" : "descend") from the "
                + "treatment and may not be adjusted for"
        }
        return "open: every variable on it is latent"
    }

    /// The model's name for titles: the catalog name, or the file name without `.scm`.
    private var modelName: String {
        URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
    }
}
