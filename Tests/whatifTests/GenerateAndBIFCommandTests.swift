import Foundation
import Testing

/// `whatif generate`, `.bif` models and dagitty graphs through the command line.
@Suite struct GenerateAndBIFCommandTests {
    static let examples = GettingStartedTests.root.appendingPathComponent("docs/examples")

    @Test func generateWritesTheModelItsGraphItsStatisticsAndTheSample() throws {
        let prefix = CommandLineTests.temporaryPath("gen")
        defer { for ext in [".scm", ".graph.csv", ".json", ".csv"] { try? FileManager.default.removeItem(atPath: prefix + ext) } }
        let run = try WhatIf("generate", "--nodes", "8", "--seed", "4", "--output", prefix, "--rows", "50", "--standardize")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: prefix + ".json"))) as! [String: Any]
        #expect(json["varsortability"] is Double && json["r2Sortability"] is Double)
        #expect(json["statisticsRows"] as? Int == 50)
        let csv = try String(contentsOfFile: prefix + ".csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 51 && csv[0] == "X1,X2,X3,X4,X5,X6,X7,X8")
        // The model file is a model the other commands read; the same seed samples the same rows.
        let again = try WhatIf("sample", prefix + ".scm", "--rows", "50", "--seed", "4")
        #expect(again.status == 0 && again.stdout.split(separator: "\n") == csv)
        let graph = try String(contentsOfFile: prefix + ".graph.csv", encoding: .utf8).split(separator: "\n")
        #expect(graph.count == 9 && graph[0] == csv[0])
    }

    @Test func generateRefusesBadOptionsAndWritesNothing() throws {
        let prefix = CommandLineTests.temporaryPath("bad")
        let run = try WhatIf("generate", "--nodes", "8", "--binary", "1.5", "--output", prefix)
        #expect(run.status != 0)
        #expect(run.stderr == "whatif: error: --binary must be a fraction in [0, 1] (got 1.5)\n")
        #expect(!FileManager.default.fileExists(atPath: prefix + ".scm"))
    }

    @Test func aBIFFileIsAModel() throws {
        let bif = Self.examples.appendingPathComponent("sprinkler.bif").path
        let sample = try WhatIf("sample", bif, "--rows", "4", "--seed", "2", "--do", "rain=1")
        #expect(sample.status == 0 && sample.stdout.hasPrefix("season,sprinkler,rain,grass\n"))
        #expect(sample.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",")[2] == "1" })
        let written = try WhatIf("graph", bif, "--format", "bif")
        #expect(written.status == 0 && written.stdout.contains("(off, yes) 0.15, 0.85;"))
        let path = CommandLineTests.temporaryPath("copy.bif")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try written.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try WhatIf("graph", path, "--format", "bif").stdout == written.stdout)
    }

    @Test func aBadBIFFileIsOneLineNamingItsLine() throws {
        let path = CommandLineTests.temporaryPath("bad.bif")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try String(contentsOf: Self.examples.appendingPathComponent("sprinkler.bif"), encoding: .utf8)
        try text.replacingOccurrences(of: "(dry) 0.3, 0.7;", with: "(dry) 0.3, 0.6;").write(toFile: path, atomically: true, encoding: .utf8)
        let run = try WhatIf("sample", path, "--rows", "3")
        #expect(run.status == 1)
        #expect(run.stderr == ("whatif: error: \(path):20:5: row (dry) of 'sprinkler': the probabilities sum to 0.9, not 1\n"), "\(run.stderr)")
    }

    @Test func dagittyInAndOut() throws {
        let dagitty = Self.examples.appendingPathComponent("smoking.dagitty").path
        let text = try WhatIf("graph", dagitty, "--format", "dagitty")
        #expect(text.status == 0 && text.stdout.hasPrefix("dag {\nsmoking [exposure]\ncancer [outcome]\ngenotype [latent]\n"))
        let json = try WhatIf("graph", dagitty, "--format", "json")
        #expect(json.stdout.contains("\"adjustmentSets\""))
        let path = CommandLineTests.temporaryPath("bad.dagitty")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "dag {\n a -> b\n a <-> b\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try WhatIf("graph", path)
        #expect(bad.status == 1 && bad.stderr.hasPrefix("whatif: error: \(path):3:4: a bidirected edge '<->'"), "\(bad.stderr)")
    }
}
