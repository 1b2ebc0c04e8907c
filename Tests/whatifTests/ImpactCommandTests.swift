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
        #expect(alpha.stderr == "whatif: error: --alpha 1.5: must lie strictly between 0 and 1\n")
        let column = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--response", "sales")
        #expect(column.stderr.hasSuffix("impact-canonical.csv: no column named 'sales' (columns: t, y, x1)\n"))
    }

    /// The example with its time index shifted to start at `start` and the response
    /// scaled by `scale`, written to a temporary file.
    static func example(start: Int = 1, scale: Double = 1) throws -> String {
        let lines = try String(contentsOfFile: example, encoding: .utf8).split(separator: "\n")
        var out = [String(lines[0])]
        for (i, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",")
            let values = cells.dropFirst().map { (Double($0)! * scale).description }
            out.append((["\(i + start)"] + values).joined(separator: ","))
        }
        let path = CommandLineTests.temporaryPath("impact.csv")
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Regression: huge options crashed (segfault, failed allocation) instead of failing cleanly.
    @Test func hugeOptionsAreOneLineErrors() throws {
        let big = "9223372036854775807"
        for (option, expected) in [
            ("--seasons", "--seasons \(big): must be at most 70, the number of pre-period points"),
            ("--niter", "--niter \(big): at most "),
            ("--chains", "--chains \(big): must be at most 64"),
        ] {
            let run = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", option, big)
            #expect(run.status == 1, "\(option)")
            #expect(run.stderr.hasPrefix("whatif: error: \(expected)"), "\(option)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(option)")
            #expect(run.stdout.isEmpty)
        }
    }

    /// Regression: with t = 2…101, "--pre 2:71" read 2 as row 2 and 71 as row 71.
    @Test func periodsAreValuesOfANumericTimeIndex() throws {
        let shifted = try Self.example(start: 2)
        defer { try? FileManager.default.removeItem(atPath: shifted) }
        let run = try WhatIf("impact", shifted, "--pre", "2:71", "--post", "72:101", "--niter", "100")
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nPre-period:  t 2 to 71 (rows 1 to 70, 70 points)\n"))
        #expect(run.stdout.contains("\nPost-period: t 72 to 101 (rows 71 to 100, 30 points)\n"))
        let rows = try WhatIf("impact", shifted, "--pre", "1:70", "--post", "71:100", "--niter", "100")
        #expect(rows.stderr == "whatif: error: pre-period '1:70': '1' is not a value of the time index 't' (2 to 101); "
            + "with a time index, periods are given in its values, not in row numbers\n")
    }

    /// Regression: `--json -` printed the JSON and then the summary table on standard output.
    @Test func jsonOnStandardOutputIsAloneThere() throws {
        let run = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--niter", "100", "--json", "-")
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        #expect((object as? [String: Any])?["niter"] as? Int == 100)
        #expect(!run.stdout.contains("Posterior inference"))
        let both = try WhatIf("impact", Self.example, "--pre", "1:70", "--post", "71:100", "--json", "-", "--report")
        #expect(both.status != 0)
        #expect(both.stderr == "whatif: error: --report prints to standard output, which --json - takes for its "
            + "document; write that to a file\n")
    }

    /// Regression: output files were opened only after sampling, so a bad path wasted the run.
    /// Here the fit itself would fail (bsts' priors on data around 1e-200); the path is reported first.
    @Test func outputFilesAreOpenedBeforeSampling() throws {
        let tiny = try Self.example(scale: 1e-200)
        defer { try? FileManager.default.removeItem(atPath: tiny) }
        let run = try WhatIf("impact", tiny, "--pre", "1:70", "--post", "71:100", "--model-priors", "bsts",
                             "--json", "/nonexistent-folder/impact.json")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("whatif: error: /nonexistent-folder/impact.json: cannot create the file"))
    }

    @Test func aFolderIsNotReadAsData() throws {
        let run = try WhatIf("impact", "/tmp", "--pre", "1:70", "--post", "71:100")
        #expect(run.stderr == "whatif: error: /tmp: is a directory, not a CSV file\n")
    }
}

/// The level prior is the user's to set, and is checked.
@Suite struct ImpactPriorOptionTests {
    static let canonical = ImpactCommandTests.example

    @Test func priorLevelSDChangesTheFitAndIsChecked() throws {
        let steady = try WhatIf("impact", Self.canonical, "--pre", "1:70", "--post", "71:100", "--json", "-")
        let wandering = try WhatIf("impact", Self.canonical, "--pre", "1:70", "--post", "71:100", "--json", "-",
                                   "--prior-level-sd", "0.1")
        #expect(steady.status == 0 && wandering.status == 0)
        #expect(steady.stdout != wandering.stdout)
        let zero = try WhatIf("impact", Self.canonical, "--pre", "1:70", "--post", "71:100", "--prior-level-sd", "0")
        #expect(zero.status != 0 && zero.stderr.contains("prior-level-sd") && zero.stderr.contains("must be positive"))
    }
}
