import Testing
@testable import Plotting

@Suite struct SVGDocumentTests {
    @Test func writesElementsInPaintingOrder() {
        var svg = SVGDocument(width: 100, height: 50, background: nil)
        svg.line(x1: 0, y1: 1.5, x2: 10.126, y2: 2, stroke: Stroke(color: "red", width: 2, dash: [4, 2]))
        svg.text("a < b & c", x: 5, y: 6, style: TextStyle(size: 10, color: "black", anchor: .middle))
        #expect(svg.text() == """
            <svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50" \
            font-family="Helvetica, Arial, sans-serif">
            <line x1="0" y1="1.5" x2="10.13" y2="2" stroke="red" stroke-width="2" stroke-dasharray="4,2"/>
            <text x="5" y="6" font-size="10" fill="black" text-anchor="middle">a &lt; b &amp; c</text>
            </svg>

            """)
    }

    @Test func shortPolylinesAndPolygonsAreSkipped() {
        var svg = SVGDocument(width: 10, height: 10, background: nil)
        svg.polyline([(0, 0)], stroke: Stroke(color: "black"))
        svg.polygon([(0, 0), (1, 1)], fill: "blue")
        #expect(!svg.text().contains("<poly"))
    }

    @Test func missingValuesSplitLinesIntoRuns() {
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        let y: [Double] = [1, .nan, 3, 4, .nan, 6]
        #expect(LineChart.finiteRuns(x, y, y) == [[0], [2, 3], [5]])
        #expect(LineChart.finiteRuns(x, y, [1, 1, 1, .nan, 1, 1]) == [[0], [2], [5]])
    }
}
