import ArgumentParser
import Foundation
import ModelCatalog
import WhatIf

/// `whatif sample`: observational or interventional samples as CSV.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample units from a model, observationally or under interventions, as CSV.",
        discussion: """
            MODEL is a catalog name (see `whatif models`) or a path to a .scm or .bif file.
            Output has a header and one column per variable, in declaration order.
            The same seed gives the same bytes whatever the number of threads.

            MODEL may also be a folder of posterior draws (whatif fit --draws K): the
            rows are then split evenly across the draws, in order (draw k of K gives
            rows floor((k-1)N/K)+1 to floor(kN/K)), a sample from the posterior
            predictive distribution; --draw-column adds each row's draw number.

            Interventions (combine as many as you like, one per variable):
              --do X=1                  hard intervention do(X = 1)
              --shift X=0.5             X := f(parents, noise) + 0.5
              --mechanism "X = 2 * Z"   a new mechanism for X
              --mechanism "X ~ Bernoulli(0.3)"   a stochastic policy
            """
    )

    @Argument(help: "A catalog model name or a path to a .scm or .bif file.")
    var model: String

    @Option(help: "Number of units (rows) to sample.")
    var rows: Int

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "Interventions") var interventions: InterventionOptions

    @Option(help: ArgumentHelp("Add Y under do(T=0) and do(T=1) (columns Y_0, Y_1) from each unit's own noise, and T_propensity where T's mechanism gives it.", valueName: "T:Y"))
    var potentialOutcomes: String?

    @Option(help: ArgumentHelp("With --potential-outcomes: the treatment values t whose Y_t columns to add (default 0,1); a grid for a continuous treatment.", valueName: "T1,T2,..."))
    var treatmentValues: String?

    @Option(help: ArgumentHelp("With --potential-outcomes: write the sample's true ATE, ATT and ATU, its mean potential outcome at each treatment value, the model and the seed to this JSON file.", valueName: "FILE.json"))
    var truth: String?

    @Option(help: ArgumentHelp("Output CSV file (default: standard output).", valueName: "FILE.csv"))
    var output: String?

    @Option(help: ArgumentHelp("Start at this row of the seed's stream (1-based), to split a run into shards: shards written with --no-header after the first concatenate to the whole run.", valueName: "ROW"))
    var firstRow: Int = 1

    @Flag(help: "With a folder of posterior draws: add a last column 'draw' with each row's draw number (1-based, in file order).")
    var drawColumn = false

    @Flag(help: "Leave out the header line.")
    var noHeader = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Round numbers to this many significant digits (1 to 17; default: "
                                                        + "the shortest text that reads back exactly).", valueName: "N"))
    var digits: Int?

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must not be negative (got \(rows))") }
        guard firstRow >= 1 else { throw ValidationError("--first-row must be at least 1 (got \(firstRow))") }
        if truth != nil && potentialOutcomes == nil { throw ValidationError("--truth needs --potential-outcomes T:Y") }
        if treatmentValues != nil && potentialOutcomes == nil { throw ValidationError("--treatment-values needs --potential-outcomes T:Y") }
        try requireDistinctOutputs([("--output", output ?? "-"), ("--truth", truth)])
    }

    func run() throws {
        try reportingErrors {
            if PosteriorDraws.isFolder(model) { return try samplePosteriorPredictive(try PosteriorDraws(folder: model)) }
            guard !drawColumn else { throw ValidationError("--draw-column goes with a folder of posterior draws (whatif fit --draws)") }
            let base = try loadModel(model).model
            let (selections, design) = try selections(for: base)
            let file = try OutputFile(path: output ?? "-")
            let truthFile = try truth.map { try OutputFile(path: $0) }
            let progress = ProgressLine("sampling")
            let options = samplingOptions(progress)
            let sampleTruth = try design.flatMap { design in
                try truth.map { _ in try SampleTruth(design: design, headers: selections.flatMap(\.headers)) }
            }
            try StructuralCausalModel.writeCSV(rows: rows, seed: runOptions.seed, selections: selections, to: file,
                                               firstRow: firstRow - 1, header: !noHeader, digits: digits, options: options,
                                               observe: sampleTruth.map { $0.add })
            progress.finish()
            if let truthFile, let sampleTruth {
                try truthFile.write(sampleTruth.sidecarJSON(.init(model: model, modelText: base.description,
                                                                  interventions: interventions.arguments, seed: runOptions.seed,
                                                                  firstRow: firstRow, rows: rows)))
            }
            // The data first: a sidecar never stands without its data set.
            try OutputFile.commit([file, truthFile])
        }
    }

    /// The columns to sample from `base` under the interventions (and the potential-outcomes design, when asked).
    private func selections(for base: StructuralCausalModel) throws -> ([ColumnSelection], PotentialOutcomes?) {
        let actions = try interventions.interventions(on: base)
        let intervened = actions.isEmpty ? base : try base.intervening(actions)
        guard let potentialOutcomes else { return ([try ColumnSelection(intervened)], nil) }
        let (treatment, outcome) = try parsePair(potentialOutcomes, "--potential-outcomes")
        let design = try PotentialOutcomes(treatment: treatment, outcome: outcome,
                                           values: try treatmentValues.map(parseTreatmentValues) ?? [0, 1])
        return (try design.selections(for: intervened), design)
    }

    private func samplingOptions(_ progress: ProgressLine) -> SamplingOptions {
        var options = SamplingOptions(progress: { progress.update($0, $1) })
        if let threads = runOptions.threads { options.threads = threads }
        return options
    }

    /// Rows from the posterior predictive distribution: split evenly across the draws.
    private func samplePosteriorPredictive(_ draws: PosteriorDraws) throws {
        guard firstRow == 1 else { throw ValidationError("--first-row takes one model file: with a folder of draws the rows are split across the draws") }
        guard truth == nil else { throw ValidationError("--truth takes one model file: each draw of \(model) has its own truth") }
        let file = try OutputFile(path: output ?? "-")
        let progress = ProgressLine("sampling")
        try draws.writeCSV(rows: rows, seed: runOptions.seed, selections: { try selections(for: $0).0 }, to: file,
                           drawColumn: drawColumn, header: !noHeader, digits: digits, options: samplingOptions(progress))
        progress.finish()
        try file.commit()
    }
}
