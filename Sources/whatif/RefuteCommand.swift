import ArgumentParser
import WhatIf

/// `whatif refute`: try to refute an effect estimate by changing the data in known ways.
struct RefuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refute",
        abstract: "Refutation checks of an effect estimate: placebo treatment, random common cause, subsets, bootstrap, dummy outcome.",
        discussion: """
            Estimates the effect of TREATMENT on OUTCOME with --estimator, then re-estimates it \
            --simulations times under each change: a permuted treatment and an outcome the \
            treatment cannot affect (the effect should vanish: t test of the new estimates' mean \
            against 0), an added random covariate, random 80% subsets and bootstrap resamples \
            (the estimate should not move: the original's place among the new estimates). An \
            alarm is p < --alpha. No refuter can see a confounder missing from the data: \
            `whatif sensitivity` asks how strong one would have to be.
            Covariates: every numeric column but the treatment and the outcome, unless --covariates.
            """)

    @OptionGroup var roles: DataRoleOptions

    @Option(help: ArgumentHelp("The estimator: " + OrdinaryLeastSquares.catalog().map(\.name).joined(separator: ", ") + ".",
                               valueName: "NAME"))
    var estimator = "ols"

    @OptionGroup var refuterOptions: RefuterOptions

    @Option(help: "The seed of every simulation and of the estimator's randomness.")
    var seed = RandomStream.defaultSeed

    @Option(help: ArgumentHelp("Write the results as JSON to this file (- for standard output).", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Draw the estimates under each refuter to this SVG file.", valueName: "FILE.svg"))
    var plot: String?

    func validate() throws {
        try refuterOptions.refuter().validate()
        _ = try chosenEstimator()
        try requireDistinctOutputs([("--json", json), ("--plot", plot), ("the table on standard output", json == "-" || plot == "-" ? nil : "-")])
    }

    func run() throws {
        try reportingErrors {
            let table = try CSVReader.read(path: roles.data)
            let causalData = try CausalData(table: table, roles: Roles(outcome: roles.outcome, treatment: roles.treatment,
                                                                       covariates: roles.covariates(in: table)))
            let report = try refuterOptions.refuter().run(chosenEstimator(), on: causalData, seed: seed)
            let jsonFile = try json.map(OutputFile.init(path:))
            let plotFile = try plot.map(OutputFile.init(path:))
            try jsonFile?.write(report.jsonText)
            try plotFile?.write(report.svg())
            try OutputFile.commit([jsonFile, plotFile])
            if json != "-", plot != "-" { try printOut(report.text()) }
        }
    }

    /// The estimator named by --estimator.
    private func chosenEstimator() throws -> any EffectEstimator {
        let catalog = OrdinaryLeastSquares.catalog()
        guard let chosen = catalog.first(where: { $0.name == estimator }) else {
            throw ValidationError("--estimator: unknown estimator '\(estimator)' (known: \(catalog.map(\.name).joined(separator: ", ")))")
        }
        return chosen
    }
}
