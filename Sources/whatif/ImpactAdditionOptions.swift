import ArgumentParser
import Foundation
import WhatIf

/// The options of `whatif impact` beyond R CausalImpact's: the placebo backtest, the
/// posterior draws, windows and threshold, and the treatment of a stock response.
struct ImpactAdditionOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Refit at K placebo dates inside the pre-period, with windows of the post-period's length: "
                               + "report the false-positive rate and intervals calibrated by the placebo errors.",
                               valueName: "K"))
    var placebo: Int?

    @Option(name: .customLong("power-plot"),
            help: ArgumentHelp("With --placebo, draw the power against the injected lift to this SVG file.",
                               valueName: "FILE.svg"))
    var powerPlot: String?

    @Flag(name: .customLong("check-covariates"),
          help: "Analyse each covariate as the response and warn when it moved at the intervention itself.")
    var checkCovariates = false

    @Option(name: .customLong("covariate-plot"),
            help: ArgumentHelp("Draw the covariates' inclusion probabilities and coefficients to this SVG file.",
                               valueName: "FILE.svg"))
    var covariatePlot: String?

    @Option(name: .customLong("expected-model-size"), parsing: .unconditional,
            help: ArgumentHelp("The prior's expected number of included covariates (default: 3, or 1 with --model-priors bsts).",
                               valueName: "M"))
    var expectedModelSize: Double?

    @Option(parsing: .unconditional, help: "Worker threads of the placebo backtest and of --by's series (default: one per core). Results do not depend on it.")
    var threads: Int?

    @Flag(help: "The response is a stock (a level, price or rate): no cumulative figures.")
    var stock = false

    @Option(help: ArgumentHelp("Write the posterior draws of the pointwise effect to this CSV file: one line per draw, "
                               + "one column per post-period time point.", valueName: "FILE.csv"))
    var draws: String?

    @Option(parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Also summarise the effect over this part of the post-period (repeatable).",
                               valueName: "START:END"))
    var window: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Also give P(average effect > X).", valueName: "X"))
    var threshold: Double?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if let placebo, placebo < 1 { throw ValidationError("--placebo must be at least 1 (got \(placebo))") }
        if powerPlot != nil, placebo == nil { throw ValidationError("--power-plot needs --placebo K: the power comes from the placebo windows") }
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number (got \(threshold))") }
    }

    /// The additions the options ask for, computed for `outcome` of `specification` on `table`.
    /// `nested`: one series of `--by`, which already keeps every core busy, so its placebo
    /// refits run one at a time and show no progress line of their own.
    func additions(table: Table, specification: ImpactSpecification, outcome: ImpactOutcome,
                   nested: Bool = false) throws -> ImpactAdditions {
        var additions = ImpactAdditions()
        additions.stock = stock
        additions.inclusionProbabilities = checkCovariates || covariatePlot != nil || expectedModelSize != nil
        if let result = outcome.result {
            additions.misuse = MisuseChecks.warnings(for: result, autoregressive: specification.model.autoregressiveOrder > 0)
        }
        if checkCovariates, outcome.result != nil {
            additions.covariateShifts = try CovariateShift.check(table: table, specification: specification)
            additions.misuse += additions.covariateShifts.compactMap(\.warning)
        }
        additions.threshold = threshold
        if let result = outcome.result { additions.windows = try window.map { try EffectWindow(parsing: $0, result: result) } }
        if let placebo, outcome.result != nil {
            let progress = nested ? nil : ProgressLine("placebo windows")
            var report: (@Sendable (Int, Int) -> Void)?
            if let progress { report = { done, total in progress.update(done, total) } }
            let workers = nested ? 1 : threads ?? ProcessInfo.processInfo.activeProcessorCount
            additions.placebo = try PlaceboBacktest.run(table: table, specification: specification, windows: placebo,
                                                        threads: workers, progress: report)
            progress?.finish()
            if let placebo = additions.placebo, let result = outcome.result {
                additions.power = PlaceboPower(backtest: placebo, baseline: result.summary.average.predicted.mean)
            }
        }
        return additions
    }

    /// The text printed under the summary for `additions`.
    func text(_ additions: ImpactAdditions, result: ImpactResult?) -> String {
        result.map { ImpactAdditionsTable.text(of: additions, result: $0) } ?? ""
    }

    /// The CSV of the pointwise effect draws (`--draws`), columns named by the time index or row numbers.
    func drawsCSV(_ outcome: ImpactOutcome) -> [UInt8]? {
        guard let result = outcome.result, let draws = result.effectDraws else { return nil }
        let labels = result.data.timeIndex?.labels ?? (1...result.data.rowCount).map(String.init)
        return draws.csv(labels: labels)
    }
}
