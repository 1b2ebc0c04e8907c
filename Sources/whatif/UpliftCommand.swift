import ArgumentParser
import WhatIf

/// `whatif uplift`: how well a score ranks units by their uplift, on randomised data.
struct UpliftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplift",
        abstract: "Evaluate an uplift score on randomised data: Qini and uplift curves, their AUCs, uplift at the top k.",
        discussion: """
            DATA.csv holds one row per unit of a randomised experiment: the treatment (0 or 1), \
            the outcome and the score of the model under evaluation (higher: more uplift expected). \
            The AUCs are the normalised areas scikit-uplift reports (qini_auc_score, uplift_auc_score): \
            0 for a random ranking, 1 for the best one the data allow; the uplift at the top k is \
            its 'overall' strategy. Tied scores enter the curves together; at a cut inside a tie the \
            later row comes first. With --true-effect (simulated data, e.g. the Y_1 − Y_0 of \
            `whatif sample --potential-outcomes`) the same metrics are given for the oracle ranking by \
            the true effect, with the true gain each ranking captures. With --json - (or --plot -) \
            that document alone goes to standard output.
            """)

    @Argument(help: "The CSV file: a header row, then one row per unit.")
    var data: String

    @Option(help: ArgumentHelp("The treatment column (0 or 1).", valueName: "COL"))
    var treatment: String

    @Option(help: ArgumentHelp("The outcome column.", valueName: "COL"))
    var outcome: String

    @Option(help: ArgumentHelp("The uplift score column.", valueName: "COL"))
    var score: String

    @Option(name: .customLong("true-effect"), help: ArgumentHelp("A column of true unit-level effects (simulated data).", valueName: "COL"))
    var trueEffect: String?

    @Option(help: ArgumentHelp("The shares of units for the uplift at the top k, comma-separated.", valueName: "K1,K2,…"))
    var k = "0.1,0.3"

    @Option(help: ArgumentHelp("Write the result as JSON to this file (- for standard output, instead of the table).", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Draw the curves to this SVG file (- for standard output).", valueName: "FILE.svg"))
    var plot: String?

    func validate() throws {
        _ = try shares()
        let table = json == "-" || plot == "-" ? nil : "-"
        try requireDistinctOutputs([("--json", json), ("--plot", plot), ("the table on standard output", table)])
    }

    func run() throws {
        try reportingErrors {
            let table = try CSVReader.read(path: data)
            let jsonFile = try json.map(OutputFile.init(path:))
            let plotFile = try plot.map(OutputFile.init(path:))
            let evaluation = try UpliftEvaluation(table: table, treatment: treatment, outcome: outcome, score: score,
                                                  trueEffect: trueEffect, k: try shares())
            try jsonFile?.write(evaluation.jsonText())
            try plotFile?.write(evaluation.plot(score: score).svg())
            try OutputFile.commit([jsonFile, plotFile])
            guard json != "-", plot != "-" else { return }
            try printOut(evaluation.text(score: score))
        }
    }

    /// The shares of --k: numbers strictly between 0 and 1.
    private func shares() throws -> [Double] {
        try k.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            let text = entry.trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value > 0, value < 1 else {
                throw ValidationError("--k: '\(text)' is not a share strictly between 0 and 1 (e.g. 0.1 for the top 10%)")
            }
            return value
        }
    }
}
