import Reporting

extension EstimatorPerformance {
    /// The headers of `summaryCells`.
    static let summaryHeaders = ["mean", "bias", "RMSE", "coverage", "mean SE", "SD", "SE/SD", "seconds", "failed", "verdict"]

    /// The cells of the estimator's row in a report table: mean estimate, bias (starred
    /// when biased), RMSE, coverage, mean SE, SD of the estimates, their ratio, seconds,
    /// failures and the verdict at confidence level `level`.
    func summaryCells(level: Double) -> [String] {
        [NumberFormatting.significant(meanEstimate), NumberFormatting.significant(bias) + (isBiased ? " *" : ""),
         NumberFormatting.significant(rmse), NumberFormatting.percent(coverage), NumberFormatting.significant(meanStandardError),
         NumberFormatting.significant(standardDeviation), NumberFormatting.significant(standardErrorRatio, digits: 2),
         NumberFormatting.seconds(meanSeconds), failures == 0 ? "" : "\(failures)", verdictText(level: level)]
    }

    /// The lines under a table of `summaryCells`: what coverage, mean SE, SD and seconds
    /// mean, with the coverage's own Monte Carlo error over the replications.
    static func tableNotes(replications: Int, level: Double) -> [String] {
        let nominal = NumberFormatting.significant(100 * level)
        let spread = NumberFormatting.significant(100 * (level * (1 - level) / Double(replications)).squareRoot(), digits: 2)
        return [
            "  coverage: the share of replications whose interval holds the truth; over "
                + "\(NumberFormatting.count(replications, "replication")) it is known to about ±\(spread) points "
                + "(binomial SE at the nominal \(nominal)%)",
            "  mean SE is the average reported standard error; SD the spread of the estimates it should match",
            "  verdict: biased (the * above); under-covers (coverage more than two binomial SEs below \(nominal)%); "
                + "intervals too narrow or too wide (SE/SD off 1 by more than 0.2, or by two relative SEs of an SD over "
                + "\(NumberFormatting.count(replications, "replication")) if that is more); fine otherwise",
            "  seconds: the mean time of one estimate",
        ]
    }

    /// The "Warnings" and "Failures" sections of a report (each only when non-empty):
    /// every warning kind with the replications that raised it, every failing estimator
    /// with its first failing replication and that replication's sample seed (`sampleSeed`
    /// of the 1-based replication).
    static func warningAndFailureLines(_ estimators: [EstimatorPerformance], sampleSeed: (Int) -> UInt64) -> [String] {
        var lines: [String] = []
        let warned = estimators.filter { !$0.warnings.isEmpty }
        if !warned.isEmpty {
            lines += ["", "Warnings"]
            for p in warned {
                for w in p.warnings {
                    lines.append("  \(p.name): \(w.example) (\(w.replications) of \(NumberFormatting.count(p.runs, "replication")))")
                }
            }
        }
        let failed = estimators.filter { $0.failures > 0 }
        if !failed.isEmpty {
            lines += ["", "Failures"]
            for p in failed {
                let first = p.firstFailureReplication.map { ", first in replication \($0) (sample seed \(sampleSeed($0)))" } ?? ""
                lines.append("  \(p.name): failed in \(p.failures) of \(NumberFormatting.count(p.runs, "replication"))\(first): "
                    + (p.firstFailure ?? ""))
            }
        }
        return lines
    }
}
