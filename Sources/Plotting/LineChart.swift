/// A rectangle in pixels.
public struct Frame: Sendable, Equatable {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width.
    public var width: Double
    /// The height.
    public var height: Double

    /// A rectangle from its top-left corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// One entry of a chart's legend.
public struct LegendEntry: Sendable {
    /// What the swatch shows.
    public enum Swatch: Sendable {
        /// A line sample.
        case line(Stroke)
        /// A filled box.
        case fill(String, opacity: Double)
    }
    /// The swatch.
    public var swatch: Swatch
    /// The label.
    public var label: String

    /// An entry from its swatch and label.
    public init(_ swatch: Swatch, _ label: String) {
        self.swatch = swatch
        self.label = label
    }
}

/// One panel of lines and bands over a shared x axis. NaN values break lines and
/// bands, so missing data show as gaps.
public struct LineChart: Sendable {
    /// What the panel draws, in painting order.
    public enum Layer: Sendable {
        /// A filled band between two series.
        case band(lower: [Double], upper: [Double], fill: String, opacity: Double)
        /// A line through a series.
        case line([Double], Stroke)
        /// A horizontal line across the panel at a y value.
        case horizontalRule(Double, Stroke)
        /// A vertical line across the panel at an x value.
        case verticalRule(Double, Stroke)
    }

    /// The panel's title, above its top-left corner.
    public var title: String
    /// The layers.
    public var layers: [Layer]
    /// The legend, above the top-right corner.
    public var legend: [LegendEntry]

    /// A panel with a title, layers and an optional legend.
    public init(title: String, layers: [Layer], legend: [LegendEntry] = []) {
        self.title = title
        self.layers = layers
        self.legend = legend
    }

    /// Every y value the panel shows (for its y domain).
    var yValues: [Double] {
        layers.flatMap { layer -> [Double] in
            switch layer {
            case let .band(lower, upper, _, _): return lower + upper
            case let .line(y, _): return y
            case let .horizontalRule(y, _): return [y]
            case .verticalRule: return []
            }
        }
    }

    /// Draws the panel's plot area into `frame` (title and legend go in the strip above it).
    func draw(into svg: inout SVGDocument, frame: Frame, x: [Double], xScale: LinearScale, xTicks: [Double],
              id: String, theme: ChartTheme) {
        let yScale = LinearScale(domain: LinearScale.paddedDomain(yValues),
                                 range: frame.y...(frame.y + frame.height), flipped: true)
        let yTicks = yScale.ticks(count: max(3, Int(frame.height / 45)))
        svg.rectangle(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: theme.panelFill)
        for tick in xTicks {
            svg.line(x1: xScale(tick), y1: frame.y, x2: xScale(tick), y2: frame.y + frame.height, stroke: theme.grid)
        }
        for (tick, label) in zip(yTicks, LinearScale.labels(yTicks)) {
            svg.line(x1: frame.x, y1: yScale(tick), x2: frame.x + frame.width, y2: yScale(tick), stroke: theme.grid)
            svg.text(label, x: frame.x - 7, y: yScale(tick) + theme.tickLabel.size * 0.35, style: theme.tickLabel)
        }
        svg.beginClippedGroup(id: id, x: frame.x, y: frame.y, width: frame.width, height: frame.height)
        for layer in layers {
            switch layer {
            case let .band(lower, upper, fill, opacity):
                for run in LineChart.finiteRuns(x, lower, upper) {
                    let top = run.map { (xScale(x[$0]), yScale(upper[$0])) }
                    let bottom = run.reversed().map { (xScale(x[$0]), yScale(lower[$0])) }
                    if run.count == 1, let i = run.first {
                        svg.line(x1: xScale(x[i]), y1: yScale(lower[i]), x2: xScale(x[i]), y2: yScale(upper[i]),
                                 stroke: Stroke(color: fill, width: 3))
                    } else {
                        svg.polygon(top + bottom, fill: fill, opacity: opacity)
                    }
                }
            case let .line(y, stroke):
                for run in LineChart.finiteRuns(x, y, y) {
                    svg.polyline(run.map { (xScale(x[$0]), yScale(y[$0])) }, stroke: stroke)
                }
            case let .horizontalRule(y, stroke):
                svg.line(x1: frame.x, y1: yScale(y), x2: frame.x + frame.width, y2: yScale(y), stroke: stroke)
            case let .verticalRule(position, stroke):
                svg.line(x1: xScale(position), y1: frame.y, x2: xScale(position), y2: frame.y + frame.height, stroke: stroke)
            }
        }
        svg.endGroup()
        svg.rectangle(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: nil, stroke: theme.border)
        svg.text(title, x: frame.x, y: frame.y - 8, style: theme.title)
        drawLegend(into: &svg, right: frame.x + frame.width, baseline: frame.y - 8, theme: theme)
    }

    private func drawLegend(into svg: inout SVGDocument, right: Double, baseline: Double, theme: ChartTheme) {
        let swatchWidth = 22.0, swatchGap = 5.0, entryGap = 16.0
        let textWidths = legend.map { Double($0.label.count) * theme.legend.size * 0.52 }
        let total = textWidths.reduce(0, +) + Double(legend.count) * (swatchWidth + swatchGap + entryGap) - entryGap
        var left = right - total
        let middle = baseline - theme.legend.size * 0.35
        for (entry, textWidth) in zip(legend, textWidths) {
            switch entry.swatch {
            case .line(let stroke):
                svg.line(x1: left, y1: middle, x2: left + swatchWidth, y2: middle, stroke: stroke)
            case let .fill(color, opacity):
                svg.polygon([(left, middle - 5), (left + swatchWidth, middle - 5), (left + swatchWidth, middle + 5),
                             (left, middle + 5)], fill: color, opacity: opacity)
            }
            svg.text(entry.label, x: left + swatchWidth + swatchGap, y: baseline, style: theme.legend)
            left += swatchWidth + swatchGap + textWidth + entryGap
        }
    }

    /// The maximal runs of consecutive indices where x, a and b are all finite.
    static func finiteRuns(_ x: [Double], _ a: [Double], _ b: [Double]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for i in x.indices {
            if i < a.count, i < b.count, x[i].isFinite, a[i].isFinite, b[i].isFinite {
                current.append(i)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}

/// Panels stacked vertically over one shared x axis, whose tick labels sit under the last panel.
public struct ChartStack: Sendable {
    /// The x position of each data point.
    public var x: [Double]
    /// The tick label for an x tick value; nil means the number itself.
    public var xLabel: (@Sendable (Double) -> String)?
    /// The panels, top to bottom.
    public var panels: [LineChart]
    /// Colours, strokes and type sizes.
    public var theme = ChartTheme()

    /// A stack of panels over shared x positions.
    public init(x: [Double], panels: [LineChart], xLabel: (@Sendable (Double) -> String)? = nil) {
        self.x = x
        self.panels = panels
        self.xLabel = xLabel
    }

    /// The stack as an SVG document of the given size.
    public func svg(width: Double = 900, height: Double = 720) -> String {
        var svg = SVGDocument(width: width, height: height)
        let left = 64.0, right = 20.0, top = 30.0, bottom = 38.0, gap = 34.0
        let count = Double(max(1, panels.count))
        let panelHeight = (height - top - bottom - gap * (count - 1)) / count
        let xScale = LinearScale(domain: LinearScale.paddedDomain(x, fraction: 0.02), range: left...(width - right))
        let xTicks = xScale.ticks(count: max(3, Int((width - left - right) / 110)))
        for (i, panel) in panels.enumerated() {
            let frame = Frame(x: left, y: top + Double(i) * (panelHeight + gap), width: width - left - right,
                              height: panelHeight)
            panel.draw(into: &svg, frame: frame, x: x, xScale: xScale, xTicks: xTicks, id: "panel\(i)", theme: theme)
        }
        let axisY = height - bottom + theme.tickLabel.size + 6
        let labels = xLabel.map { f in xTicks.map(f) } ?? LinearScale.labels(xTicks)
        var centred = theme.tickLabel
        centred.anchor = .middle
        for (tick, label) in zip(xTicks, labels) {
            svg.text(label, x: xScale(tick), y: axisY, style: centred)
        }
        return svg.text()
    }
}

/// The look of a chart.
public struct ChartTheme: Sendable {
    /// The plot area's background.
    public var panelFill = "white"
    /// Grid lines.
    public var grid = Stroke(color: "#ebebeb", width: 1)
    /// The plot area's frame.
    public var border = Stroke(color: "#b3b3b3", width: 1)
    /// Panel titles.
    public var title = TextStyle(size: 13, color: "#222222", bold: true)
    /// Legend labels.
    public var legend = TextStyle(size: 11, color: "#444444")
    /// Tick labels (y labels are right-aligned against the frame).
    public var tickLabel = TextStyle(size: 11, color: "#555555", anchor: .end)

    /// The default look.
    public init() {}
}
