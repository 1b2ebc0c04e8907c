import ArgumentParser
import Foundation
import WhatIf

/// `whatif hidden-confounding`: the simulator checks the trust checks on a model with a confounder hidden on purpose.
struct HiddenConfoundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hidden-confounding",
        abstract: "Hide a confounder of chosen strength in a model and see what sensitivity analysis and refuters say.",
        discussion: """
            Adds U ~ N(0, 1) to the mechanisms of TREATMENT and OUTCOME, either with the partial \
            R²s of --confounder (U with the treatment given the covariates, U with the outcome \
            given the treatment and the covariates; coefficients solved on a pilot) or with the \
            coefficients of --coefficients. Each replication samples --rows rows, fits OUTCOME on \
            TREATMENT and the covariates (a minimal back-door set of the model without U) by \
            least squares, and records the true bias against E[Y(1) − Y(0)], the sensitivity bound \
            for a confounder of the --assume strength (default: U's own), the robustness values and \
            every refuter's alarm. The report says how often the bias stayed within the bound \
            and how often each refuter rang.
            """)

    @Argument(help: "A catalog model name or a path to a .scm or .bif file.")
    var model: String

    @Option(help: "The treatment variable (default: the one the model file states).")
    var treatment: String?

    @Option(help: "The outcome variable (default: the one the model file states).")
    var outcome: String?

    @Option(help: ArgumentHelp("U's partial R²s with the treatment and with the outcome.", valueName: "R2D,R2Y"))
    var confounder: String?

    @Option(help: ArgumentHelp("U's coefficients in the treatment's and the outcome's mechanisms (instead of --confounder).",
                               valueName: "GT,GY"))
    var coefficients: String?

    @Option(help: ArgumentHelp("The partial R²s the sensitivity bound assumes (default: U's own).", valueName: "R2D,R2Y"))
    var assume: String?

    @Option(help: "Rows per replication.")
    var rows = 1000

    @Option(help: "Replications.")
    var replications = 200

    @OptionGroup var refuterOptions: RefuterOptions

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Write the results as JSON to this file (- for standard output).", valueName: "FILE"))
    var json: String?

    func validate() throws {
        guard (confounder == nil) != (coefficients == nil) else {
            throw ValidationError("give the hidden confounder's strength: --confounder R2D,R2Y or --coefficients GT,GY (one of them)")
        }
        _ = try strength()
        _ = try pair(assume, "--assume")
        _ = try refuterOptions.refuter()
    }

    func run() throws {
        try reportingErrors {
            let entry = try ModelCatalog.entry(for: model)
            let scm = try entry.model()
            let (t, y) = try entry.effectVariables(treatment: treatment, outcome: outcome, in: scm)
            let progress = ProgressLine("replications")
            var check = LatentConfounderCheck(
                model: scm, treatment: t, outcome: y, strength: try strength(),
                assumed: try pair(assume, "--assume").map { ConfounderStrength(treatmentR2: $0.0, outcomeR2: $0.1) },
                rows: rows, replications: replications, seed: runOptions.seed,
                refuter: try refuterOptions.refuter(), progress: { progress.update($0, $1) })
            if let threads = runOptions.threads { check.threads = threads }
            let jsonFile = try json.map(OutputFile.init(path:))
            let report = try check.run()
            progress.finish()
            try jsonFile?.write(report.jsonText)
            try jsonFile?.commit()
            if json != "-" { try printOut(report.text(title: entry.name)) }
        }
    }

    /// The confounder's strength the options give.
    private func strength() throws -> LatentConfounderCheck.Strength {
        if let (a, b) = try pair(coefficients, "--coefficients") { return .coefficients(treatment: a, outcome: b) }
        let (d, y) = try pair(confounder, "--confounder") ?? (0, 0)
        return .partialR2(ConfounderStrength(treatmentR2: d, outcomeR2: y))
    }

    /// Two numbers for the treatment and the outcome.
    private func pair(_ text: String?, _ option: String) throws -> (Double, Double)? {
        guard let text else { return nil }
        let values = try parseNumbers(text, option)
        guard values.count == 2 else { throw ValidationError("\(option): give two numbers, for the treatment and the outcome (got '\(text)')") }
        return (values[0], values[1])
    }
}
