import Foundation
import Testing

/// `whatif impact`, run as a user runs it.
@Suite struct ImpactCommandTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples/impact-canonical.csv").path

    @Test func printsTheSummaryAndWritesJSONAndSVG() throws {
        let json = CommandLineTests.temporaryPath("impact.json"), svg = CommandLineTests.temporaryPath("impact.svg")
        defer {
            try? FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: svg)
        }
        let run = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--niter", "300",
                             "--json", json, "--plot", svg, "--report")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("Posterior inference for 'y' (whatif impact)\n"))
        #expect(run.stdout.contains("\nPosterior draws: "))
        #expect(run.stdout.contains("\nImpact report for 'y'\n"))
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: json)))
        let document = try #require(object as? [String: Any])
        #expect(document["niter"] as? Int == 300)
        #expect((document["series"] as? [String: [Any]])?["actual"]?.count == 100)
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg ") && picture.hasSuffix("</svg>\n"))
    }

    @Test func sameSeedSameNumbers() throws {
        func run() throws -> WhatIf {
            try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--niter", "200", "--seed", "7")
        }
        let first = try run(), second = try run()
        #expect(first.status == 0 && first.stdout == second.stdout)
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        let json = CommandLineTests.temporaryPath("never.json")
        let run = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "60:100", "--json", json)
        #expect(run.status == 1)
        #expect(run.stderr == "whatif: error: the post-period (rows 60 to 100) must start after the pre-period ends (row 70)\n")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: json))
        let alpha = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--alpha", "1.5")
        #expect(alpha.stderr == "whatif: error: alpha = 1.5: must lie strictly between 0 and 1\n")
        let column = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--response", "sales")
        #expect(column.stderr.hasSuffix("impact-canonical.csv: no column named 'sales' (columns: t, y, x1)\n"))
    }
}
