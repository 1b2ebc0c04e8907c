import ArgumentParser
import WhatIf

/// `whatif benchmark`: every applicable estimator on R samples of a model, against its truth.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Run the estimators on many samples of a model and score them against the model's true effects.",
        discussion: """
            MODEL is a catalog name (see `whatif models`) or a path to a .scm or .bif file. The roles come \
            from the model: covariates from a minimal back-door set (or, when none exists, every \
            observed variable the treatment does not cause), an instrument from the graph, a sharp \
            discontinuity from a treatment equation such as `T = X >= 70`, a fuzzy one from a \
            mechanism such as `T ~ Bernoulli(0.2 + 0.6 * (X >= 70))`, a 2×2 difference in \
            differences from `T = G * P`. The truth (ATE, ATT, ATU, LATE, the effect or the LATE at \
            the cutoff, the variance-weighted effect, the CATE by bins of the first covariate) comes from \
            potential outcomes of a large Monte Carlo sample. Each estimator is judged against the \
            truth of its own estimand: mean estimate, bias, RMSE, coverage of its intervals, seconds.
            MODEL may be a folder of posterior draws (whatif fit --draws K; then give --treatment \
            and --outcome, or --mediation): the replications are split evenly across the draws, each estimate is \
            judged against its own draw's truth, and each truth is shown as a posterior interval.
            Without --treatment and --outcome, the effect the model file states in a comment line \
            `# true effect of X on Y: value` is used (catalog models and files alike).
            With --mediation T:M:Y the product-of-coefficients, VanderWeele regression and \
            simulation (Imai, Keele & Tingley) estimators of the natural direct and indirect effects \
            are scored against the model's exact ones, adjusting for the variables T does not cause.
            An error names the replication that met it and its sample seed: `whatif sample MODEL \
            --rows N --seed SEED` draws the same rows.
            """)

    @Argument(help: "A catalog model name or a path to a .scm or .bif file.")
    var model: String

    @Option(help: "The treatment variable (default: the one the model file states).")
    var treatment: String?

    @Option(help: "The outcome variable (default: the one the model file states).")
    var outcome: String?

    @Option(parsing: .unconditional, help: "Rows in each replication's sample.")
    var rows: Int

    @Option(parsing: .unconditional, help: "Independent replications.")
    var replications: Int

    @Option(help: ArgumentHelp("Score the mediation estimators against the natural direct and indirect effects of T "
                               + "(0 → 1) on Y through M instead.", valueName: "T:M:Y"))
    var mediation: String?

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Only these estimators, comma-separated (default: every applicable one): "
                               + EstimatorCatalog.standard().map(\.name).joined(separator: ", ") + "; with --mediation: "
                               + MediationEstimators.standard.map(\.name).joined(separator: ", ") + ".", valueName: "a,b,…"))
    var estimators: String?

    @Option(parsing: .unconditional, help: "Bootstrap resamples of the bootstrap-based estimators (the meta-learners).")
    var bootstrap = BenchmarkOptions.defaultBootstrapReplications

    @Option(name: .customLong("truth-units"), parsing: .unconditional, help: "Monte Carlo units for the true values.")
    var truthUnits = BenchmarkOptions.defaultTruthUnits

    @Option(parsing: .unconditional, help: "Confidence level of the intervals.")
    var level = 0.95

    @Option(help: ArgumentHelp("Write the results as JSON to this file.", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Draw the estimates and intervals against the truth to this SVG file.", valueName: "FILE.svg"))
    var plot: String?

    func validate() throws {
        try namingOptions { try options().validate() }
        try requireDistinctOutputs([("--json", json), ("--plot", plot), ("the table on standard output", tableOutput)])
    }

    func run() throws {
        try reportingErrors {
            if mediation != nil { return try runMediation() }
            if PosteriorDraws.isFolder(model) { return try runOverDraws(try PosteriorDraws(folder: model)) }
            let (entry, scm) = try loadModel(model)
            let (treatment, outcome) = try entry.effectVariables(treatment: treatment, outcome: outcome, in: scm)
            let progress = ProgressLine("replications")
            // Opened before the replications, so that a bad path fails at once.
            let jsonFile = try json.map { try OutputFile(path: $0) }
            let plotFile = try plot.map { try OutputFile(path: $0) }
            let report = try namingOptions {
                try Benchmark(model: scm, treatment: treatment, outcome: outcome,
                              options: options(progress: { progress.update($0, $1) })).run()
            }
            progress.finish()
            try jsonFile?.write(report.jsonText(model: entry.name))
            try plotFile?.write(report.svg(title: entry.name))
            try OutputFile.commit([jsonFile, plotFile])
            let note = entry.statedEffectNote(treatment: treatment, outcome: outcome, truth: report.truth.ate?.value,
                                              standardError: report.truth.ate?.standardError ?? 0).map { "\n" + $0 } ?? ""
            if tableOutput != nil { try printOut(report.text(title: entry.name) + note) }
        }
    }

    /// The benchmark the options ask for.
    func options(progress: (@Sendable (Int, Int) -> Void)? = nil) -> BenchmarkOptions {
        var options = BenchmarkOptions(rows: rows, replications: replications, seed: runOptions.seed, truthUnits: truthUnits,
                                       estimators: estimatorNames(), bootstrapReplications: bootstrap, level: level,
                                       progress: progress)
        if let threads = runOptions.threads { options.threads = threads }
        return options
    }

    /// Where the table goes: standard output, unless --json or --plot writes its document there.
    var tableOutput: String? { json == "-" || plot == "-" ? nil : "-" }

    /// The names given to --estimators, split at commas and trimmed, or nil for all
    /// (the benchmark rejects empty names and duplicates, naming them).
    private func estimatorNames() -> [String]? {
        estimators.map { list in
            list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}
