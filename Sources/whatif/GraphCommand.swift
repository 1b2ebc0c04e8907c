import ArgumentParser
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
            MODEL may also be a dagitty file (named *.dagitty, or whose text starts with
            'dag {'): its exposure and outcome marks give the adjustment query.
            --format dagitty writes the graph in dagitty's syntax (latent, exposure and
            outcome marked); --format bif writes a discrete model as a Bayesian network.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, dot, svg, json, dagitty, bif
    }

    @Argument(help: "A catalog model name or a path to a .scm, .bif or dagitty file.")
    var model: String

    @Option(help: "Output format: text, dot, svg, json, dagitty or bif.")
    var format: Format = .text

    @Option(name: .customLong("adjustment-sets"), parsing: .upToNextOption,
            help: ArgumentHelp("Treatment and outcome of the effect to adjust for.", valueName: "TREATMENT OUTCOME"))
    var adjustmentSets: [String] = []

    @Flag(help: "List the conditional independencies the graph implies (local Markov property).")
    var independencies = false

    @Option(name: .customLong("do"), help: ArgumentHelp("Draw the graph under do(NAME = VALUE): no arrows into NAME.", valueName: "NAME=VALUE"))
    var interventions: [String] = []

    @Option(parsing: .unconditional, help: "The most back-door paths to list, shortest first.")
    var paths = GraphReport.defaultMaximumPaths

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        guard adjustmentSets.isEmpty || adjustmentSets.count == 2 else {
            throw ValidationError("--adjustment-sets takes two names, TREATMENT OUTCOME (got \(adjustmentSets.count))")
        }
        guard paths >= 0 else { throw ValidationError("--paths must be 0 or more (got \(paths))") }
    }

    func run() throws {
        try reportingErrors {
            let interventions = try interventions.map { try parseAssignment($0, "--do") }
            let source = try GraphSource(model, interventions: interventions)
            var query = adjustmentSets.count == 2
                ? GraphReport.Query(treatment: adjustmentSets[0], outcome: adjustmentSets[1]) : nil
            if query == nil, let marked = source.markedQuery { query = marked }
            let report = try GraphReport(graph: source.graph, title: source.title, query: query,
                                         listsIndependencies: independencies, maximumPaths: paths)
            let text: String
            switch format {
            case .text:
                // Written as it is found: the independencies of a large graph are quadratic in its size.
                let file = try OutputFile(path: output ?? "-")
                try report.writeText { try file.write($0) }
                return try OutputFile.commit([file])
            case .json: text = try report.jsonText()
            case .dot, .svg:
                let dot = try report.dot(interventions: Dictionary(interventions.map { ($0.0, $0.1.compactDescription) },
                                                                   uniquingKeysWith: { $1 }))
                text = format == .dot ? dot : try Graphviz.locate().svg(fromDOT: dot)
            case .dagitty:
                text = try source.dagitty(marking: query)
            case .bif:
                text = try source.bayesianNetwork().bif
            }
            if let output { try OutputFile.write(text, to: output) } else { try printOut(text) }
        }
    }
}
