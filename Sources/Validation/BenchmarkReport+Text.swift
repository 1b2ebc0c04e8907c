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
        lines.append("\(NumberFormat.count(replications, "replication")) of \(NumberFormat.count(rows, "row")) (seed \(seed)); "
            + "truth from \(truth.units) Monte Carlo units; \(NumberFormat.significant(100 * level))% intervals; "
            + "\(NumberFormat.seconds(seconds)) s")
        lines.append("")
        lines.append("Roles")
        lines += design.explanation.map { "  " + $0 }
        lines.append("")
        lines.append("Truth" + (truth.isConstantEffect ? " (exact: every unit's effect Y(1) − Y(0) is the same)" : ""))
        lines += NumberFormat.table(["estimand", "value", "Monte Carlo SE"], truthRows.map { row in
            [row.label, NumberFormat.significant(row.value.value, digits: 6),
             row.value.isExact ? "exact" : NumberFormat.significant(row.value.standardError, digits: 2)]
        })
        lines += truth.notes.map { "  note: " + $0 }
        lines.append("")
        lines.append("Estimators (each against the truth of its own estimand)")
        lines += NumberFormat.table(
            ["estimator", "estimand", "truth", "mean", "bias", "RMSE", "coverage", "mean SE", "SD", "seconds", "failed"],
            estimators.map { p in
                [p.name, p.estimand?.rawValue ?? "—", NumberFormat.significant(p.truth?.value),
                 NumberFormat.significant(p.meanEstimate), NumberFormat.significant(p.bias) + (p.isBiased ? " *" : ""),
                 NumberFormat.significant(p.rmse), NumberFormat.percent(p.coverage),
                 NumberFormat.significant(p.meanStandardError), NumberFormat.significant(p.standardDeviation),
                 NumberFormat.seconds(p.meanSeconds), p.failures == 0 ? "" : "\(p.failures)"]
            })
        if estimators.contains(where: \.isBiased) {
            lines.append("  * biased here: the bias exceeds its Monte Carlo error (two-sided test at "
            + "\(NumberFormat.significant(100 * EstimatorPerformance.biasFlagProbability))%, Student's t with R − 1 degrees of freedom)")
        }
        lines += estimatorNotes()
        lines += conditionalLines()
        let warned = estimators.filter { !$0.warnings.isEmpty }
        if !warned.isEmpty {
            lines.append("")
            lines.append("Warnings")
            for p in warned {
                for w in p.warnings {
                    lines.append("  \(p.name): \(w.example) (\(w.replications) of \(NumberFormat.count(p.runs, "replication")))")
                }
            }
        }
        let failed = estimators.filter { $0.failures > 0 }
        if !failed.isEmpty {
            lines.append("")
            lines.append("Failures")
            for p in failed {
                let first = p.firstFailureReplication.map {
                    ", first in replication \($0) (sample seed \(Benchmark.sampleSeed(seed, replication: $0 - 1)))"
                } ?? ""
                lines.append("  \(p.name): failed in \(p.failures) of \(NumberFormat.count(p.runs, "replication"))\(first): "
                    + (p.firstFailure ?? ""))
            }
        }
        if !notApplicable.isEmpty {
            lines.append("")
            lines.append("Not run")
            let width = notApplicable.map(\.name.count).max() ?? 0
            for (name, reason) in notApplicable {
                lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + reason)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines under the estimator table: what the flag, coverage, mean SE, SD and
    /// seconds mean, with the coverage's own Monte Carlo error, and which estimators'
    /// intervals come from bootstrap resamples.
    private func estimatorNotes() -> [String] {
        let nominal = NumberFormat.significant(100 * level)
        let spread = NumberFormat.significant(100 * (level * (1 - level) / Double(replications)).squareRoot(), digits: 2)
        var lines = [
            "  coverage: the share of replications whose interval holds the truth; over "
                + "\(NumberFormat.count(replications, "replication")) it is known to about ±\(spread) points "
                + "(binomial SE at the nominal \(nominal)%)",
            "  mean SE is the average reported standard error; SD the spread of the estimates it should match",
            "  seconds: the mean time of one estimate",
        ]
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
            let value = NumberFormat.significant(ate.value, digits: 6)
            lines.append("Conditional effects: every unit's effect is \(value), so the true CATE is \(value) in each of the "
                + "\(binned.bins.count) bins of \(binned.covariate)")
        } else {
            lines.append("Conditional effects by \(binned.bins.count) bins of \(binned.covariate)")
            let binRows = binned.bins.map { b in
                [NumberFormat.significant(b.lower), NumberFormat.significant(b.upper), NumberFormat.percent(b.share),
                 NumberFormat.significant(b.truth.value, digits: 5),
                 b.truth.isExact ? "exact" : NumberFormat.significant(b.truth.standardError, digits: 2)]
            }
            lines += NumberFormat.table(["\(binned.covariate) from", "to", "share", "true CATE", "Monte Carlo SE"], binRows,
                                        leftAligned: 0)
        }
        guard !scored.isEmpty else { return lines }
        lines.append("")
        lines.append("CATE error of the estimators that predict unit-level effects (root mean square over replications)")
        lines += NumberFormat.table(["estimator", "by bins", "unit level (PEHE)"], scored.map { p in
            [p.name, NumberFormat.significant(p.binnedCATEError), NumberFormat.significant(p.unitEffectError)]
        })
        lines.append("  by bins: the error of the mean prediction in each bin against the true CATE there, weighted by the bins' shares")
        lines.append("  unit level: against each unit's own Y(1) − Y(0), which also holds the part of the effect the covariates cannot predict")
        return lines
    }
}
