import ArgumentParser
import Foundation
import WhatIf

/// `whatif generate`: a random model, its true graph, its order-leak statistics and a sample.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a random model with its true graph, sortability statistics and, optionally, a sample.",
        discussion: """
            Writes PREFIX.scm (the model), PREFIX.graph.csv (adjacency: row = cause,
            column = effect, 0/1, a header of the names), PREFIX.json (varsortability,
            r2Sortability, the specification, causal order and edges) and, with --rows,
            PREFIX.csv. The statistics use the sample's first 20000 rows (a 20000-row
            sample from the same seed when --rows is absent).
            Mechanisms: linear, Σ w·X with |w| uniform on [0.5, 2] and a random sign;
            nonlinear, Σ w·tanh(a·X + b) with a on [0.5, 1.5], b on [-1, 1]; mixed, either
            per node. Noise has variance 1. --standardize scales every mechanism so that each
            continuous variable has mean 0 and variance 1, X = (f(parents) - mean + noise) /
            sd (an internally standardised SCM; exact for linear continuous models, from a
            20000-row pilot sample otherwise): neither statistic then leaks the order.
            --binary and --counts make a share of the variables 0/1 (BernoulliLogit of the
            signal) or counts (Poisson(exp(min(signal, 3)))).
            """
    )

    @Option(help: "The number of variables (X1 … XN).")
    var nodes: Int

    @Option(help: "Graph family: er (Erdős–Rényi) or sf (scale-free).")
    var graph: RandomModelSpecification.GraphFamily = .erdosRenyi

    @Option(parsing: .unconditional, help: "Expected number of neighbours of a node.")
    var degree = GenerationDefaults.expectedDegree

    @Option(help: "Mechanisms: linear, nonlinear or mixed.")
    var mechanism: RandomModelSpecification.MechanismFamily = .linear

    @Option(help: "Additive noise: gaussian, laplace, uniform or mixed.")
    var noise: RandomModelSpecification.NoiseFamily = .gaussian

    @Flag(help: "Standardise the mechanisms so that marginal variance and R² do not leak the causal order.")
    var standardize = false

    @Option(parsing: .unconditional, help: ArgumentHelp("The share of variables that are 0/1.", valueName: "FRACTION"))
    var binary = 0.0

    @Option(parsing: .unconditional, help: ArgumentHelp("The share of variables that are counts.", valueName: "FRACTION"))
    var counts = 0.0

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Prefix of the files written.", valueName: "PREFIX"))
    var output: String

    @Option(parsing: .unconditional, help: "Rows of the sample written to PREFIX.csv (none when absent).")
    var rows: Int?

    /// The specification the options describe.
    var specification: RandomModelSpecification {
        var s = RandomModelSpecification(nodes: nodes)
        s.graph = graph
        s.expectedDegree = degree
        s.mechanism = mechanism
        s.noise = noise
        s.standardize = standardize
        s.binaryFraction = binary
        s.countFraction = counts
        return s
    }

    func validate() throws {
        if let violation = specification.violation { throw ValidationError(violation) }
        if let rows, rows < 0 { throw ValidationError("--rows must not be negative (got \(rows))") }
        guard !output.isEmpty else { throw ValidationError("--output must name a prefix") }
    }

    func run() throws {
        try reportingErrors {
            let generated = try RandomModel(specification, seed: runOptions.seed)
            var options = SamplingOptions()
            if let threads = runOptions.threads { options.threads = threads }
            let statisticsRows = min(rows ?? GenerationDefaults.statisticsRows, GenerationDefaults.statisticsRows)
            let sample = try generated.model.sample(rows: statisticsRows, seed: runOptions.seed, options: options)
            let statistics = try generated.sortability(of: sample)
            let files = [try OutputFile(path: output + ".scm"), try OutputFile(path: output + ".graph.csv"),
                         try OutputFile(path: output + ".json")]
            try files[0].write(generated.modelFileText)
            try files[1].write(generated.adjacencyCSV)
            try files[2].write(generated.summaryJSON(statistics: statistics, sampleRows: rows).rendered() + "\n")
            var data: OutputFile?
            if let rows {
                let file = try OutputFile(path: output + ".csv")
                let progress = ProgressLine("sampling")
                options.progress = { progress.update($0, $1) }
                try generated.model.writeSampleCSV(rows: rows, seed: runOptions.seed, to: file, options: options)
                progress.finish()
                data = file
            }
            try OutputFile.commit([data] + files)
            let format = { (x: Double?) in x.map { NumberFormatting.significant($0, digits: 3) } ?? "none (no edges)" }
            try printOut("""
                \(nodes) variables, \(generated.dag.edgeCount) edges; varsortability \(format(statistics.varsortability)), \
                R²-sortability \(format(statistics.r2Sortability)) (on \(statistics.rows) rows)
                wrote \(output).scm, \(output).graph.csv, \(output).json\(rows != nil ? ", \(output).csv" : "")

                """)
        }
    }
}

extension RandomModelSpecification.GraphFamily: ExpressibleByArgument {}
extension RandomModelSpecification.MechanismFamily: ExpressibleByArgument {}
extension RandomModelSpecification.NoiseFamily: ExpressibleByArgument {}
