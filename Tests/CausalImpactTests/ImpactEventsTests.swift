import Foundation
import Testing
import BSTS
import Tabular
@testable import CausalImpact

/// Reading an events calendar and placing it on the data's time points.
@Suite struct ImpactEventsTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func occurrencesOfOneEventAreGrouped() throws {
        let path = try Self.file("event,date,before,after\nSale,2024-01-03,1,0\nLaunch,2024-01-05,0,0\nSale,2024-01-08,1,0\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = try ImpactEvent.calendar(path: path)
        #expect(events == [ImpactEvent(name: "Sale", occurrences: ["2024-01-03", "2024-01-08"], daysBefore: 1),
                           ImpactEvent(name: "Launch", occurrences: ["2024-01-05"])])
        let dates = (1...10).map { String(format: "2024-01-%02d", $0) }
        let table = try Table(names: ["date", "y"], columns: [.text(dates), .numeric((1...10).map { Double($0 % 3) })], source: "t")
        let data = try ImpactData(table: table, specification: ImpactSpecification(pre: .rows(2...7), post: .rows(8...10)))
        // Rows of the modelled series, which starts at the pre-period's first row (2024-01-02).
        #expect(try data.eventPatterns(events).map(\.rows) == [[1, 6], [3]])
    }

    @Test(arguments: [
        ("date,before\n2024-01-03,1\n", "has no column 'event'"),
        ("event,when\nSale,2024-01-03\n", "has no column 'date'"),
        ("event,date,before\nSale,2024-01-03,1\nSale,2024-01-08,2\n", "row 3: event 'Sale' has another window"),
        ("event,date,after\nSale,2024-01-03,-1\n", "row 2: after = -1.0 must be a whole number"),
        ("event,date\n", "lists no event"),
    ])
    func badCalendarsNameTheProblem(text: String, message: String) throws {
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ImpactEvent.calendar(path: path)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".hasPrefix("--events \(path): "), "\(error)")
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
