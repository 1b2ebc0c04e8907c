import Reporting
import Plotting

extension BenchmarkReport {
    /// The picture of the benchmark: one row per estimator with its mean estimate, its
    /// mean confidence interval (the averages of the replications' interval ends), the
    /// middle 95% of its estimates over replications, and the truth of its estimand.
    /// `title` names the model.
    public func chart(title: String? = nil) -> IntervalChart {
        let rows = estimators.map { $0.chartRow(note: $0.estimand.map { "\($0.rawValue)" }) }
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

extension EstimatorPerformance {
    /// The estimator's row of an interval chart: its mean estimate and mean interval, the
    /// middle 95% of its estimates and the truth, `note` (and "biased" when it is) beside it.
    func chartRow(note: String?) -> IntervalChart.Row {
        let flag = isBiased ? "biased" : nil
        return IntervalChart.Row(label: name, estimate: meanEstimate, lower: meanInterval.lower, upper: meanInterval.upper,
                                 spread: middleOfEstimates, reference: truth?.value,
                                 note: [note, flag].compactMap { $0 }.joined(separator: ", ").nilIfEmpty)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
