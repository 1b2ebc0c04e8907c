import Foundation
import FoundationXML
import Testing
@testable import Plotting

@Suite struct ImpactPlotTests {
    static func plot(labels: [String]? = nil) -> ImpactPlot {
        let n = 40
        let actual = (0..<n).map { Double($0 % 7) + ($0 >= 30 ? 5 : 0) }
        let predicted = (0..<n).map { Double($0 % 7) }
        let effect = zip(actual, predicted).map { $0 - $1 }
        var cumulative = [Double](repeating: 0, count: n)
        for t in 30..<n { cumulative[t] = cumulative[t - 1] + effect[t] }
        var withGap = actual
        withGap[5] = .nan
        return ImpactPlot(actual: withGap, predicted: predicted, predictedLower: predicted.map { $0 - 1 },
                          predictedUpper: predicted.map { $0 + 1 }, pointEffect: effect,
                          pointEffectLower: effect.map { $0 - 1 }, pointEffectUpper: effect.map { $0 + 1 },
                          cumulativeEffect: cumulative, cumulativeEffectLower: cumulative.map { $0 - 2 },
                          cumulativeEffectUpper: cumulative.map { $0 + 2 }, postStartRow: 31,
                          responseName: "sales & returns", intervalLevel: "95%", rowLabels: labels)
    }

    @Test func isWellFormedXMLWithThreePanels() throws {
        let text = Self.plot().svg()
        let parser = XMLParser(data: Data(text.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(text.components(separatedBy: "<clipPath").count - 1 == 3)
        #expect(text.contains("Observed &apos;sales &amp; returns&apos;") || text.contains("Observed 'sales &amp; returns'"))
        #expect(text.contains("Pointwise effect") && text.contains("Cumulative effect"))
        #expect(text.contains(">95% interval</text>"))
    }

    @Test func marksTheInterventionBetweenThePeriods() {
        // x runs over rows 1…40 padded by 2% of 39 each way onto pixels 64…880.
        let scale = LinearScale(domain: LinearScale.paddedDomain((1...40).map(Double.init), fraction: 0.02),
                                range: 64...880)
        let x = SVGDocument.number(scale(30.5))
        let dashed = Self.plot().svg().split(separator: "\n").filter {
            $0.hasPrefix("<line x1=\"\(x)\"") && $0.contains("stroke-dasharray=\"6,4\"")
        }
        #expect(dashed.count == 3)
    }

    @Test func labelsTheAxisWithTheTimeIndex() {
        let labels = (1...40).map { String(format: "2024-02-%02d", $0 % 28 + 1) }
        let text = Self.plot(labels: labels).svg()
        #expect(text.contains(">\(labels[9])</text>"))   // the tick at row 10
    }
}
