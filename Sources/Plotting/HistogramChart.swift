import Foundation

/// Overlaid histograms of several groups on shared bins, each bar the share of its
/// group's values in the bin, drawn translucent so that where the groups overlap shows.
/// Made for the overlap of propensity scores between treated and control units: a
/// region where one group has bars and the other none is a region where no
/// comparison is possible.
///
///     let chart = HistogramChart(title: "Propensity scores", axisLabel: "P(banner = 1 | engagement)",
///                                groups: [.init(label: "saw the banner", values: treated),
///                                         .init(label: "did not", values: control)],
///                                bins: 25, range: 0...1)
///     let svg = chart.svg()
public struct HistogramChart: Sendable {
    /// One group of values and how its bars look.
    public struct Group: Sendable, Equatable {
        /// The legend label.
        public var label: String
        /// The values; NaN and values outside the chart's range are left out.
        public var values: [Double]
        /// The bars' CSS colour; nil takes the next colour of `Palette.groups`.
        public var color: String?

        /// A group from its label, values and, optionally, colour.
        public init(label: String, values: [Double], color: String? = nil) {
            self.label = label
            self.values = values
            self.color = color
        }
    }

    /// The title above the chart.
    public var title: String
    /// The label under the horizontal axis.
    public var axisLabel: String
    /// The groups, drawn in order (later on top).
    public var groups: [Group]
    /// The number of equal-width bins (at least 1).
    public var bins: Int
    /// The binned interval; nil spans the finite values of every group.
    public var range: ClosedRange<Double>?
    /// Colours, strokes and type sizes.
    public var theme = ChartTheme()

    /// A chart of `groups` in `bins` equal bins over `range` (or the values' range).
    public init(title: String, axisLabel: String, groups: [Group], bins: Int = 20, range: ClosedRange<Double>? = nil) {
        self.title = title
        self.axisLabel = axisLabel
        self.groups = groups
        self.bins = bins
        self.range = range
    }

    /// Colours of the chart.
    public enum Palette {
        /// Group colours, in order: blue, orange, green, red (Tableau's first four).
        public static let groups = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
        /// The opacity of every bar: two overlapping bars still show both.
        public static let barOpacity = 0.5
    }

    /// The bin edges: `bins` + 1 equally spaced values from the range's lower to its
    /// upper end (an empty range is widened by 0.5 each way; no finite value gives 0…1).
    public var edges: [Double] {
        let finite = groups.flatMap(\.values).filter(\.isFinite)
        var low = range?.lowerBound ?? finite.min() ?? 0, high = range?.upperBound ?? finite.max() ?? 1
        if high <= low { (low, high) = (low - 0.5, high + 0.5) }
        let count = max(1, bins)
        return (0...count).map { low + (high - low) * Double($0) / Double(count) }
    }

    /// How many of `values` fall in each bin of `edges`: bin k holds edges[k] ≤ x < edges[k + 1],
    /// the last bin also its upper edge; NaN and values outside are not counted.
    public static func counts(_ values: [Double], edges: [Double]) -> [Int] {
        guard edges.count >= 2, let low = edges.first, let high = edges.last else { return [] }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        let width = (high - low) / Double(counts.count)
        for x in values where x >= low && x <= high {
            counts[min(counts.count - 1, Int((x - low) / width))] += 1
        }
        return counts
    }

    /// The chart as SVG text.
    public func svg(width: Double = 900, height: Double = 420) -> String {
        let left = 64.0, right = 20.0, top = 56.0, bottom = 52.0
        let plot = Frame(x: left, y: top, width: width - left - right, height: height - top - bottom)
        let edges = edges
        let shares = groups.map { group -> [Double] in
            let counts = Self.counts(group.values, edges: edges)
            let total = Double(group.values.filter(\.isFinite).count)
            return counts.map { total > 0 ? Double($0) / total : 0 }
        }
        let xScale = LinearScale(domain: edges[0]...edges[edges.count - 1], range: plot.x...(plot.x + plot.width))
        let yScale = LinearScale(domain: 0...max(shares.flatMap { $0 }.max() ?? 0, 1e-9) * 1.06,
                                 range: plot.y...(plot.y + plot.height), flipped: true)
        var svg = SVGDocument(width: width, height: height)
        svg.drawAxes(frame: plot, x: xScale, y: yScale, ySpacing: 50, theme: theme)
        for g in groups.indices {
            let fill = color(of: g)
            for (k, share) in shares[g].enumerated() where share > 0 {
                let (x0, x1, y) = (xScale(edges[k]), xScale(edges[k + 1]), yScale(share))
                svg.polygon([(x0, y), (x1, y), (x1, plot.y + plot.height), (x0, plot.y + plot.height)],
                            fill: fill, opacity: Palette.barOpacity)
            }
        }
        svg.rectangle(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: nil, stroke: theme.border)
        svg.text(title, x: plot.x, y: 22, style: theme.title)
        // The legend, right-aligned above the plot (the y axis's title is at its left).
        let entryWidths = groups.map { 27 + Double($0.label.count) * theme.legend.size * 0.52 }
        var legendX = plot.x + plot.width - entryWidths.reduce(0, +) - 18 * Double(max(0, groups.count - 1))
        let baseline = top - 14, middle = baseline - theme.legend.size * 0.35
        for (g, group) in groups.enumerated() {
            svg.polygon([(legendX, middle - 5), (legendX + 22, middle - 5), (legendX + 22, middle + 5), (legendX, middle + 5)],
                        fill: color(of: g), opacity: Palette.barOpacity)
            svg.text(group.label, x: legendX + 27, y: baseline, style: theme.legend)
            legendX += entryWidths[g] + 18
        }
        let axisTitle = TextStyle(size: theme.tickLabel.size, color: theme.title.color, anchor: .middle)
        svg.text(axisLabel, x: plot.x + plot.width / 2, y: height - 10, style: axisTitle)
        var vertical = theme.tickLabel
        vertical.anchor = .start
        svg.text("share of the group", x: 4, y: plot.y - 8, style: vertical)
        return svg.text()
    }

    /// The colour of group `g`: its own, or the palette's next.
    private func color(of g: Int) -> String {
        groups[g].color ?? Palette.groups[g % Palette.groups.count]
    }
}
