/// The three-panel picture of an impact analysis that analysts know from R
/// CausalImpact: (1) the observed response with the counterfactual prediction
/// and its interval band; (2) the pointwise effect, observed − predicted, with
/// its band; (3) the cumulative effect with its band. A dashed vertical line
/// marks the intervention, between the last pre-period row and the first
/// post-period row. The x axis is the row number, or the time index labels.
public struct ImpactPlot: Sendable {
    /// The observed response, one value per row (NaN where missing).
    public var actual: [Double]
    /// The counterfactual prediction and its interval.
    public var predicted: [Double], predictedLower: [Double], predictedUpper: [Double]
    /// The pointwise effect and its interval.
    public var pointEffect: [Double], pointEffectLower: [Double], pointEffectUpper: [Double]
    /// The cumulative effect and its interval.
    public var cumulativeEffect: [Double], cumulativeEffectLower: [Double], cumulativeEffectUpper: [Double]
    /// The 1-based row where the post-period starts.
    public var postStartRow: Int
    /// The name of the response, for the first panel's title.
    public var responseName: String
    /// The interval level as shown in the legend, e.g. "95%".
    public var intervalLevel: String
    /// Labels for the rows (a time index such as dates); nil labels the axis with row numbers.
    public var rowLabels: [String]?

    /// A plot of the given series; all series have one value per row of the data.
    public init(actual: [Double], predicted: [Double], predictedLower: [Double], predictedUpper: [Double],
                pointEffect: [Double], pointEffectLower: [Double], pointEffectUpper: [Double],
                cumulativeEffect: [Double], cumulativeEffectLower: [Double], cumulativeEffectUpper: [Double],
                postStartRow: Int, responseName: String, intervalLevel: String, rowLabels: [String]? = nil) {
        self.actual = actual
        self.predicted = predicted
        self.predictedLower = predictedLower
        self.predictedUpper = predictedUpper
        self.pointEffect = pointEffect
        self.pointEffectLower = pointEffectLower
        self.pointEffectUpper = pointEffectUpper
        self.cumulativeEffect = cumulativeEffect
        self.cumulativeEffectLower = cumulativeEffectLower
        self.cumulativeEffectUpper = cumulativeEffectUpper
        self.postStartRow = postStartRow
        self.responseName = responseName
        self.intervalLevel = intervalLevel
        self.rowLabels = rowLabels
    }

    /// Colours and strokes of the impact plot.
    public enum Palette {
        /// The interval bands: a light steel blue.
        public static let band = "#a6c4ea"
        /// The counterfactual and effect lines: dashed dark blue.
        public static let estimate = Stroke(color: "#1f3f8f", width: 1.6, dash: [5, 3])
        /// The observed response: solid near-black.
        public static let observed = Stroke(color: "#111111", width: 1.5)
        /// The zero line of the effect panels.
        public static let zero = Stroke(color: "#8c8c8c", width: 1.2)
        /// The intervention marker.
        public static let intervention = Stroke(color: "#7a7a7a", width: 1.3, dash: [6, 4])
    }

    /// The plot as SVG text. Long series (under 3 pixels per point) get thin solid lines,
    /// since dashes would blur into noise.
    public func svg(width: Double = 900, height: Double = 720) -> String {
        let x = actual.indices.map { Double($0 + 1) }
        let dense = Double(actual.count) * 3 > width
        let estimate = dense ? Stroke(color: "#2a5bd7", width: 1) : Palette.estimate
        let observed = dense ? Stroke(color: Palette.observed.color, width: 1) : Palette.observed
        let marker = LineChart.Layer.verticalRule(Double(postStartRow) - 0.5, Palette.intervention)
        let bandOpacity = 0.75
        let original = LineChart(
            title: "Observed '\(responseName)' and the counterfactual prediction",
            layers: [.band(lower: predictedLower, upper: predictedUpper, fill: Palette.band, opacity: bandOpacity),
                     marker, .line(predicted, estimate), .line(actual, observed)],
            legend: [LegendEntry(.line(observed), "observed"),
                     LegendEntry(.line(estimate), "counterfactual"),
                     LegendEntry(.fill(Palette.band, opacity: bandOpacity), "\(intervalLevel) interval")])
        let pointwise = LineChart(
            title: "Pointwise effect (observed − predicted)",
            layers: [.band(lower: pointEffectLower, upper: pointEffectUpper, fill: Palette.band, opacity: bandOpacity),
                     .horizontalRule(0, Palette.zero), marker, .line(pointEffect, estimate)])
        let cumulative = LineChart(
            title: "Cumulative effect",
            layers: [.band(lower: cumulativeEffectLower, upper: cumulativeEffectUpper, fill: Palette.band,
                           opacity: bandOpacity),
                     .horizontalRule(0, Palette.zero), marker, .line(cumulativeEffect, estimate)])
        var stack = ChartStack(x: x, panels: [original, pointwise, cumulative])
        if let rowLabels {
            stack.xLabel = { value in
                let row = Int(value.rounded())
                return value == value.rounded() && row >= 1 && row <= rowLabels.count ? rowLabels[row - 1] : ""
            }
        }
        return stack.svg(width: width, height: height)
    }
}
