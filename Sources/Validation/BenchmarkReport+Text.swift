import Reporting
import Estimators

extension BenchmarkReport {
    /// The report in plain words: what was run, the roles and why, the truth, one
    /// aligned row per estimator (its estimand and that estimand's truth, mean
    /// estimate, bias, RMSE, coverage, mean SE against the spread of the estimates,
    /// seconds, failures) with notes on reading it, the CATE by bins, warnings,
    /// failures (with the first failing replication and its sample seed) and what did not run.
    /// `title` names the model.
    public func text(title: String? = nil) -> String {
        var lines: [String] = []
        let t = design.treatment, y = design.outcome
        lines.append("Benchmark: the effect of \(t) on \(y)" + (title.map { " in \($0)" } ?? ""))
        lines.append("\(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(rows, "row")) (seed \(seed)); "
            + "truth from \(truth.units) Monte Carlo units; \(NumberFormatting.significant(100 * level))% intervals; "
            + "\(NumberFormatting.seconds(seconds)) s")
        lines.append("")
        lines.append("Roles")
        lines += design.explanation.map { "  " + $0 }
        lines.append("")
        lines.append("Truth" + (truth.isConstantEffect ? " (exact: every unit's effect Y(1) − Y(0) is the same)" : ""))
        lines += Self.table(["estimand", "value", "Monte Carlo SE"], truthRows.map { row in
            [row.label, NumberFormatting.significant(row.value.value, digits: 6),
             row.value.isExact ? "exact" : NumberFormatting.significant(row.value.standardError, digits: 2)]
        })
        lines += truth.notes.map { "  note: " + $0 }
        lines.append("")
        lines.append("Estimators (each against the truth of its own estimand)")
        lines += Self.table(
            ["estimator", "estimand", "truth"] + EstimatorPerformance.summaryHeaders,
            estimators.map { p in
                [p.name, p.estimand?.rawValue ?? "—", NumberFormatting.significant(p.truth?.value)] + p.summaryCells(level: level)
            }, leftAligned: 1, lastLeftAligned: true)
        if estimators.contains(where: \.isBiased) {
            lines.append("  * biased here: the bias exceeds its Monte Carlo error (two-sided test at "
            + "\(NumberFormatting.significant(100 * EstimatorPerformance.biasFlagProbability))%, Student's t with R − 1 degrees of freedom)")
        }
        lines += estimatorNotes()
        lines += conditionalLines()
        lines += EstimatorPerformance.warningAndFailureLines(estimators) { Benchmark.sampleSeed(seed, replication: $0 - 1) }
        if !notApplicable.isEmpty {
            lines.append("")
            lines.append("Not run")
            lines += TextTable(rows: notApplicable.map { [$0.name, $0.reason] }, indent: "  ").lines()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines under the estimator table: what the flag, coverage, mean SE, SD and
    /// seconds mean, with the coverage's own Monte Carlo error, and which estimators'
    /// intervals come from bootstrap resamples.
    private func estimatorNotes() -> [String] {
        var lines = EstimatorPerformance.tableNotes(replications: replications, level: level)
        let resampled = estimators.filter(\.isBootstrap).map(\.name)
        if !resampled.isEmpty {
            lines.append("  bootstrap standard errors and percentile intervals (\(bootstrapReplications) resamples): "
                + resampled.joined(separator: ", "))
        }
        return lines
    }

    /// The binned CATE truth and the CATE errors of the estimators that predict it.
    /// With a constant effect, one line replaces the table of identical bins.
    private func conditionalLines() -> [String] {
        guard let binned = truth.conditional else { return [] }
        let scored = estimators.filter { $0.binnedCATEError != nil || $0.unitEffectError != nil }
        var lines = [""]
        if truth.isConstantEffect, let ate = truth.ate {
            guard !scored.isEmpty else { return [] }
            let value = NumberFormatting.significant(ate.value, digits: 6)
            lines.append("Conditional effects: every unit's effect is \(value), so the true CATE is \(value) in each of the "
                + "\(binned.bins.count) bins of \(binned.covariate)")
        } else {
            lines.append("Conditional effects by \(binned.bins.count) bins of \(binned.covariate)")
            let binRows = binned.bins.map { b in
                [NumberFormatting.significant(b.lower), NumberFormatting.significant(b.upper), NumberFormatting.percent(b.share),
                 NumberFormatting.significant(b.truth.value, digits: 5),
                 b.truth.isExact ? "exact" : NumberFormatting.significant(b.truth.standardError, digits: 2)]
            }
            lines += Self.table(["\(binned.covariate) from", "to", "share", "true CATE", "Monte Carlo SE"], binRows,
                                leftAligned: 0)
        }
        guard !scored.isEmpty else { return lines }
        lines.append("")
        lines.append("CATE error of the estimators that predict unit-level effects (root mean square over replications)")
        lines += Self.table(["estimator", "by bins", "unit level (PEHE)"], scored.map { p in
            [p.name, NumberFormatting.significant(p.binnedCATEError), NumberFormatting.significant(p.unitEffectError)]
        })
        lines.append("  by bins: the error of the mean prediction in each bin against the true CATE there, weighted by the bins' shares")
        lines.append("  unit level: against each unit's own Y(1) − Y(0), which also holds the part of the effect the covariates cannot predict")
        return lines
    }

    /// A table of the report: a header and rows, indented by two spaces, numbers right-aligned
    /// (and the last column left-aligned too when it holds words).
    private static func table(_ header: [String], _ rows: [[String]], leftAligned: Int = 1,
                              lastLeftAligned: Bool = false) -> [String] {
        var table = TextTable(rows: [header] + rows, leftAligned: leftAligned, indent: "  ")
        if lastLeftAligned { table.leftAlignedColumns = [header.count - 1] }
        return table.lines()
    }
}
