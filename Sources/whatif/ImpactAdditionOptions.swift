import ArgumentParser
import Foundation
import WhatIf

/// The options of `whatif impact` beyond R CausalImpact's: the placebo backtest and the
/// treatment of a stock response.
struct ImpactAdditionOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Refit at K placebo dates inside the pre-period, with windows of the post-period's length: "
                               + "report the false-positive rate and intervals calibrated by the placebo errors.",
                               valueName: "K"))
    var placebo: Int?

    @Option(parsing: .unconditional, help: "Worker threads of the backtest (default: one per core). Results do not depend on it.")
    var threads: Int?

    @Flag(help: "The response is a stock (a level, price or rate): no cumulative figures.")
    var stock = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if let placebo, placebo < 1 { throw ValidationError("--placebo must be at least 1 (got \(placebo))") }
    }

    /// The additions the options ask for, computed for `outcome` of `specification` on `table`.
    func additions(table: Table, specification: ImpactSpecification, outcome: ImpactOutcome) throws -> ImpactAdditions {
        var additions = ImpactAdditions()
        additions.stock = stock
        if let placebo, outcome.result != nil {
            let progress = ProgressLine("placebo windows")
            additions.placebo = try PlaceboBacktest.run(
                table: table, specification: specification, windows: placebo,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, progress: { progress.update($0, $1) })
            progress.finish()
        }
        return additions
    }

    /// The text printed under the summary for `additions`.
    func text(_ additions: ImpactAdditions, result: ImpactResult?) -> String {
        guard let result, let placebo = additions.placebo else { return "" }
        return "\n" + PlaceboTable.text(of: placebo, result: result, cumulative: !stock)
    }
}
