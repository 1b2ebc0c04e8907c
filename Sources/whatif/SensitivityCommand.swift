import ArgumentParser
import WhatIf

/// `whatif sensitivity`: how strong an unobserved confounder would have to be to explain an OLS estimate away.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sensitivity of a regression estimate to an unobserved confounder (robustness value, bounds, E-value).",
        discussion: """
            Fits OUTCOME on TREATMENT and the covariates by least squares (as Cinelli & Hazlett's \
            sensemakr does) and reports the partial R² of the treatment with the outcome, the \
            robustness values RV (the strength, as a share of residual variance of both, of a \
            confounder that would bring the estimate to 0) and RV at level α (that would make it \
            insignificant), the estimate adjusted for a confounder kd times as strong as each \
            --benchmark covariate, and the E-value of the estimate through RR ≈ exp(0.91·β/sd(Y)).
            Covariates: every numeric column but the treatment and the outcome, unless --covariates.
            """)

    @OptionGroup var roles: DataRoleOptions

    @Option(help: ArgumentHelp("Covariates to bound a confounder against, comma-separated.", valueName: "COL"))
    var benchmark: String?

    @Option(help: ArgumentHelp("How many times as strong as the benchmark, with the treatment (and the outcome).", valueName: "1,2,3"))
    var kd = "1,2,3"

    @Option(help: ArgumentHelp("Multipliers with the outcome, when they differ from --kd.", valueName: "1,2,3"))
    var ky: String?

    @Option(help: "The fraction of the estimate a confounder should remove for the robustness value.")
    var q = 1.0

    @Option(help: "The significance level of the robustness value and the intervals.")
    var alpha = 0.05

    @Option(help: "The estimator whose estimate is analysed (only ols: the robustness value needs a linear regression).")
    var estimator = "ols"

    @Option(help: ArgumentHelp("Write the results as JSON to this file (- for standard output).", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Draw the adjusted estimate over the two partial R²s to this SVG file.", valueName: "FILE.svg"))
    var plot: String?

    func validate() throws {
        try analysis().validate()
        try requireDistinctOutputs([("--json", json), ("--plot", plot), ("the table on standard output", tableOutput)])
    }

    func run() throws {
        try reportingErrors {
            let analysis = try analysis()
            let table = try CSVReader.read(path: roles.data)
            let report = try analysis.run(on: table)
            let jsonFile = try json.map(OutputFile.init(path:))
            let plotFile = try plot.map(OutputFile.init(path:))
            try jsonFile?.write(report.jsonText)
            try plotFile?.write(report.contourSVG())
            try OutputFile.commit([jsonFile, plotFile])
            if tableOutput != nil { try printOut(report.text()) }
        }
    }

    /// The analysis the options ask for.
    private func analysis() throws -> SensitivityAnalysis {
        try SensitivityAnalysis(treatment: roles.treatment, outcome: roles.outcome, covariates: roles.namedCovariates(),
                                benchmarks: benchmark.map { try parseNames($0, "--benchmark") } ?? [],
                                kd: parseNumbers(kd, "--kd"), ky: ky.map { try parseNumbers($0, "--ky") }, q: q, alpha: alpha,
                                estimator: estimator)
    }

    /// Where the table goes: standard output, unless --json or --plot writes its document there.
    private var tableOutput: String? { json == "-" || plot == "-" ? nil : "-" }
}
