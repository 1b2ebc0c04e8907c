import Foundation
import Testing

/// `whatif sample` and `whatif counterfactual` over a folder of posterior draws: rows split
/// across the draws with each draw's own model, answers summarised over the draws.
@Suite struct PosteriorDrawsCommandTests {
    /// A temporary folder with a subfolder `draws` holding the model texts as draw-1.scm, draw-2.scm, ….
    static func drawsFolder(_ models: [String]) throws -> URL {
        let dir = try FitCommandTests.folder()
        let draws = dir.appendingPathComponent("draws")
        try FileManager.default.createDirectory(at: draws, withIntermediateDirectories: true)
        for (k, text) in models.enumerated() {
            try text.write(to: draws.appendingPathComponent("draw-\(k + 1).scm"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// Draws with one slope b each: `x = Normal(0, 1)`, `y = b·x + Normal(0, 1)`.
    static func drawsFolder(slopes: [Double]) throws -> URL {
        try drawsFolder(slopes.map { "x = Normal(0, 1)\ny = \($0) * x + Normal(0, 1)\n" })
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func sampleSplitsRowsEvenlyAndEachDrawUsesItsOwnModelAndTheSameNoiseStream() throws {
        let dir = try Self.drawsFolder(slopes: [1, 3])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try WhatIf(["sample", "draws", "--rows", "9", "--seed", "7", "--draw-column"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.lines(run.stdout)
        #expect(rows.first == "x,y,draw")
        // 9 rows over 2 draws: draw 1 takes rows 0..<4 (⌊9/2⌋), draw 2 rows 4..<9.
        let first = Self.lines(try WhatIf(["sample", "draws/draw-1.scm", "--rows", "9", "--seed", "7"], in: dir).stdout)
        let second = Self.lines(try WhatIf(["sample", "draws/draw-2.scm", "--rows", "9", "--seed", "7"], in: dir).stdout)
        #expect(rows.count == 10)
        for i in 1...9 {
            let expected = i <= 4 ? "\(first[i]),1" : "\(second[i]),2"
            #expect(rows[i] == Substring(expected), "row \(i)")
        }
        let oneThread = try WhatIf(["sample", "draws", "--rows", "5000", "--seed", "8", "--threads", "1"], in: dir)
        let twoThreads = try WhatIf(["sample", "draws", "--rows", "5000", "--seed", "8", "--threads", "2"], in: dir)
        #expect(oneThread.status == 0 && oneThread.stdout == twoThreads.stdout)
        let intervened = Self.lines(try WhatIf(["sample", "draws", "--rows", "4", "--do", "x=1"], in: dir).stdout)
        #expect(intervened.dropFirst().allSatisfy { $0.hasPrefix("1,") })
    }

    @Test func sampleOverDrawsRefusesWhatNeedsOneModel() throws {
        let dir = try Self.drawsFolder(slopes: [1, 3])
        defer { try? FileManager.default.removeItem(at: dir) }
        let shard = try WhatIf(["sample", "draws", "--rows", "4", "--first-row", "3"], in: dir)
        #expect(shard.status != 0 && shard.stderr.hasPrefix("whatif: error: --first-row"))
        let column = try WhatIf(["sample", "draws/draw-1.scm", "--rows", "4", "--draw-column"], in: dir)
        #expect(column.stderr == "whatif: error: --draw-column goes with a folder of posterior draws (whatif fit --draws)\n")
        try "x = Normal(0, 1)\n".write(to: dir.appendingPathComponent("lonely.scm"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("one"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("lonely.scm"), to: dir.appendingPathComponent("one/a.scm"))
        let single = try WhatIf(["sample", "one", "--rows", "4"], in: dir)
        #expect(single.stderr == "whatif: error: one: a folder of posterior draws needs at least 2 .scm files (found 1)\n")
    }

    @Test func counterfactualOverExactDrawsGivesTheQuantilesOfTheDrawsAnswers() throws {
        let dir = try Self.drawsFolder(slopes: [1, 2, 3, 4])
        defer { try? FileManager.default.removeItem(at: dir) }
        // E[y | do(x = 1)] = b in each draw, exactly: mean 2.5, sd √(5/3), type-7 quantiles 1 + 3·0.025 and 1 + 3·0.975.
        let run = try WhatIf(["counterfactual", "draws", "--do", "x=1", "--query", "y", "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["draws"] as? Int == 4)
        #expect(abs((json?["expectation"] as? Double ?? .nan) - 2.5) < 1e-12)
        let summary = (json?["posteriorIntervals"] as? [String: Any])?["expectation"] as? [String: Any]
        #expect(abs((summary?["lower"] as? Double ?? .nan) - 1.075) < 1e-12)
        #expect(abs((summary?["upper"] as? Double ?? .nan) - 3.925) < 1e-12)
        #expect(abs((summary?["sd"] as? Double ?? .nan) - (5.0 / 3).squareRoot()) < 1e-12)
        #expect(summary?["monteCarloStandardError"] as? Double == 0)
        let text = try WhatIf(["counterfactual", "draws", "--do", "x=1", "--query", "y"], in: dir)
        #expect(text.stdout.contains("posterior mean") && text.stdout.contains("Over 4 posterior draws"))
        let table = try WhatIf(["counterfactual", "draws", "--do", "x=1", "--evidence", "e.csv"], in: dir)
        #expect(table.stderr.hasPrefix("whatif: error: --evidence and --twin-network take one model file"))
    }

    @Test func probabilitiesOfCausationOverDraws() throws {
        let dir = try Self.drawsFolder([0.2, 0.1].map { "x ~ Bernoulli(0.5)\ny ~ Bernoulli(\($0) + \(0.7 - $0) * x)\n" })
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try WhatIf(["counterfactual", "draws", "--causes", "x:y", "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        // With P(y | x = 1) = 0.7 and P(y | x = 0) = b, comonotone noise gives PN = (0.7 − b)/0.7: 5/7 and 6/7.
        let mean: Double = json?["pn"] as? Double ?? .nan
        #expect(abs(mean - 11.0 / 14) < 1e-9)
        let pn = (json?["posteriorIntervals"] as? [String: Any])?["pn"] as? [String: Any]
        // Type-7 2.5% quantile of two values: 5/7 + 0.025 · (6/7 − 5/7).
        let lower: Double = pn?["lower"] as? Double ?? .nan
        let expected: Double = 5.0 / 7 + 0.025 / 7
        #expect(abs(lower - expected) < 1e-9)
    }

    @Test func sampledDrawsCarryTheirMonteCarloErrorIntoTheSummary() throws {
        let dir = try Self.drawsFolder(slopes: [1, 2, 3, 4])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try WhatIf(["counterfactual", "draws", "--do", "x=1", "--query", "y", "--sampling", "--samples", "2000",
                              "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let summary = (json?["posteriorIntervals"] as? [String: Any])?["expectation"] as? [String: Any]
        // Each draw's estimate is b + the mean of 2000 N(0, 1) noises: Monte Carlo error 1/√2000 per draw.
        let mc = summary?["monteCarloStandardError"] as? Double ?? .nan
        // Each sₖ is a sample sd over 2000 values (relative error 1/√(2·2000)); √(mean sₖ²) pools four.
        #expect(abs(mc * 2000.0.squareRoot() - 1) < 4.5 / (2 * 2000.0 * 4).squareRoot(), "MC error \(mc)")
        let mean = summary?["mean"] as? Double ?? .nan
        #expect(abs(mean - 2.5) < 5 * mc / 2, "mean \(mean)")
        // The parameter part is the spread of the slopes 1, 2, 3, 4: √(5/3), up to the draws'
        // Monte Carlo errors, which move it by about one of them.
        let parameterSD = summary?["parameterSD"] as? Double ?? .nan
        #expect(abs(parameterSD - (5.0 / 3).squareRoot()) < 4.5 * mc, "parameter sd \(parameterSD)")
    }
}

/// `whatif benchmark FOLDER`: the truth over the draws in the table, and the roles it needs.
@Suite struct PosteriorBenchmarkCommandTests {
    @Test func benchmarkOverDrawsShowsTheTruthsPosteriorInterval() throws {
        let dir = try PosteriorDrawsCommandTests.drawsFolder([1, 2].map { "t ~ Bernoulli(0.5)\ny = \($0) * t + Normal(0, 1)\n" })
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try WhatIf(["benchmark", "draws", "--treatment", "t", "--outcome", "y", "--rows", "200", "--replications", "2",
                              "--truth-units", "1000", "--estimators", "difference-in-means", "--json", "-"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let ate = (json?["truth"] as? [String: Any])?["ATE"] as? [String: Any]
        #expect(abs((ate?["mean"] as? Double ?? .nan) - 1.5) < 1e-9)
        let missing = try WhatIf(["benchmark", "draws", "--rows", "200", "--replications", "2"], in: dir)
        #expect(missing.stderr.hasPrefix("whatif: error: a folder of posterior draws needs --treatment and --outcome"))
    }

    @Test func mediationBenchmarkOverDraws() throws {
        let dir = try PosteriorDrawsCommandTests.drawsFolder([1, 3].map {
            "t ~ Bernoulli(0.5)\nm = \($0) * t + Normal(0, 1)\ny = 2 * m + Normal(0, 1)\n"
        })
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try WhatIf(["benchmark", "draws", "--mediation", "t:m:y", "--rows", "200", "--replications", "2",
                              "--truth-units", "1000", "--estimators", "product-of-coefficients", "--json", "-"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        // The indirect effect is 2a: 2 and 6 in the two draws.
        let indirect = (json?["truth"] as? [String: Any])?["naturalIndirect"] as? [String: Any]
        let mean: Double = indirect?["mean"] as? Double ?? .nan
        #expect(abs(mean - 4) < 1e-9)
    }
}
