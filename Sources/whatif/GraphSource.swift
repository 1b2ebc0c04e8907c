import ArgumentParser
import Foundation
import WhatIf

/// What `whatif graph` draws: a model's causal diagram (a catalog model, a `.scm` or
/// `.bif` file) or a dagitty diagram, after `--do` surgery.
struct GraphSource {
    /// The diagram (hidden common causes of a model explicit, as latent nodes).
    let graph: DirectedGraph
    /// The name shown in titles.
    let title: String
    /// The model, when the source is one (a dagitty file has none).
    let model: StructuralCausalModel?
    /// The model's file, when it has one.
    let entry: ModelCatalog.Entry?
    /// The dagitty diagram as read, when the source is one.
    let diagram: DagittyGraph?
    /// The adjustment query a dagitty file marks: its one exposure and one outcome.
    let markedQuery: GraphReport.Query?

    /// Reads `reference`: a dagitty file when its name ends in `.dagitty` or its text
    /// starts with `dag {`, else a model; `interventions` remove the arrows into their variables.
    init(_ reference: String, interventions: [(String, Double)]) throws {
        if let text = Self.dagittyText(at: reference) {
            let diagram = try DagittyGraph(dagitty: text, file: reference)
            graph = try diagram.directedGraph().intervening(on: Set(interventions.map(\.0)))
            title = URL(fileURLWithPath: reference).deletingPathExtension().lastPathComponent
            model = nil
            entry = nil
            self.diagram = interventions.isEmpty ? diagram : nil
            let exposures = diagram.nodes(marked: "exposure"), outcomes = diagram.nodes(marked: "outcome")
            markedQuery = exposures.count == 1 && outcomes.count == 1
                ? GraphReport.Query(treatment: exposures[0], outcome: outcomes[0]) : nil
            return
        }
        var (entry, scm) = try loadModel(reference)
        if !interventions.isEmpty { scm = try scm.intervening(interventions.map { .set($0.0, to: $0.1) }) }
        graph = scm.causalDiagram
        title = entry.name
        model = scm
        self.entry = entry
        diagram = nil
        markedQuery = nil
    }

    /// The text of the dagitty file at `path`, or nil when `path` is not one. Only a regular
    /// file is looked into: reading a pipe (`/dev/stdin`) here would leave nothing for the
    /// model reader.
    private static func dagittyText(at path: String) -> String? {
        var info = stat()
        guard ModelCatalog.entry(named: path) == nil, !path.hasSuffix(".scm"), !path.hasSuffix(".bif"),
              stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let start = text.drop { $0.isWhitespace }
        let opensDAG = start.hasPrefix("dag") && start.dropFirst(3).drop { $0.isWhitespace }.first == "{"
        return path.hasSuffix(".dagitty") || opensDAG ? text : nil
    }

    /// The graph in dagitty's syntax with `query`'s treatment and outcome marked: a
    /// dagitty source (without `--do`) as read, its other attributes kept, when the
    /// query is the one it marks.
    func dagitty(marking query: GraphReport.Query?) throws -> String {
        if let diagram, query == markedQuery { return diagram.text }
        return try DagittyGraph(graph: graph, exposures: query.map { [$0.treatment] } ?? [],
                                outcomes: query.map { [$0.outcome] } ?? []).text
    }

    /// The model as a Bayesian network (state names kept from a `.bif` file); an error
    /// for a dagitty diagram or a model that is not discrete.
    func bayesianNetwork() throws -> BayesianNetwork {
        guard let model, let entry else {
            throw ValidationError("--format bif needs a model with probability tables; a dagitty file has only a graph")
        }
        guard entry.isBIF else { return try BayesianNetwork(model: model, name: entry.name) }
        let original = try BayesianNetwork(bif: entry.text, file: entry.file)
        return try BayesianNetwork(model: model, name: original.name, states: original.stateNames)
    }
}
