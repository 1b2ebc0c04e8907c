import Foundation
import Testing
@testable import CausalImpact

/// A value a thousand median absolute deviations out is flagged; spikes of the
/// size real series have are not.
@Suite struct ExtremeValueTests {
    static let base = (0..<100).map { 100 + 5 * sin(Double($0) * 0.7) }

    @Test func aMisplacedDecimalPointIsFound() throws {
        var y = Self.base
        y[11] = 1e200
        let found = try #require(ExtremeValue.find(in: y, rows: 0...99))
        #expect(found.row == 11)
        // MAD of the sine values is about 5·0.7 ≈ 3.5: the distance is about 1e200 / 3.5.
        #expect(found.deviations > 1e199 && found.deviations < 1e201)
    }

    @Test func ordinarySpikesAndConstantsAreNotFlagged() {
        var y = Self.base
        y[40] = 400   // a sale day, about 85 MADs out
        #expect(ExtremeValue.find(in: y, rows: 0...99) == nil)
        #expect(ExtremeValue.find(in: [Double](repeating: 3, count: 50) + [1e9], rows: 0...50) == nil)  // MAD 0
        #expect(ExtremeValue.find(in: [1, .nan, 1e300], rows: 0...2) == nil)  // too few finite values
    }

    @Test func theAnalysisWarnsAndNamesTheRow() throws {
        var y = Self.base.map { $0 + 0.0 }
        y[11] = 1e200
        let x = (0..<100).map { Double($0) }
        let result = try ImpactAnalysis.run(response: y, covariates: ["x": x],
                                            specification: ImpactSpecification(pre: .rows(1...70), post: .rows(71...100)))
        let warning = result.warnings.first { if case .extremeValue = $0 { return true } else { return false } }
        let text = warning.map { "\($0)" } ?? "none"
        #expect(text.hasPrefix("'y' at row 12 is 1e+200"), "\(result.warnings)")
    }
}
