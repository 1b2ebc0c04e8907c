import Foundation
import Testing

/// `whatif impact --by COLUMN`: each series analysed as `whatif impact` analyses a file of
/// its rows alone, a bad series named without stopping the others.
@Suite struct ImpactBySeriesTests {
    /// The long-format example: stores north, south, east (100 days) and west (40 days).
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples/store-sales.csv")

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The rows of one store, without the store column, as a file of their own.
    static func seriesFile(_ store: String) throws -> URL {
        let lines = try String(contentsOf: example, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").dropFirst().joined(separator: ",")
        let rows = lines.dropFirst().filter { $0.hasPrefix(store + ",") }.map { $0.split(separator: ",").dropFirst().joined(separator: ",") }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-by-\(UUID().uuidString).csv")
        try ([header] + rows).joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// With `--placebo`, each series' refits run one at a time inside the pool of series, and
    /// still equal those of the series' own run (which spreads them over the cores).
    @Test(arguments: [[], ["--placebo", "3"]])
    func eachSeriesEqualsItsOwnRunAndTheShortOneIsNamed(additions: [String]) throws {
        let options = ["--pre", "1:70", "--post", "71:100", "--niter", "200", "--seed", "4"] + additions
        let run = try WhatIf(["impact", Self.example.path, "--by", "store", "--json", "-"] + options)
        #expect(run.status == 0)
        #expect(run.stderr.contains("1 of 4 series failed: west"))
        let document = try Self.json(run.stdout)
        let series = try #require(document["series"] as? [[String: Any]])
        #expect(series.map { $0["key"] as? String } == ["north", "south", "east", "west"])
        #expect(document["failed"] as? [String] == ["west"])
        let west = series[3]
        #expect(west["result"] == nil)
        #expect((west["error"] as? String)?.contains("1:70") == true)
        for (store, entry) in zip(["north", "south", "east"], series) {
            let file = try Self.seriesFile(store)
            defer { try? FileManager.default.removeItem(at: file) }
            let alone = try WhatIf(["impact", file.path, "--json", "-"] + options)
            #expect(alone.status == 0)
            let expected = try Self.json(alone.stdout) as NSDictionary
            let got = try #require(entry["result"] as? [String: Any]) as NSDictionary
            #expect(got == expected, "series \(store)")
            #expect(entry["rows"] as? Int == 100)
        }
    }

    @Test func theTableNamesEverySeriesAndTheFailure() throws {
        let run = try WhatIf("impact", Self.example.path, "--by", "store", "--pre", "1:70", "--post", "71:100", "--niter", "100")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Impact by store: 4 series, 1 failed")
        for store in ["north", "south", "east"] { #expect(lines.contains { $0.hasPrefix(store) && $0.contains("%") }) }
        #expect(lines.contains { $0.hasPrefix("west") && $0.contains("failed") })
        #expect(lines.contains { $0.hasPrefix("west: ") && $0.contains("time index") })
    }

    @Test func everySeriesFailingIsAnErrorAndAnUnknownColumnIsNamed() throws {
        let allShort = try WhatIf("impact", Self.example.path, "--by", "store", "--pre", "1:170", "--post", "171:200")
        #expect(allShort.status != 0)
        #expect(allShort.stderr.contains("4 of 4 series failed"))
        let unknown = try WhatIf("impact", Self.example.path, "--by", "shop", "--pre", "1:70", "--post", "71:100")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("whatif: error: ") && unknown.stderr.contains("'shop'"))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-by-\(UUID().uuidString).csv")
        try "store,y\n".write(to: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try WhatIf("impact", empty.path, "--by", "store", "--pre", "1:2", "--post", "3:4")
        #expect(none.status == 1 && none.stderr.contains("no series"))
        let plot = try WhatIf("impact", Self.example.path, "--by", "store", "--pre", "1:70", "--post", "71:100", "--plot", "x.svg")
        #expect(plot.status != 0 && plot.stderr.contains("--by"))
    }
}
