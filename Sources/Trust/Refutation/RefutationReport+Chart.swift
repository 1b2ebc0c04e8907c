import Plotting
import Reporting

extension RefutationReport {
    /// The picture of the refutation: the original estimate with its interval, then one row
    /// per refuter with the mean new estimate, its interval, the range of the new estimates
    /// and what was expected (0, or the original estimate), noted passed or ALARM.
    public func chart() -> IntervalChart {
        var rows = [IntervalChart.Row(label: "original (\(estimator))", estimate: original.value, lower: original.interval.lower,
                                      upper: original.interval.upper, note: "as estimated")]
        for r in refutations {
            let range = (r.estimates.min() ?? r.newEstimate)...(r.estimates.max() ?? r.newEstimate)
            rows.append(IntervalChart.Row(label: r.kind.rawValue, estimate: r.newEstimate, lower: r.lower, upper: r.upper, spread: range,
                                          reference: r.expected,
                                          note: (r.alarm ? "ALARM" : "passed") + ", p = " + NumberFormatting.probability(r.pValue)))
        }
        return IntervalChart(title: "Refutation of the effect of \(treatment) on \(outcome) (\(estimator), "
                                 + "\(NumberFormatting.count(simulations, "simulation")) per refuter)",
                             axisLabel: "effect of \(treatment) on \(outcome)", rows: rows,
                             legend: ("estimate (mean of the new ones)", "interval", "range of the new estimates", "expected"))
    }

    /// The chart as SVG text.
    public func svg() -> String { chart().svg() }
}
