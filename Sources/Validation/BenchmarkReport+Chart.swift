import Reporting
import Plotting

extension BenchmarkReport {
    /// The picture of the benchmark: one row per estimator with its mean estimate, its
    /// mean confidence interval (the averages of the replications' interval ends), the
    /// middle 95% of its estimates over replications, and the truth of its estimand.
    /// `title` names the model.
    public func chart(title: String? = nil) -> IntervalChart {
        let rows = estimators.map { p in
            IntervalChart.Row(label: p.name, estimate: p.meanEstimate, lower: p.meanInterval.lower, upper: p.meanInterval.upper,
                              spread: p.middleOfEstimates, reference: p.truth?.value,
                              note: p.estimand.map { "\($0.rawValue)" + (p.isBiased ? ", biased" : "") })
        }
        let level = NumberFormatting.significant(100 * self.level)
        return IntervalChart(
            title: "Estimates of the effect of \(design.treatment) on \(design.outcome)" + (title.map { " (\($0))" } ?? "")
                + ": \(NumberFormatting.count(replications, "replication")) of \(NumberFormatting.count(self.rows, "row"))",
            axisLabel: "effect of \(design.treatment) on \(design.outcome)",
            rows: rows,
            legend: ("mean estimate", "mean \(level)% interval", "middle 95% of estimates", "truth of its estimand"),
            missingText: "failed in every replication")
    }
}

extension BenchmarkReport {
    /// The chart (`chart(title:)`) as SVG text.
    public func svg(title: String? = nil, width: Double = 900) -> String {
        chart(title: title).svg(width: width)
    }
}
