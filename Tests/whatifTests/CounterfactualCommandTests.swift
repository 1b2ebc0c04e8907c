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
}
