import ArgumentParser
import Foundation
import WhatIf

/// `whatif impact`: causal impact analysis of a time series with a Bayesian
/// structural time-series model (the CausalImpact method).
struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Estimate the effect of an intervention on a time series (CausalImpact).",
        discussion: """
            Fits a Bayesian structural time-series model to the pre-period and predicts what the \
            response would have been in the post-period without the intervention. The response is \
            --response or the first numeric column; every other numeric column is a covariate, \
            except a time index named t, time or date (which may hold text such as ISO dates). \
            Periods are START:END, inclusive: values of the time index when the file has one \
            (never row numbers then), 1-based row numbers only when it has none. With --json - \
            (or --plot -) that document alone goes to standard output, without the summary table.
            """)

    @Argument(help: "The CSV file: a header row, then one row per time point.")
    var data: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The pre-intervention period.", valueName: "START:END"))
    var pre: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The post-intervention period; it must start after the pre-period ends.",
                               valueName: "START:END"))
    var post: String

    @Option(help: ArgumentHelp("The response column (default: the first numeric column).", valueName: "COLUMN"))
    var response: String?

    @Option(parsing: .unconditional, help: "MCMC iterations per chain (at least 10).")
    var niter = 1000

    @Option(parsing: .unconditional, help: "The random seed of the sampler and of the posterior-predictive noise.")
    var seed = RandomStream.defaultSeed

    @OptionGroup(title: "The model") var modelOptions: ImpactModelOptions

    @OptionGroup(title: "Checks and additions") var additionOptions: ImpactAdditionOptions

    @Option(parsing: .unconditional, help: "The number of MCMC chains.")
    var chains = 1

    @Option(parsing: .unconditional, help: "Intervals are posterior intervals at level 1 − alpha.")
    var alpha = 0.05

    @Option(help: ArgumentHelp("Write the result as JSON to this file (- for standard output, instead of the table).",
                               valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Draw the three-panel impact plot to this SVG file (- for standard output).",
                               valueName: "FILE.svg"))
    var plot: String?

    @Flag(help: "Also print a written report.")
    var report = false

    @Option(help: ArgumentHelp("Analyse each series of a long-format table, one per value of this column, over all cores.",
                               valueName: "COLUMN"))
    var by: String?

    func run() throws {
        try reportingErrors {
            let table = try CSVReader.read(path: data)
            if let by {
                let options = additionOptions
                return try ImpactBySeries(column: by, json: json, specification: self.specification,
                                          additions: { try options.additions(table: $0, specification: $1, outcome: $2, nested: true) },
                                          threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount).run(table)
            }
            let specification = try self.specification(table)
            // Open the outputs before sampling, so that a bad path fails at once; nothing
            // reaches its final name until every output is complete.
            let jsonFile = try json.map(OutputFile.init(path:))
            let plotFile = try plot.map(OutputFile.init(path:))
            let drawsFile = try additionOptions.draws.map(OutputFile.init(path:))
            let powerFile = try additionOptions.powerPlot.map(OutputFile.init(path:))
            let covariateFile = try additionOptions.covariatePlot.map(OutputFile.init(path:))
            let progress = ProgressLine("sampling")
            let result = try ImpactAnalysis.outcome(table: table, specification: specification,
                                                    progress: { progress.update($0, $1) })
            progress.finish()
            let additions = try additionOptions.additions(table: table, specification: specification, outcome: result)

            try jsonFile?.write(result.jsonText(adding: additions))
            try plotFile?.write(result.plot().svg())
            // An output that cannot be made is an error, never an empty file over an existing one.
            if let drawsFile {
                guard let csv = additionOptions.drawsCSV(result) else {
                    throw ValidationError("--draws: the analysis made no inference, so it has no posterior draws to write")
                }
                try drawsFile.write(csv)
            }
            if let powerFile {
                guard let power = additions.power else {
                    throw ValidationError("--power-plot: the analysis made no inference, so the placebo power was not computed")
                }
                try powerFile.write(power.svg())
            }
            if let covariateFile {
                guard let sampler = result.result?.sampler, !sampler.covariateNames.isEmpty else {
                    throw ValidationError("--covariate-plot: the analysis has no static regression to draw (no covariates, "
                        + "no inference, or --dynamic-regression)")
                }
                try covariateFile.write(sampler.covariateChart().svg())
            }
            try OutputFile.commit([jsonFile, plotFile, drawsFile, powerFile, covariateFile])
            guard json != "-", plot != "-" else { return }
            try printOut(SummaryTable.text(of: result, cumulative: !additionOptions.stock)
                + additionOptions.text(additions, result: result.result))
            if report { try printOut("\n" + ImpactReport.text(of: result, stock: additionOptions.stock,
                                                                  placebo: additions.placebo)) }
        }
    }

    /// Standard output carries either the summary (and report) or one document.
    func validate() throws {
        // The summary takes standard output unless a document does.
        let summary = json == "-" || plot == "-" ? nil : "-"
        try requireDistinctOutputs([("--json", json), ("--plot", plot), ("--draws", additionOptions.draws),
                                    ("--power-plot", additionOptions.powerPlot),
                                    ("--covariate-plot", additionOptions.covariatePlot),
                                    ("the summary on standard output", summary)])
        if report, json == "-" || plot == "-" {
            throw ValidationError("--report prints to standard output, which --\(json == "-" ? "json" : "plot") - "
                + "takes for its document; write that to a file")
        }
        if by != nil, let single = [("--plot", plot != nil), ("--report", report), ("--draws", additionOptions.draws != nil),
                                    ("--power-plot", additionOptions.powerPlot != nil),
                                    ("--covariate-plot", additionOptions.covariatePlot != nil)].first(where: \.1) {
            throw ValidationError("--by writes one table of results: run a series alone for \(single.0)")
        }
    }

    /// The analysis the options ask for, checked.
    func specification(_ table: Table) throws -> ImpactSpecification {
        var specification = try ImpactSpecification(parsingPre: pre, post: post, response: response, in: table)
        specification.model = modelOptions.model
        if let events = modelOptions.events { specification.events = try ImpactEvent.calendar(path: events) }
        specification.sampler.iterations = niter
        specification.sampler.seed = seed
        specification.sampler.chains = chains
        specification.alpha = alpha
        specification.model.expectedModelSize = additionOptions.expectedModelSize
        try specification.validate()
        return specification
    }
}
