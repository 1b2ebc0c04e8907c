import CausalImpact
import Plotting

extension PlaceboPower {
    /// The power curves: the share of placebo windows that detect each lift with the
    /// model's and with the calibrated intervals, the target power as a dashed rule.
    public func chart() -> ChartStack {
        let model = Stroke(color: "#1f77b4", width: 2), calibrated = Stroke(color: "#d62728", width: 2)
        let panel = LineChart(
            title: "Power against the lift injected into the placebo windows",
            layers: [.line(points.map(\.power), model), .line(points.map(\.calibratedPower), calibrated),
                     .horizontalRule(0, Stroke(color: "#ffffff", width: 0)), .horizontalRule(1, Stroke(color: "#ffffff", width: 0)),
                     .horizontalRule(Self.targetPower, Stroke(color: "#7f7f7f", width: 1, dash: [6, 3]))],
            legend: [LegendEntry(.line(model), "model's intervals"), LegendEntry(.line(calibrated), "calibrated intervals")])
        return ChartStack(x: points.map(\.lift), panels: [panel])
    }

    /// The chart as SVG text.
    public func svg() -> String { chart().svg(width: 900, height: 480) }
}
