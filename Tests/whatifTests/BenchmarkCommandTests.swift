import Foundation
import Testing

/// `whatif benchmark`: the JSON contract, the picture, the table and the errors.
@Suite struct BenchmarkCommandTests {
    @Test func writesTheContractJSONThePlotAndATable() throws {
        let json = CommandLineTests.temporaryPath("bench.json"), plot = CommandLineTests.temporaryPath("bench.svg")
        defer {
            try? FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: plot)
        }
        let run = try WhatIf("benchmark", "banner", "--treatment", "banner", "--outcome", "spend", "--rows", "300",
                             "--replications", "3", "--seed", "4", "--truth-units", "5000",
                             "--estimators", "difference-in-means,ipw", "--json", json, "--plot", plot)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let truth = try #require(root["truth"] as? [String: Any])
        #expect(truth["ate"] as? Double == 5 && truth["att"] as? Double == 5 && truth["atu"] as? Double == 5)
        let estimators = try #require(root["estimators"] as? [[String: Any]])
        #expect(estimators.map { $0["name"] as? String } == ["difference-in-means", "ipw"])
        for entry in estimators {
            for key in ["meanEstimate", "bias", "rmse", "coverage", "seconds"] {
                #expect(entry[key] is Double, "\(entry["name"] ?? "?"): \(key)")
            }
        }
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg ") && svg.contains(">ipw</text>"))
        #expect(run.stdout.hasPrefix("Benchmark: the effect of banner on spend in banner\n"))
        #expect(run.stdout.contains("\n  difference-in-means  ") && run.stdout.contains("\nTruth (exact: "))
        #expect(run.stdout.hasSuffix("The model file states the effect of banner on spend as 5 "
            + "(E[spend | do(banner = 1)] − E[spend | do(banner = 0)]).\n"))
    }

    /// An output that cannot be written fails before the replications run, in one line,
    /// and leaves the other output unwritten.
    @Test func anUnwritableOutputFailsAtOnce() throws {
        let plot = CommandLineTests.temporaryPath("plot.svg")
        defer { try? FileManager.default.removeItem(atPath: plot) }
        let started = Date()
        let run = try WhatIf("benchmark", "heterogeneous_effect", "--rows", "200", "--replications", "2000",
                             "--plot", plot, "--json", "/no/such/folder/b.json")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("whatif: error: /no/such/folder/b.json: ") && run.stderr.filter { $0 == "\n" }.count == 1,
                "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 60, "the replications ran first")
        #expect(!FileManager.default.fileExists(atPath: plot))
    }

    @Test func defaultsToTheCatalogsStatedEffect() throws {
        let run = try WhatIf("benchmark", "difference_in_differences", "--rows", "200", "--replications", "2",
                             "--truth-units", "5000", "--estimators", "did-2x2")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2×2 difference in differences: campaign = treated × post"))
    }

    @Test func errorsAreOneLine() throws {
        let unknown = try WhatIf("benchmark", "banner", "--treatment", "baner", "--outcome", "spend", "--rows", "100",
                                 "--replications", "2")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "whatif: error: no variable named 'baner' in the model (did you mean 'banner'?)\n")
        let inapplicable = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "2", "--estimators", "iv-2sls")
        #expect(inapplicable.status == 1)
        #expect(inapplicable.stderr == "whatif: error: estimator 'iv-2sls' cannot run on this design: it needs an instrument\n")
        let json = CommandLineTests.temporaryPath("never.json")
        let tooFew = try WhatIf("benchmark", "banner", "--rows", "5", "--replications", "2", "--json", json)
        #expect(tooFew.status != 0 && tooFew.stderr.contains("--rows: must be at least 10 (got"))
        #expect(!FileManager.default.fileExists(atPath: json))
    }

    /// Writes `text` to a temporary model file; the caller removes it.
    static func modelFile(_ name: String, _ text: String) throws -> String {
        let path = CommandLineTests.temporaryPath(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A model given by path defaults to the effect its own comment line states.
    @Test func aModelFileStatesItsOwnEffect() throws {
        let path = try Self.modelFile("dose.scm", """
            # a dose and a response
            # true effect of dose on response: 2.5
            dose ~ Bernoulli(0.5)
            response = 2.5 * dose + Normal(0, 1)
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("benchmark", path, "--rows", "100", "--replications", "2", "--truth-units", "1000",
                             "--estimators", "difference-in-means")
        #expect(run.status == 0, "\(run.stderr)")
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        #expect(run.stdout.hasPrefix("Benchmark: the effect of dose on response in \(name)\n"))
        #expect(run.stdout.hasSuffix("The model file states the effect of dose on response as 2.5 "
            + "(E[response | do(dose = 1)] − E[response | do(dose = 0)]).\n"))

        // A statement the model does not bear out is called out: the truth is exactly 8.
        let wrongValue = try Self.modelFile("eight.scm", "# true effect of dose on response: 5\ndose ~ Bernoulli(0.5)\n"
            + "response = 8 * dose + Normal(0, 1)\n")
        defer { try? FileManager.default.removeItem(atPath: wrongValue) }
        let disagreeing = try WhatIf("benchmark", wrongValue, "--rows", "100", "--replications", "2", "--truth-units", "1000",
                                     "--estimators", "difference-in-means")
        #expect(disagreeing.stdout.hasSuffix("The model file states the effect of dose on response as 5 "
            + "(E[response | do(dose = 1)] − E[response | do(dose = 0)]), but the model gives 8 (exact): the file's "
            + "statement is wrong, or about another quantity.\n"))

        let silent = try Self.modelFile("silent.scm", "dose ~ Bernoulli(0.5)\nresponse = dose + Normal(0, 1)\n")
        defer { try? FileManager.default.removeItem(atPath: silent) }
        let unstated = try WhatIf("benchmark", silent, "--rows", "100", "--replications", "2")
        #expect(unstated.status == 1)
        #expect(unstated.stderr == "whatif: error: name the treatment and the outcome: \(silent) states no effect to default to "
            + "(a comment line '# true effect of X on Y: value')\n")

        let wrong = try Self.modelFile("wrong.scm", "# true effect of dose on outcome: 1\ndose ~ Bernoulli(0.5)\nresponse = dose\n")
        defer { try? FileManager.default.removeItem(atPath: wrong) }
        let misnamed = try WhatIf("benchmark", wrong, "--rows", "100", "--replications", "2")
        #expect(misnamed.status == 1)
        #expect(misnamed.stderr == "whatif: error: \(wrong): the stated '# true effect of dose on outcome' names 'outcome', "
            + "which is not a variable of the model\n")
    }

    /// Sizes beyond memory are one-line errors naming the option, in the benchmark's
    /// words; the largest replication count once crashed the process.
    @Test func sizesBeyondMemoryAreOneLineErrors() throws {
        for (option, value, start) in [
            ("--replications", "9223372036854775807", "--replications: 9223372036854775807 replications of 1 estimator need about "),
            ("--replications", "1000000000", "--replications: 1000000000 replications of 1 estimator need about "),
            ("--truth-units", "10000000000", "--truth-units: 10000000000 Monte Carlo units need about "),
            ("--rows", "10000000000", "--rows: 10000000000 rows per replication need about "),
        ] {
            var arguments = ["benchmark", "banner", "--rows", "100", "--replications", "2", "--estimators", "difference-in-means"]
            let at = arguments.firstIndex(of: option).map { $0 + 1 }
            if let at { arguments[at] = value } else { arguments += [option, value] }
            let run = try WhatIf(arguments)
            #expect(run.status == 1, "\(option)")
            #expect(run.stderr.hasPrefix("whatif: error: " + start), "\(run.stderr)")
            #expect(run.stderr.contains("this machine has room for") && !run.stderr.contains("write them to a file"))
            #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test func estimatorListsAreChecked() throws {
        for (list, message) in [("ipw,,aipw", "--estimators: name 2 of 3 is empty"),
                                ("ipw, aipw ,ipw", "--estimators: 'ipw' is named twice"),
                                ("ipw,", "--estimators: name 2 of 2 is empty"),
                                (" ", "--estimators: name 1 of 1 is empty")] {
            let run = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "2", "--estimators", list)
            #expect(run.status == 64 && run.stderr == "whatif: error: \(message)\n", "'\(list)': \(run.stderr)")
        }
        // White space around names is trimmed.
        let spaced = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "1", "--truth-units", "1000",
                                "--estimators", " aipw , ipw ")
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout.contains("\n  ipw ") && spaced.stdout.contains("\n  aipw "))
        #expect(spaced.stdout.contains("\n1 replication of 100 rows (seed 1); "))
        let help = try WhatIf("benchmark", "--help")
        #expect(help.stdout.contains("ipw-horvitz-thompson, ipw, aipw,"))
    }

    /// A replication that cannot be sampled is named with its sample seed, and
    /// `whatif sample` with that seed meets the same error.
    @Test func aFailedReplicationNamesItsSeed() throws {
        let path = try Self.modelFile("broken.scm", "x = Normal(0, 1)\nt ~ Bernoulli(0.5)\ny = log(x) + t\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("benchmark", path, "--treatment", "t", "--outcome", "y", "--rows", "100", "--replications", "3")
        #expect(run.status == 1)
        let prefix = "whatif: error: replication 1 of 3 (sample seed "
        #expect(run.stderr.hasPrefix(prefix), "\(run.stderr)")
        let rest = run.stderr.dropFirst(prefix.count)
        let seed = try #require(rest.firstIndex(of: ")").map { String(rest[..<$0]) })
        let sample = try WhatIf("sample", path, "--rows", "100", "--seed", seed)
        #expect(sample.status == 1)
        // The sample names the file and line of the variable too.
        let located = "whatif: error: \(path):3:1: "
        #expect(sample.stderr.hasPrefix(located), "\(sample.stderr)")
        #expect(run.stderr.hasSuffix(String(sample.stderr.dropFirst(located.count))), "\(sample.stderr)")
        #expect(sample.stderr.contains("variable 'y': row "))
    }

    /// Reverse causation is explained as such, with a true effect of 0.
    @Test func reverseCausationIsExplained() throws {
        let run = try WhatIf("benchmark", "banner", "--treatment", "spend", "--outcome", "banner", "--rows", "200",
                             "--replications", "2", "--truth-units", "1000", "--estimators", "dml-plr-linear")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n  reverse causation: banner causes spend (spend is a descendant of banner)"))
        #expect(!run.stdout.contains("unobserved common cause"))
        #expect(run.stdout.contains("\n  ATE                           0           exact\n"))
    }
}
