import Foundation
import Testing
import Tabular
@testable import CausalImpact

/// Dates written in two formats cannot be put in order, so they are refused with the
/// first row that differs, whether or not the rows happen to be in order.
@Suite struct TimeIndexFormatTests {
    static func table(_ dates: [String]) throws -> Table {
        let rows = dates.enumerated().map { "\($1),\(100 + Double($0 % 7)),\(Double($0) * 0.5)" }
        return try CSVReader.parse((["date,y,x"] + rows).joined(separator: "\n"), source: "sales.csv")
    }

    static func isoDates(_ count: Int) -> [String] {
        (0..<count).map { String(format: "2026-%02d-%02d", 1 + $0 / 28, 1 + $0 % 28) }
    }

    @Test func twoFormatsAreRefusedWithTheFirstDifferentRow() throws {
        var dates = Self.isoDates(40)
        dates[2] = "03/01/2026"
        let table = try Self.table(dates)
        #expect(throws: ImpactError.self) {
            _ = try ImpactAnalysis.run(table: table, specification: ImpactSpecification(pre: .rows(1...30), post: .rows(31...40)))
        }
        do {
            _ = try ImpactAnalysis.run(table: table, specification: ImpactSpecification(pre: .rows(1...30), post: .rows(31...40)))
        } catch {
            #expect("\(error)".contains("mixes formats: row 3 (03/01/2026) is not written like row 1 (2026-01-01)"), "\(error)")
        }
    }

    @Test func oneFormatIsAcceptedAndLabelsThatAreNotTimesAreLeftAlone() throws {
        let spec = ImpactSpecification(pre: .rows(1...30), post: .rows(31...40))
        _ = try ImpactAnalysis.run(table: try Self.table(Self.isoDates(40)), specification: spec)
        _ = try ImpactAnalysis.run(table: try Self.table((0..<40).map { "week \($0)" }), specification: spec)
    }
}
