/// Labelled curves in an x–y plane with marked points: contour lines of a function of two
/// variables (each curve a level set, given as points), and points of interest on them.
///
///     let chart = ContourChart(title: "Adjusted estimate", xLabel: "R² with D", yLabel: "R² with Y",
///                              xDomain: 0...0.3, yDomain: 0...0.3,
///                              curves: [.init(points: curve, label: "0", stroke: Stroke(color: "#d62728", width: 2))],
///                              markers: [.init(x: 0.02, y: 0.03, label: "1× x1")])
///     let svg = chart.svg()
public struct ContourChart: Sendable {
    /// One labelled curve, drawn through its points in order; non-finite points break it.
    public struct Curve: Sendable {
        /// The points (x, y).
        public var points: [(x: Double, y: Double)]
        /// The label written at the curve's last point inside the plot.
        public var label: String
        /// How it is drawn.
        public var stroke: Stroke

        /// A curve from its points, label and stroke.
        public init(points: [(x: Double, y: Double)], label: String, stroke: Stroke) {
            self.points = points
            self.label = label
            self.stroke = stroke
        }
    }

    /// A marked point with a label.
    public struct Marker: Sendable, Equatable {
        /// Its position.
        public var x: Double, y: Double
        /// Its label, written to its right.
        public var label: String
        /// Its colour.
        public var color: String

        /// A marker at (x, y).
        public init(x: Double, y: Double, label: String, color: String = "#d62728") {
            self.x = x
            self.y = y
            self.label = label
            self.color = color
        }
    }

    /// The title above the plot.
    public var title: String
    /// The x axis's label (under the axis).
    public var xLabel: String
    /// The y axis's label (above the axis).
    public var yLabel: String
    /// The x values shown.
    public var xDomain: ClosedRange<Double>
    /// The y values shown.
    public var yDomain: ClosedRange<Double>
    /// The curves, in painting order.
    public var curves: [Curve]
    /// The markers, drawn over the curves.
    public var markers: [Marker]
    /// Colours, strokes and type sizes.
    public var theme = ChartTheme()

    /// A chart of `curves` and `markers` over the given domains.
    public init(title: String, xLabel: String, yLabel: String, xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>,
                curves: [Curve], markers: [Marker] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.curves = curves
        self.markers = markers
    }

    /// The chart as an SVG document of the given size.
    public func svg(width: Double = 720, height: Double = 600) -> String {
        var svg = SVGDocument(width: width, height: height)
        let frame = Frame(x: 64, y: 56, width: width - 64 - 24, height: height - 56 - 52)
        let x = LinearScale(domain: xDomain, range: frame.x...(frame.x + frame.width))
        let y = LinearScale(domain: yDomain, range: frame.y...(frame.y + frame.height), flipped: true)
        svg.drawAxes(frame: frame, x: x, y: y, ySpacing: 60, theme: theme)
        svg.beginClippedGroup(id: "contours", x: frame.x, y: frame.y, width: frame.width, height: frame.height)
        var labels: [(String, Double, Double, String)] = []
        for curve in curves {
            var run: [(Double, Double)] = []
            var lastInside: (Double, Double)?
            for p in curve.points + [(x: Double.nan, y: Double.nan)] {
                guard p.x.isFinite, p.y.isFinite else {
                    svg.polyline(run, stroke: curve.stroke)
                    run = []
                    continue
                }
                run.append((x(p.x), y(p.y)))
                if xDomain.contains(p.x), yDomain.contains(p.y) { lastInside = (x(p.x), y(p.y)) }
            }
            if let (px, py) = lastInside { labels.append((curve.label, px, py, curve.stroke.color)) }
        }
        svg.endGroup()
        var placed: [(Double, Double)] = []
        for (label, px, py, color) in labels where !placed.contains(where: { abs($0.0 - px) < 30 && abs($0.1 - py) < 12 }) {
            placed.append((px, py))
            svg.text(label, x: min(px + 4, frame.x + frame.width - 4), y: max(py - 4, frame.y + 12),
                     style: TextStyle(size: 11, color: color, anchor: px + 4 > frame.x + frame.width - 40 ? .end : .start))
        }
        for marker in markers where xDomain.contains(marker.x) && yDomain.contains(marker.y) {
            let (px, py) = (x(marker.x), y(marker.y))
            svg.polygon([(px, py - 5), (px + 5, py), (px, py + 5), (px - 5, py)], fill: marker.color)
            svg.text(marker.label, x: px + 8, y: py + 4, style: TextStyle(size: 11, color: marker.color))
        }
        svg.rectangle(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: nil, stroke: theme.border)
        svg.text(title, x: frame.x, y: 22, style: theme.title)
        svg.text(yLabel, x: frame.x, y: frame.y - 8, style: theme.legend)
        var axis = theme.legend
        axis.anchor = .middle
        svg.text(xLabel, x: frame.x + frame.width / 2, y: height - 12, style: axis)
        return svg.text()
    }
}
