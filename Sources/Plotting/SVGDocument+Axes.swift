extension SVGDocument {
    /// The plot area of a chart with an x and a y axis: its background, a grid line at
    /// every tick (about one per `xSpacing` and `ySpacing` pixels, at least three each)
    /// and the tick labels, under the frame for x and left of it for y. Shared by the
    /// charts that draw their own axes (`HistogramChart`, `ContourChart`).
    mutating func drawAxes(frame: Frame, x: LinearScale, y: LinearScale, xSpacing: Double = 90, ySpacing: Double,
                           theme: ChartTheme) {
        rectangle(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: theme.panelFill)
        let xTicks = x.ticks(count: max(3, Int(frame.width / xSpacing))), yTicks = y.ticks(count: max(3, Int(frame.height / ySpacing)))
        var centred = theme.tickLabel
        centred.anchor = .middle
        for (tick, label) in zip(xTicks, LinearScale.labels(xTicks)) {
            line(x1: x(tick), y1: frame.y, x2: x(tick), y2: frame.y + frame.height, stroke: theme.grid)
            text(label, x: x(tick), y: frame.y + frame.height + theme.tickLabel.size + 6, style: centred)
        }
        for (tick, label) in zip(yTicks, LinearScale.labels(yTicks)) {
            line(x1: frame.x, y1: y(tick), x2: frame.x + frame.width, y2: y(tick), stroke: theme.grid)
            text(label, x: frame.x - 7, y: y(tick) + theme.tickLabel.size * 0.35, style: theme.tickLabel)
        }
    }
}
