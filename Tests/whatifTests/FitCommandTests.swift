import Foundation
import Testing

/// `whatif fit` end to end: the fitted model file runs, the draws folder holds K models,
/// the JSON follows the contract, and bad input is one line on stderr with nothing written.
@Suite struct FitCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let skeleton = "param a\nparam b\nparam s\nx = Normal(0, 1)\ny = a + b * x + Normal(0, s)\n"

    @Test func fitWritesARunnableModelDrawsAndJSON() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x = Normal(0, 1)\ny = 3 - 2 * x + Normal(0, 0.5)\n".write(to: dir.appendingPathComponent("truth.scm"), atomically: true, encoding: .utf8)
        try Self.skeleton.write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        #expect(try WhatIf(["sample", "truth.scm", "--rows", "400", "--seed", "4", "--output", "d.csv"], in: dir).status == 0)
        let run = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm", "--json", "fit.json", "--draws", "3"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Posterior of the parameters"))
        #expect(try WhatIf(["sample", "fitted.scm", "--rows", "3"], in: dir).status == 0)
        let draws = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("fitted-draws").path).sorted()
        #expect(draws == ["draw-1.scm", "draw-2.scm", "draw-3.scm"])
        // A second fit into the same folder would leave the old draws to be read with the new.
        let again = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm", "--draws", "2"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("--draws: the folder 'fitted-draws' already holds files"), "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("fitted-draws").path).sorted() == draws)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("fit.json"))) as? [String: Any]
        let b = (json?["parameters"] as? [String: Any])?["b"] as? [String: Double]
        let lower = b?["lower"] ?? .nan, upper = b?["upper"] ?? .nan
        #expect(lower < -2 && -2 < upper, "interval [\(lower), \(upper)] misses b = -2")
        let y = (json?["variables"] as? [String: Any])?["y"] as? [String: Any]
        #expect(y?["family"] as? String == "linear-gaussian")
        #expect(y?["logLikelihood"] is Double && y?["rSquared"] is Double && y?["residualNormality"] is [String: Any])
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.skeleton.write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        try "x,z\n1,2\n2,3\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let missing = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm"], in: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.hasPrefix("whatif: error: ") && missing.stderr.contains("'y'"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fitted.scm").path))
        try "x,y\n1,2\n,3\n3,4\n4,4\n5,6\n".write(to: dir.appendingPathComponent("holes.csv"), atomically: true, encoding: .utf8)
        let holes = try WhatIf(["fit", "skeleton.scm", "holes.csv", "--output", "fitted.scm"], in: dir)
        #expect(holes.stderr.contains("column 'x' has 1 missing or non-finite value(s), in row(s) 2"), "\(holes.stderr)")
        let sampled = try WhatIf(["sample", "skeleton.scm", "--rows", "3"], in: dir)
        #expect(sampled.stderr.hasPrefix("whatif: error: skeleton.scm:1:7: the model has unknown parameter(s) a, b, s"))
        #expect(try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "f.scm", "--draws", "0"], in: dir).stderr
                == "whatif: error: --draws must be at least 1 (got 0)\n")
    }
}

/// `whatif counterfactual --mediation`: the contract's JSON keys, exact on a linear model.
@Suite struct MediationCommandTests {
    @Test func mediatorModelSplitsItsEffectExactly() throws {
        let run = try WhatIf("counterfactual", "mediator", "--mediation", "rain:requests:profit", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        // requests = 100 + 40·rain + …, profit = 5·requests + …: all of rain's effect (40 · 5) is indirect.
        #expect(json?["naturalIndirect"] as? Double == 200)
        #expect(json?["naturalDirect"] as? Double == 0)
        #expect(json?["controlledDirect"] as? Double == 0)
        #expect(json?["total"] as? Double == 200)
        #expect((json?["method"] as? String)?.hasPrefix("exact") == true)
    }

    @Test func badMediationRequestsAreOneLine() throws {
        #expect(try WhatIf("counterfactual", "mediator", "--mediation", "rain:requests").stderr
                == "whatif: error: --mediation expects TREATMENT:MEDIATOR:OUTCOME, got 'rain:requests'\n")
        #expect(try WhatIf("counterfactual", "mediator", "--mediation", "rain:requests:profit", "--do", "rain=1").status != 0)
    }
}

/// A fitted model's posterior draws answer the mediation query with a posterior interval.
@Suite struct MediationOverDrawsTests {
    @Test func drawsGiveAnIntervalAroundTheTrueIndirectEffect() throws {
        let dir = try FitCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            rain = auto()
            param a
            param b
            param s1
            param c
            param d
            param s2
            requests = a + b * rain + Normal(0, s1)
            profit = c + d * requests + Normal(0, s2)
            """.write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        #expect(try WhatIf(["sample", "mediator", "--rows", "500", "--seed", "2", "--output", "m.csv"], in: dir).status == 0)
        let fit = try WhatIf(["fit", "skeleton.scm", "m.csv", "--output", "f.scm", "--draws", "30"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let run = try WhatIf(["counterfactual", "f-draws", "--mediation", "rain:requests:profit", "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["draws"] as? Int == 30)
        let interval = (json?["posteriorIntervals"] as? [String: Any])?["naturalIndirect"] as? [String: Double]
        let lower = interval?["lower"] ?? .nan, upper = interval?["upper"] ?? .nan
        // mediator.scm: rain's whole effect on profit, 40 · 5 = 200, runs through requests.
        #expect(lower < 200 && 200 < upper, "[\(lower), \(upper)]")
        #expect(json?["naturalDirect"] as? Double == 0)
    }
}
