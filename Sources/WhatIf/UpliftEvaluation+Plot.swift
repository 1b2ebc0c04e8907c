import Estimators
import Plotting
import Reporting

extension UpliftEvaluation {
    /// Points on the shared x axis of the picture: the share of units targeted, in percent.
    static let plotPoints = 501

    /// The picture of the evaluation: the Qini and the uplift curve of the score against
    /// the random line and the best curve, with the oracle's (the ranking by the true
    /// effect) when known, and then a third panel of true gain curves. Curves are drawn
    /// over the share of units targeted, each interpolated linearly between its points
    /// (the trapezoids its area is made of). `score` names the score.
    public func plot(score: String = "score") -> ChartStack {
        let n = Double(units)
        let grid = (0..<Self.plotPoints).map { n * Double($0) / Double(Self.plotPoints - 1) }
        func line(_ curve: UpliftCurve) -> [Double] { grid.map { Self.interpolate(curve, at: $0) } }
        func random(_ curve: UpliftCurve) -> [Double] { grid.map { $0 / n * (curve.y.last ?? 0) } }
        let modelStroke = Stroke(color: "#1f3f8f", width: 1.8)
        let oracleStroke = Stroke(color: "#d62728", width: 1.5)
        let bestStroke = Stroke(color: "#7a7a7a", width: 1.2, dash: [5, 3])
        let randomStroke = Stroke(color: "#8c8c8c", width: 1.2)
        func panel(_ title: String, _ curve: UpliftCurve, oracle: UpliftCurve?, best: UpliftCurve?) -> LineChart {
            var layers: [LineChart.Layer] = [.line(random(curve), randomStroke)]
            var legend = [LegendEntry(.line(modelStroke), score)]
            if let best {
                layers.append(.line(line(best), bestStroke))
                legend.append(LegendEntry(.line(bestStroke), "best possible"))
            }
            if let oracle {
                layers.append(.line(line(oracle), oracleStroke))
                legend.append(LegendEntry(.line(oracleStroke), "oracle (true effect)"))
            }
            layers.append(.line(line(curve), modelStroke))
            legend.append(LegendEntry(.line(randomStroke), "random"))
            return LineChart(title: title, layers: layers, legend: legend)
        }
        var panels = [
            panel("Qini curve (incremental outcome, treated scale)", model.qini, oracle: oracle?.qini, best: perfectQini),
            panel("Uplift curve (difference in means × units targeted)", model.uplift, oracle: oracle?.uplift, best: perfectUplift),
        ]
        if let trueGain {
            panels.append(panel("True gain (sum of the true effects of the units targeted)", trueGain.model,
                                oracle: trueGain.oracle, best: nil))
        }
        var stack = ChartStack(x: grid, panels: panels)
        stack.xLabel = { value in NumberFormatting.significant(100 * value / n, digits: 3) + "%" }
        return stack
    }

    /// The curve's value at x, linear between its points.
    static func interpolate(_ curve: UpliftCurve, at x: Double) -> Double {
        var low = 0, high = curve.x.count - 1
        guard high > 0, x < curve.x[high] else { return curve.y.last ?? 0 }
        while high - low > 1 {
            let middle = (low + high) / 2
            if curve.x[middle] <= x { low = middle } else { high = middle }
        }
        let span = curve.x[high] - curve.x[low]
        return span > 0 ? curve.y[low] + (x - curve.x[low]) / span * (curve.y[high] - curve.y[low]) : curve.y[high]
    }
}
