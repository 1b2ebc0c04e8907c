import Foundation

/// A dot-and-interval chart ("forest plot"): one row per item, each with a point
/// estimate, an interval, optionally a wider spread behind it and a reference value
/// it should hit, all on one horizontal axis. Made for comparing estimators against a
/// known truth.
///
///     let chart = IntervalChart(title: "Estimates of the effect", axisLabel: "effect",
///                               rows: [.init(label: "ipw", estimate: 5.1, lower: 4.2, upper: 6.0, reference: 5)])
///     let svg = chart.svg()
public struct IntervalChart: Sendable {
    /// One row of the chart.
    public struct Row: Sendable, Equatable {
        /// The label at the left.
        public var label: String
        /// The point estimate (NaN: nothing to draw; `missingText` is shown instead).
        public var estimate: Double
        /// The interval's ends.
        public var lower: Double, upper: Double
        /// A range drawn thinly behind the interval, with end caps, if any.
        public var spread: ClosedRange<Double>?
        /// The value the row should hit, drawn as a vertical tick, if known.
        public var reference: Double?
        /// A short note shown at the right end of the row, if any.
        public var note: String?

        /// A row from its values.
        public init(label: String, estimate: Double, lower: Double, upper: Double, spread: ClosedRange<Double>? = nil,
                    reference: Double? = nil, note: String? = nil) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.spread = spread
            self.reference = reference
            self.note = note
        }
    }

    /// The title above the chart.
    public var title: String
    /// The label under the horizontal axis.
    public var axisLabel: String
    /// The rows, top to bottom.
    public var rows: [Row]
    /// Legend words for the estimate, the interval, the spread and the reference.
    public var legend: (estimate: String, interval: String, spread: String, reference: String)
    /// What a row without an estimate shows.
    public var missingText: String
    /// Colours, strokes and type sizes.
    public var theme = ChartTheme()

    /// A chart of `rows`.
    public init(title: String, axisLabel: String, rows: [Row],
                legend: (estimate: String, interval: String, spread: String, reference: String)
                    = ("estimate", "interval", "spread", "reference"),
                missingText: String = "no estimate") {
        self.title = title
        self.axisLabel = axisLabel
        self.rows = rows
        self.legend = legend
        self.missingText = missingText
    }

    /// Colours and strokes of the chart.
    public enum Palette {
        /// The interval: a thick steel blue bar.
        public static let interval = Stroke(color: "#5b8bd0", width: 5)
        /// The spread: a thin grey line.
        public static let spread = Stroke(color: "#9a9a9a", width: 1.5)
        /// The point estimate's marker.
        public static let estimate = "#1f3f8f"
        /// The reference value: a red tick.
        public static let reference = Stroke(color: "#d62728", width: 2.5)
        /// Every other row's background.
        public static let stripe = "#f5f5f5"
    }

    /// Pixels per row.
    static let rowHeight = 26.0

    /// The chart as SVG text; the height follows from the number of rows.
    public func svg(width: Double = 900) -> String {
        let top = 64.0, bottom = 46.0, right = 24.0
        let labelWidth = Double(rows.map(\.label.count).max() ?? 0) * theme.tickLabel.size * 0.6
        let noteWidth = Double(rows.compactMap(\.note).map(\.count).max() ?? 0) * theme.tickLabel.size * 0.6
        let left = max(80, labelWidth + 18)
        let height = top + bottom + Double(max(1, rows.count)) * Self.rowHeight
        let plot = Frame(x: left, y: top, width: max(100, width - left - right - (noteWidth > 0 ? noteWidth + 10 : 0)),
                         height: Double(max(1, rows.count)) * Self.rowHeight)
        var svg = SVGDocument(width: width, height: height)
        let values = rows.flatMap { row -> [Double] in
            [row.estimate, row.lower, row.upper, row.spread?.lowerBound ?? .nan, row.spread?.upperBound ?? .nan,
             row.reference ?? .nan]
        }
        let scale = LinearScale(domain: LinearScale.paddedDomain(values), range: plot.x...(plot.x + plot.width))
        let ticks = scale.ticks(count: max(3, Int(plot.width / 90)))
        for i in rows.indices where i % 2 == 1 {
            svg.rectangle(x: plot.x, y: plot.y + Double(i) * Self.rowHeight, width: plot.width, height: Self.rowHeight,
                          fill: Palette.stripe)
        }
        var centred = theme.tickLabel
        centred.anchor = .middle
        for (tick, label) in zip(ticks, LinearScale.labels(ticks)) {
            svg.line(x1: scale(tick), y1: plot.y, x2: scale(tick), y2: plot.y + plot.height, stroke: theme.grid)
            svg.text(label, x: scale(tick), y: plot.y + plot.height + theme.tickLabel.size + 6, style: centred)
        }
        svg.beginClippedGroup(id: "rows", x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        for (i, row) in rows.enumerated() {
            let middle = plot.y + (Double(i) + 0.5) * Self.rowHeight
            if let spread = row.spread, spread.lowerBound.isFinite, spread.upperBound.isFinite {
                svg.line(x1: scale(spread.lowerBound), y1: middle, x2: scale(spread.upperBound), y2: middle, stroke: Palette.spread)
                for end in [spread.lowerBound, spread.upperBound] {
                    svg.line(x1: scale(end), y1: middle - 6, x2: scale(end), y2: middle + 6, stroke: Palette.spread)
                }
            }
            if row.lower.isFinite, row.upper.isFinite {
                svg.line(x1: scale(row.lower), y1: middle, x2: scale(row.upper), y2: middle, stroke: Palette.interval)
            }
            if let reference = row.reference, reference.isFinite {
                let half = Self.rowHeight * 0.38
                svg.line(x1: scale(reference), y1: middle - half, x2: scale(reference), y2: middle + half, stroke: Palette.reference)
            }
            if row.estimate.isFinite {
                svg.polygon(Self.diamond(x: scale(row.estimate), y: middle, radius: 5), fill: Palette.estimate)
            }
        }
        svg.endGroup()
        var labelStyle = theme.tickLabel
        labelStyle.anchor = .end
        var missingStyle = theme.tickLabel
        missingStyle.anchor = .start
        var noteStyle = missingStyle
        noteStyle.color = "#444444"
        for (i, row) in rows.enumerated() {
            let baseline = plot.y + (Double(i) + 0.5) * Self.rowHeight + theme.tickLabel.size * 0.35
            svg.text(row.label, x: plot.x - 8, y: baseline, style: labelStyle)
            if !row.estimate.isFinite { svg.text(missingText, x: plot.x + 8, y: baseline, style: missingStyle) }
            if let note = row.note { svg.text(note, x: plot.x + plot.width + 10, y: baseline, style: noteStyle) }
        }
        svg.rectangle(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: nil, stroke: theme.border)
        svg.text(title, x: plot.x, y: 22, style: theme.title)
        drawLegend(into: &svg, left: plot.x, baseline: top - 14)
        centred.color = theme.title.color
        svg.text(axisLabel, x: plot.x + plot.width / 2, y: height - 8, style: centred)
        return svg.text()
    }

    /// The legend in one line above the plot area.
    private func drawLegend(into svg: inout SVGDocument, left: Double, baseline: Double) {
        let swatch = 22.0, gap = 5.0, entryGap = 18.0
        let middle = baseline - theme.legend.size * 0.35
        var x = left
        let entries: [(String, (inout SVGDocument, Double) -> Void)] = [
            (legend.estimate, { svg, x in svg.polygon(Self.diamond(x: x + swatch / 2, y: middle, radius: 5), fill: Palette.estimate) }),
            (legend.interval, { svg, x in svg.line(x1: x, y1: middle, x2: x + swatch, y2: middle, stroke: Palette.interval) }),
            (legend.spread, { svg, x in
                svg.line(x1: x, y1: middle, x2: x + swatch, y2: middle, stroke: Palette.spread)
                for end in [x, x + swatch] { svg.line(x1: end, y1: middle - 5, x2: end, y2: middle + 5, stroke: Palette.spread) }
            }),
            (legend.reference, { svg, x in
                svg.line(x1: x + swatch / 2, y1: middle - 7, x2: x + swatch / 2, y2: middle + 7, stroke: Palette.reference) }),
        ]
        for (label, draw) in entries where !label.isEmpty {
            draw(&svg, x)
            svg.text(label, x: x + swatch + gap, y: baseline, style: theme.legend)
            x += swatch + gap + Double(label.count) * theme.legend.size * 0.52 + entryGap
        }
    }

    /// The corners of a diamond marker centred at (x, y).
    static func diamond(x: Double, y: Double, radius r: Double) -> [(Double, Double)] {
        [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    }
}
