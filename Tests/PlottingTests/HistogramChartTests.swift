import Foundation
import FoundationXML
import Testing
@testable import Plotting

@Suite struct HistogramChartTests {
    @Test func countsFollowTheHalfOpenBinsWithTheLastClosed() {
        let edges = [0.0, 0.25, 0.5, 0.75, 1.0]
        #expect(HistogramChart.counts([0, 0.1, 0.25, 0.5, 0.99, 1, 1.5, -0.1, .nan], edges: edges) == [2, 1, 1, 2])
        #expect(HistogramChart.counts([1, 2], edges: [0]) == [])
    }

    @Test func edgesSpanTheRangeOrTheValues() {
        let given = HistogramChart(title: "", axisLabel: "", groups: [.init(label: "a", values: [0.3])], bins: 4, range: 0...1)
        #expect(given.edges == [0, 0.25, 0.5, 0.75, 1])
        let spanned = HistogramChart(title: "", axisLabel: "", groups: [.init(label: "a", values: [2, .nan]),
                                                                       .init(label: "b", values: [6])], bins: 2)
        #expect(spanned.edges == [2, 4, 6])
        let single = HistogramChart(title: "", axisLabel: "", groups: [.init(label: "a", values: [3, 3])], bins: 1)
        #expect(single.edges == [2.5, 3.5])
    }

    @Test func drawsOneTranslucentBarPerNonEmptyBinAndGroupAsWellFormedXML() throws {
        let chart = HistogramChart(title: "Propensity <overlap>", axisLabel: "P(T = 1 | x)",
                                   groups: [.init(label: "treated & co", values: [0.1, 0.6, 0.7, 0.9]),
                                            .init(label: "control", values: [0.1, 0.2, 0.2, 0.6], color: "#123456"),
                                            .init(label: "nothing", values: [])],
                                   bins: 4, range: 0...1)
        let text = chart.svg()
        let parser = XMLParser(data: Data(text.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(text.contains(">Propensity &lt;overlap&gt;</text>") && text.contains(">treated &amp; co</text>"))
        // treated fills bins 0, 2, 3; control bins 0, 2; plus one legend swatch per group.
        let polygons = text.split(separator: "\n").filter { $0.hasPrefix("<polygon") }
        #expect(polygons.count == 3 + 2 + 3)
        #expect(polygons.filter { $0.contains("fill=\"#123456\"") }.count == 3)
        #expect(polygons.allSatisfy { $0.contains("fill-opacity=\"0.5\"") })
    }

    @Test func theTallestShareReachesTheSameHeightWhateverTheGroupSize() {
        // Shares, not counts: 2 of 4 and 200 of 400 in one bin draw the same bar.
        func barTops(_ n: Int) -> [String] {
            let values = Array(repeating: 0.1, count: n / 2) + Array(repeating: 0.9, count: n / 2)
            let text = HistogramChart(title: "", axisLabel: "", groups: [.init(label: "g", values: values)], bins: 2, range: 0...1).svg()
            return text.split(separator: "\n").filter { $0.hasPrefix("<polygon") }.map(String.init)
        }
        #expect(barTops(4) == barTops(400))
    }
}
