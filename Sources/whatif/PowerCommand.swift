import ArgumentParser
import Foundation
import WhatIf

/// `whatif power`: rejection rates of randomised experiments simulated from a model or resampled from data.
struct PowerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "power",
        abstract: "Power and A/A tests of randomised experiments simulated from a model (or resampled from a CSV).",
        discussion: """
            Each experiment takes ROWS fresh units, treats half of them, and tests the difference \
            in the outcome at level --alpha: Student's t test, or the pooled two-proportion z test \
            for a 0/1 outcome. The share of experiments that reject is the power (with --effect 0, \
            the false-positive rate of an A/A test, which should be α), shown with its \
            Clopper–Pearson interval beside the closed-form power of the same test.
            --effect E sets the treatment's effect on the outcome: a treated unit's outcome is its \
            outcome under do(T = 0) plus E (for a 0/1 outcome the share of 1s moves by E). Without \
            --effect, a model's own effect is used: each unit's outcome under do(T = 1) or do(T = 0).
            MODEL may be a CSV file: its --outcome column (with --treatment, its control rows only) \
            is resampled as the outcome under control; then --effect is required.
            """)

    @Argument(help: "A catalog model name, a path to a .scm or .bif file, or a CSV file of outcomes.")
    var model: String

    @Option(help: "The treatment variable (default: the one the model file states).")
    var treatment: String?

    @Option(help: "The outcome variable (default: the one the model file states).")
    var outcome: String?

    @Option(help: ArgumentHelp("Units per experiment in all, comma-separated.", valueName: "N1,N2,…"))
    var rows: String

    @Option(help: ArgumentHelp("Effects to detect, comma-separated; 0 is an A/A test (default: the model's own effect).", valueName: "E1,E2,…"))
    var effect: String?

    @Option(help: "Simulated experiments per point.")
    var replications = 1000

    @Option(help: "The test's significance level.")
    var alpha = 0.05

    @Option(name: .customLong("target-power"), help: "Report the sample size that reaches this power.")
    var targetPower: Double?

    @Option(help: "The test: t or proportions (default: proportions for a 0/1 outcome, else t).")
    var test: String?

    @Option(help: "The level of the rejection rates' binomial intervals.")
    var level = 0.95

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Write the results as JSON to this file (- for standard output).", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Draw the power curves to this SVG file.", valueName: "FILE.svg"))
    var plot: String?

    func validate() throws {
        try options().validate()
        try requireDistinctOutputs([("--json", json), ("--plot", plot), ("the table on standard output", tableOutput)])
    }

    func run() throws {
        try reportingErrors {
            let (population, title) = try self.population()
            let jsonFile = try json.map(OutputFile.init(path:))
            let plotFile = try plot.map(OutputFile.init(path:))
            let progress = ProgressLine("experiments")
            var options = try options()
            options.progress = { progress.update($0, $1) }
            let report = try PowerSimulation(population: population, options: options).run()
            progress.finish()
            try jsonFile?.write(report.jsonText)
            try plotFile?.write(report.svg(title: title))
            try OutputFile.commit([jsonFile, plotFile])
            if tableOutput != nil { try printOut(report.text(title: title)) }
        }
    }

    /// The units: a CSV's outcomes, or a model with its treatment and outcome.
    private func population() throws -> (PowerPopulation, String) {
        if model.lowercased().hasSuffix(".csv") {
            guard let outcome else { throw ValidationError("--outcome: name the outcome column of \(model)") }
            return (try PowerPopulation(csv: CSVReader.read(path: model), outcome: outcome, controlsOf: treatment),
                    URL(fileURLWithPath: model).lastPathComponent)
        }
        let entry = try ModelCatalog.entry(for: model)
        let scm = try entry.model()
        let (t, y) = try entry.effectVariables(treatment: treatment, outcome: outcome, in: scm)
        return (.model(scm, treatment: t, outcome: y), entry.name)
    }

    /// The simulation's settings.
    private func options() throws -> PowerOptions {
        var options = PowerOptions(
            rows: try parseCounts(rows, "--rows"), effects: try effect.map { try parseNumbers($0, "--effect") },
            replications: replications, alpha: alpha, targetPower: targetPower, level: level, seed: runOptions.seed,
            test: try test.map { name in
                guard let test = SimulatedTest(rawValue: name) else { throw ValidationError("--test: '\(name)' is not t or proportions") }
                return test
            })
        if let threads = runOptions.threads { options.threads = threads }
        return options
    }

    /// Where the table goes: standard output, unless --json or --plot writes its document there.
    private var tableOutput: String? { json == "-" || plot == "-" ? nil : "-" }
}
