import ArgumentParser
import Foundation
import WhatIf

/// `whatif counterfactual`: what would have happened to these units under another action.
struct CounterfactualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counterfactual",
        abstract: "What would have happened to observed units under another action (abduction, action, prediction).",
        discussion: """
            MODEL is a catalog name (see `whatif models`) or a path to a .scm or .bif file.

            One unit, or the population matching the evidence:
              --observe "A=a,B=b" --do "X=x" --query Y [--equals y] [--json]
                E[Y had X been x | A = a, B = b]; for a 0/1 variable, P(Y = 1).
            Every row of a table (empty or NA cells are unobserved):
              --evidence OBSERVED.csv --do "X=x" [--output FILE.csv]
            Attribution, for a 0/1 treatment and outcome:
              --causes X:Y              PN, PS and PNS with their Tian-Pearl bounds
              --effect-on-treated X:Y   E[Y_x - Y_x' | X = x]
            Mediation, for a treatment T from 0 to 1, a mediator M and an outcome Y:
              --mediation T:M:Y         controlled direct, natural direct and indirect, total
            The twin-network picture of the query:
              --twin-network FILE.dot or FILE.svg (SVG needs Graphviz)

            MODEL may be a folder of posterior draws (whatif fit --draws K) for --query,
            --causes, --effect-on-treated and --mediation: each answer is then given
            with its posterior mean and the 95% interval of the draws' answers.

            Answers are exact when the evidence pins down the noise, when the rest is
            finite discrete noise, or (for expectations) when the model is linear-Gaussian;
            otherwise they are estimated by likelihood weighting with --samples draws
            per unit, and the effective sample size is reported.
            """
    )

    @Argument(help: "A catalog model name or a path to a .scm or .bif file.")
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

    @OptionGroup(title: "Attribution") var attribution: AttributionOptions

    @OptionGroup(title: "Mediation") var mediation: MediationOptions

    @Option(name: .customLong("twin-network"), help: ArgumentHelp("Write the twin network (DOT, or SVG by extension).", valueName: "FILE"))
    var twinNetwork: String?

    @Option(help: "Draws per unit when likelihood weighting is needed (at most 10000000).")
    var samples: Int = CounterfactualDefaults.samples

    @OptionGroup var runOptions: RunOptions

    @Flag(help: "Use likelihood weighting even where an exact method applies.")
    var sampling = false

    @Flag(help: "Print the answer as JSON.")
    var json = false


    func validate() throws {
        try requireDistinctOutputs([("--output", output ?? "-"), ("--twin-network", twinNetwork)])
        let modes = [query != nil, evidence != nil, attribution.causes != nil, attribution.effectOnTreated != nil,
                     mediation.mediation != nil].filter { $0 }.count
        guard modes <= 1 else {
            throw ValidationError("ask one thing at a time: --query, --evidence, --causes, --effect-on-treated or --mediation")
        }
        guard modes == 1 || twinNetwork != nil else {
            throw ValidationError("say what to compute: --query NAME, --evidence FILE.csv, --causes X:Y, --effect-on-treated X:Y "
                + "or --mediation T:M:Y")
        }
        if mediation.mediation != nil {
            guard interventions.isEmpty, observations.isEmpty, twinNetwork == nil else {
                throw ValidationError("--mediation sets the treatment itself: it takes no --do, --observe or --twin-network")
            }
            _ = try mediation.roles()
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
    }

    /// The options of the counterfactual engine.
    var engineOptions: CounterfactualOptions {
        var options = CounterfactualOptions(samples: samples, seed: runOptions.seed, forceSampling: sampling)
        if let threads = runOptions.threads { options.threads = threads }
        return options
    }

    func run() throws {
        try reportingErrors {
            if PosteriorDraws.isFolder(model) { return try answerOverDraws(try PosteriorDraws(folder: model)) }
            let scm = try loadModel(model).model
            if mediation.mediation != nil { return try mediation.answer(scm, seed: runOptions.seed, json: json) }
            let options = engineOptions
            let observed = try parseAssignments(observations, "--observe")
            let actions = try parseAssignments(interventions, "--do")
            // The picture is drawn first (so its errors come before any answer) and written last: a failed
            // query leaves no file behind.
            let picture = try twinNetwork.map { try twinNetworkText(scm, actions: actions, path: $0) }
            if let evidence {
                try answerTable(scm, path: evidence, doing: actions.map { .set($0.name, to: $0.value) }, options: options)
            } else if let question = try question(observed: observed, actions: actions) {
                let report = try CounterfactualReport(model: scm, question: question, options: options)
                try printOut(json ? report.jsonText() : report.text())
                for warning in report.warnings { printWarning(warning) }
            }
            if let twinNetwork, let picture { try OutputFile.write(picture, to: twinNetwork) }
        }
    }

    /// The question of --query, --causes or --effect-on-treated (nil for a picture alone).
    func question(observed: [(name: String, value: Double)], actions: [(name: String, value: Double)]) throws
        -> CounterfactualReport.Question? {
        if let query {
            let evidence = Evidence(Dictionary(observed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
            return .expectation(of: query, given: evidence, doing: actions, equals: equals)
        }
        return try attribution.question()
    }

    private func answerTable(_ scm: StructuralCausalModel, path: String, doing: [Intervention],
                             options: CounterfactualOptions) throws {
        let table = try CSVReader.read(path: path)
        let result = try scm.counterfactuals(for: table, doing: doing, options: options)
        let file = try OutputFile(path: output ?? "-")
        try file.write(CSVFormat.text(of: result.table))
        try file.commit()
        for warning in result.warnings { printWarning(warning) }
        if let output { printError("whatif: \(result.summary(writtenTo: output))\n") }
    }

    /// The twin network's picture for `path`: DOT, or SVG by extension.
    private func twinNetworkText(_ scm: StructuralCausalModel, actions: [(name: String, value: Double)], path: String) throws -> String {
        let dot = try scm.twinNetwork(doing: actions.map { .set($0.name, to: $0.value) }).captionedDOT(outcome: query)
        return path.lowercased().hasSuffix(".svg") ? try Graphviz.locate().svg(fromDOT: dot) : dot
    }
}
