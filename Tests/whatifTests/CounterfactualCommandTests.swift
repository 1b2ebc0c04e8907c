import Foundation
import Testing

/// `whatif counterfactual` run as a process: the forms of the command-line contract.
@Suite struct CounterfactualCommandTests {
    @Test func bannerQuestionInWordsAndJSON() throws {
        let words = try WhatIf("counterfactual", "banner", "--observe", "engagement=40,banner=0,spend=20", "--do", "banner=1",
                               "--query", "spend")
        #expect(words.status == 0)
        #expect(words.stdout == """
            counterfactual  spend had do(banner = 1) been done
            given           engagement = 40, banner = 0, spend = 20
            expectation     25
            standard error  0 (exact)
            method          exact inversion

            """)
        let json = try WhatIf("counterfactual", "banner", "--observe", "engagement=40,banner=0,spend=20", "--do", "banner=1",
                              "--query", "spend", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(object["query"] as? String == "spend")
        #expect(object["expectation"] as? Double == 25)
        #expect(object["standardError"] as? Double == 0)
        #expect(object["method"] as? String == "exact inversion")
        #expect(object["effectiveSampleSize"] == nil)
    }

    @Test func sampledAnswersReportTheirEffectiveSampleSize() throws {
        let run = try WhatIf("counterfactual", "banner", "--observe", "spend=20", "--do", "banner=1", "--query", "banner",
                             "--json", "--samples", "2000", "--seed", "4")
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(object["method"] as? String == "likelihood weighting")
        #expect(object["expectation"] as? Double == 1)
        let ess = try #require(object["effectiveSampleSize"] as? Double)
        #expect(ess > 100 && ess <= 2000)
    }

    @Test func evidenceTableGivesOneRowPerUnit() throws {
        let input = CommandLineTests.temporaryPath("observed.csv"), output = CommandLineTests.temporaryPath("cf.csv")
        defer {
            try? FileManager.default.removeItem(atPath: input)
            try? FileManager.default.removeItem(atPath: output)
        }
        try "engagement,banner,spend\n40,0,20\n55,1,40\n".write(toFile: input, atomically: true, encoding: .utf8)
        let run = try WhatIf("counterfactual", "banner", "--evidence", input, "--do", "banner=1", "--output", output)
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "engagement,banner,spend\n40,1,25\n55,1,40\n")
        let missing = CommandLineTests.temporaryPath("missing.csv")
        defer { try? FileManager.default.removeItem(atPath: missing) }
        try "engagement,spend\n40,20\n".write(toFile: missing, atomically: true, encoding: .utf8)
        let bad = try WhatIf("counterfactual", "banner", "--evidence", missing, "--do", "banner=1")
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("whatif: error: \(missing): the evidence has no column for banner"))
        #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func badEvidenceIsOneLine() throws {
        let unknown = try WhatIf("counterfactual", "banner", "--observe", "bannr=1", "--do", "banner=1", "--query", "spend")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "whatif: error: evidence: no variable named 'bannr' in the model (did you mean 'banner'?)\n")
        let impossible = try WhatIf("counterfactual", "banner", "--observe", "engagement=40,banner=2,spend=20", "--do", "banner=1",
                                    "--query", "spend")
        #expect(impossible.status == 1)
        #expect(impossible.stderr.contains("probability zero") && impossible.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func probabilitiesOfCausationWithBounds() throws {
        let run = try WhatIf("counterfactual", "simpsons_paradox", "--causes", "department:admitted", "--json")
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        for key in ["pn", "ps", "pns"] {
            let item = try #require(object[key] as? [String: Any])
            let value = try #require(item["value"] as? Double)
            let lower = try #require(item["lower"] as? Double), upper = try #require(item["upper"] as? Double)
            #expect(lower - 1e-12 <= value && value <= upper + 1e-12, "\(key)")
            #expect(item["method"] as? String == "exact enumeration")
        }
    }

    @Test func twinNetworkPicture() throws {
        let path = CommandLineTests.temporaryPath("twin.dot")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("counterfactual", "banner", "--do", "banner=1", "--twin-network", path)
        #expect(run.status == 0)
        let dot = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dot.contains("\"banner* = 1\"") && dot.contains("\"spend*\"") && dot.contains("\"U_spend\""))
    }

    // MARK: Adversarial inputs (each once trapped, hung or misled)

    /// One line on standard error, exit status 1.
    static func expectOneLineError(_ run: WhatIf, containing words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "status \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("whatif: error: ") && run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)",
                sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)", sourceLocation: sourceLocation) }
    }

    static func model(_ text: String) throws -> String {
        let path = CommandLineTests.temporaryPath("model.scm")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func drawCountsBeyondTheLimitAreOneLineErrors() throws {
        let evidence = CommandLineTests.temporaryPath("observed.csv")
        defer { try? FileManager.default.removeItem(atPath: evidence) }
        try "temperature,price,bookings\n23,50,\n".write(toFile: evidence, atomically: true, encoding: .utf8)
        for samples in ["9223372036854775807", "10000001"] {
            let query = try WhatIf("counterfactual", "confounding", "--observe", "price=50", "--do", "price=40", "--query", "bookings",
                                   "--samples", samples, "--sampling")
            #expect(query.status != 0 && query.stderr.contains("--samples") && query.stderr.contains("10000000"), "\(query.stderr)")
            let table = try WhatIf("counterfactual", "confounding", "--evidence", evidence, "--do", "price=40",
                                   "--samples", samples, "--sampling")
            #expect(table.status != 0 && table.stderr.contains("--samples"), "\(table.stderr)")
        }
    }

    @Test func treatmentAndOutcomeMustDiffer() throws {
        for option in ["--causes", "--effect-on-treated"] {
            let run = try WhatIf("counterfactual", "simpsons_paradox", option, "admitted:admitted")
            Self.expectOneLineError(run, containing: [option, "admitted"])
        }
    }

    @Test func emptyAssignmentsAreRejected() throws {
        for assignment in ["", ",", "banner=1,,engagement=2", " "] {
            let run = try WhatIf("counterfactual", "banner", "--observe", "spend=20", "--do", assignment, "--query", "spend")
            Self.expectOneLineError(run, containing: ["--do", "empty"])
        }
        let observe = try WhatIf("counterfactual", "banner", "--observe", "spend=20,,banner=0", "--do", "banner=1", "--query", "spend")
        Self.expectOneLineError(observe, containing: ["--observe", "empty"])
    }

    @Test func twinNetworkIsNotWrittenWhenTheQueryFails() throws {
        let path = CommandLineTests.temporaryPath("twin.dot")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("counterfactual", "banner", "--observe", "banner=3", "--do", "banner=1", "--query", "spend",
                             "--twin-network", path)
        Self.expectOneLineError(run, containing: ["probability zero"])
        #expect(!FileManager.default.fileExists(atPath: path))
        let good = try WhatIf("counterfactual", "banner", "--observe", "banner=0", "--do", "banner=1", "--query", "spend",
                              "--twin-network", path)
        #expect(good.status == 0 && FileManager.default.fileExists(atPath: path))
    }

    /// PN is undefined when no unit is treated with the outcome: JSON null, not an empty object.
    @Test func undefinedProbabilitiesOfCausationAreNull() throws {
        let path = try Self.model("x ~ Bernoulli(0.5)\ny ~ Bernoulli(0.3 * (1 - x))\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("counterfactual", path, "--causes", "x:y", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pn"] is NSNull, "\(run.stdout)")
        let ps = try #require(object["ps"] as? [String: Any])
        #expect(ps["value"] is Double && ps["lower"] is Double)
        let words = try WhatIf("counterfactual", path, "--causes", "x:y")
        #expect(words.status == 0 && words.stdout.contains("undefined"))
    }

    /// One draw cannot estimate a standard error: null in JSON, said in words.
    @Test func oneDrawHasNoStandardError() throws {
        let json = try WhatIf("counterfactual", "confounding", "--observe", "price=50", "--do", "price=40", "--query", "bookings",
                              "--samples", "1", "--sampling", "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["standardError"] is NSNull, "\(json.stdout)")
        #expect(object["expectation"] is Double)
        let words = try WhatIf("counterfactual", "confounding", "--observe", "price=50", "--do", "price=40", "--query", "bookings",
                               "--samples", "1", "--sampling")
        #expect(words.status == 0 && words.stdout.contains("not estimable"), "\(words.stdout)")
    }

    /// Observed values come back exactly as written.
    @Test func observedValuesComeBackExactly() throws {
        let input = CommandLineTests.temporaryPath("observed.csv")
        defer { try? FileManager.default.removeItem(atPath: input) }
        try "temperature,price,bookings\n0.3,50,10\n0.3,,\n".write(toFile: input, atomically: true, encoding: .utf8)
        let run = try WhatIf("counterfactual", "confounding", "--evidence", input, "--do", "price=40")
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n")
        #expect(rows.count == 3 && rows[1].hasPrefix("0.3,40,") && rows[2].hasPrefix("0.3,40,"), "\(run.stdout)")
    }

    @Test func hugeThreadCountsAreHarmless() throws {
        let run = try WhatIf("counterfactual", "banner", "--observe", "engagement=40,banner=0,spend=20", "--do", "banner=1",
                             "--query", "spend", "--threads", "100000")
        #expect(run.status == 0 && run.stdout.contains("expectation     25"), "\(run.stderr)")
    }
}
