import Reporting

/// What `whatif graph` tells about a causal diagram, in words, as JSON or as a
/// picture: its arrows; for a query, the back-door paths and what blocks each, the
/// minimal back-door adjustment sets, a front-door set and the instruments; and,
/// when asked, the conditional independencies the graph implies.
///
///     let report = try GraphReport(graph: model.causalDiagram, title: "banner",
///                                  query: .init(treatment: "banner", outcome: "spend"))
///     print(try report.text())
public struct GraphReport: Sendable {
    /// The effect a report is about.
    public struct Query: Sendable, Equatable {
        /// The treatment.
        public var treatment: String
        /// The outcome.
        public var outcome: String

        /// The effect of `treatment` on `outcome`.
        public init(treatment: String, outcome: String) {
            self.treatment = treatment
            self.outcome = outcome
        }
    }

    /// The diagram.
    public let graph: DirectedGraph
    /// What the report calls the graph (a model's name).
    public let title: String
    /// The effect to find adjustment sets for, if any.
    public let query: Query?
    /// The minimal back-door sets of `query` (`DirectedGraph.minimalBackDoorSets`), each in declaration order.
    public let adjustmentSets: [[String]]?
    /// Whether the text lists the implied conditional independencies.
    public var listsIndependencies: Bool
    /// The most back-door paths the text lists, shortest first (a large graph has thousands).
    public var maximumPaths: Int

    /// How many back-door paths the text lists unless asked otherwise.
    public static let defaultMaximumPaths = 10

    /// A report on `graph`; the treatment and outcome of `query` must be observed variables.
    public init(graph: DirectedGraph, title: String, query: Query? = nil, listsIndependencies: Bool = false,
                maximumPaths: Int = GraphReport.defaultMaximumPaths) throws {
        for name in [query?.treatment, query?.outcome].compactMap({ $0 }) {
            if let v = graph.names.firstIndex(of: name), graph.isLatent[v] {
                throw GraphError.invalidQuery("'\(name)' is latent: the treatment and the outcome of an adjustment query must be observed")
            }
        }
        self.graph = graph
        self.title = title
        self.query = query
        self.listsIndependencies = listsIndependencies
        self.maximumPaths = maximumPaths
        adjustmentSets = try query.map { try graph.minimalBackDoorSets(treatment: $0.treatment, outcome: $0.outcome) }
    }

    /// The report as JSON (`GraphSummary`).
    public func jsonText() throws -> String {
        let summary = try query.map { try GraphSummary(graph: graph, treatment: $0.treatment, outcome: $0.outcome) }
            ?? GraphSummary(graph: graph)
        return summary.jsonText()
    }

    /// The graph in DOT, captioned with the title and the interventions applied
    /// (`interventions`: each variable set by do() with the text of its value), the
    /// query's treatment, outcome and first adjustment set marked.
    public func dot(interventions: [String: String] = [:]) throws -> String {
        let surgery = interventions.sorted { $0.key < $1.key }.map { "do(\($0.key) = \($0.value))" }
        var highlight = GraphHighlight(interventions: interventions, title: ([title] + surgery).joined(separator: " under "))
        if let query {
            highlight.treatments = [query.treatment]
            highlight.outcomes = [query.outcome]
            highlight.adjustment = Set(adjustmentSets?.first ?? [])
        }
        return try graph.dot(highlighting: highlight)
    }

    /// The report in plain words.
    public func text() throws -> String {
        var text = ""
        try writeText { text += $0 }
        return text
    }

    /// The text of `text()`, handed to `write` in pieces (each one or more whole lines),
    /// so that a long list of independencies is written as it is found, not held.
    public func writeText(_ write: (String) throws -> Void) throws {
        let observed = graph.names.indices.filter { !graph.isLatent[$0] }
        let latent = graph.names.indices.filter { graph.isLatent[$0] }
        var lines = ["\(title): \(NumberFormatting.count(observed.count, "observed variable")), \(latent.count) latent, "
            + NumberFormatting.count(graph.edgeCount, "arrow"), ""]
        lines += TextTable(rows: graph.names.indices.map { v in
            let children = graph.children(of: v).map { graph.names[$0] }.joined(separator: ", ")
            return [graph.names[v], "→ " + (children.isEmpty ? "(none)" : children) + (graph.isLatent[v] ? "  (latent)" : "")]
        }, indent: "  ").lines()
        if let query, let adjustmentSets { lines += try effectLines(query, sets: adjustmentSets) }
        try write(lines.map { $0 + "\n" }.joined())
        guard listsIndependencies else { return }
        let heading = "\nConditional independencies implied by the graph (local Markov property):"
        var any = false
        try graph.forEachLocalMarkovIndependence { statement in
            if !any { try write(heading + "\n") }
            any = true
            try write("  \(graph.describe(statement))\n")
        }
        if !any { try write(heading + " none\n") }
    }

    /// The part of the text about the effect of the query: the answer (adjustment sets,
    /// front door, instruments) first, then the back-door paths, shortest first, at most
    /// `maximumPaths` of them.
    private func effectLines(_ query: Query, sets: [[String]]) throws -> [String] {
        let (t, y) = (query.treatment, query.outcome)
        var lines = ["", "Effect of \(t) on \(y)"]
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
        let backDoor = try graph.backDoorPaths(from: t, to: y).enumerated()
            .sorted { ($0.element.nodes.count, $0.offset) < ($1.element.nodes.count, $1.offset) }.map(\.element)
        let downstream = Set(try graph.descendants(of: [t]))
        let shown = backDoor.prefix(max(0, maximumPaths))
        switch backDoor.count {
        case 0: lines.append("  back-door paths: none")
        case shown.count: lines.append("  back-door paths (\(backDoor.count)):")
        default: lines.append("  back-door paths (\(backDoor.count); the \(shown.count) shortest):")
        }
        for path in shown {
            lines.append("    \(graph.describe(path))   [\(blockingStatus(of: path, adjustingFor: sets.first, downstream: downstream))]")
        }
        if shown.count < backDoor.count {
            lines.append("    … \(backDoor.count - shown.count) more (--paths \(backDoor.count) lists them all)")
        }
        return lines
    }

    /// How a back-door path is blocked: by `set`, the first minimal adjustment set (which
    /// blocks every back-door path), or by a collider on it; or, when no set exists, which
    /// observed variables on it would block it alone (an open path has no colliders;
    /// descendants of the treatment may not be adjusted for).
    private func blockingStatus(of path: GraphPath, adjustingFor set: [String]?, downstream: Set<String>) -> String {
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
}
