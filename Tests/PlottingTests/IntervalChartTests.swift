import Foundation
import FoundationXML
import Testing
@testable import Plotting

@Suite struct IntervalChartTests {
    static let chart = IntervalChart(
        title: "Estimates <of> the effect", axisLabel: "effect",
        rows: [
            .init(label: "naive", estimate: 8, lower: 7, upper: 9, spread: 6...10, reference: 5, note: "ATE, biased"),
            .init(label: "ipw & co", estimate: 5.1, lower: 4, upper: 6.2, spread: 3.5...6.5, reference: 5),
            .init(label: "failed", estimate: .nan, lower: .nan, upper: .nan),
        ],
        legend: ("mean estimate", "mean interval", "middle 95%", "truth"), missingText: "no estimate here")

    @Test func isWellFormedXMLWithOneRowPerItem() throws {
        let text = Self.chart.svg()
        let parser = XMLParser(data: Data(text.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(text.contains(">Estimates &lt;of&gt; the effect</text>") && text.contains(">ipw &amp; co</text>"))
        #expect(text.contains(">no estimate here</text>") && text.contains(">ATE, biased</text>"))
        // One diamond per finite estimate, plus the legend's.
        #expect(text.components(separatedBy: "<polygon").count - 1 == 3)
        // The height follows the rows: 64 above, 46 below, 26 per row.
        #expect(text.contains("height=\"188\""))
    }

    @Test func placesValuesOnOneScale() {
        // The domain covers every value (3.5 … 10, padded by 4%); the truth tick of row 1 sits at 5.
        let text = Self.chart.svg(width: 900)
        let left = max(80.0, Double("ipw & co".count) * 11 * 0.6 + 18)
        let noteWidth = Double("ATE, biased".count) * 11 * 0.6
        let scale = LinearScale(domain: LinearScale.paddedDomain([3.5, 10]), range: left...(left + 900 - left - 24 - noteWidth - 10))
        let x = SVGDocument.number(scale(5))
        let ticks = text.split(separator: "\n").filter { $0.hasPrefix("<line x1=\"\(x)\"") && $0.contains("stroke=\"#d62728\"") }
        // Two rows have a reference at 5, and the legend's tick is elsewhere.
        #expect(ticks.count == 2, "\(x)")
    }
}
