import Foundation
import Testing

/// The errors a newcomer meets name what they typed and what they meant.
@Suite struct NewcomerErrorTests {
    static let daily = ImpactCommandTests.example.replacingOccurrences(of: "impact-canonical.csv", with: "daily-sales.csv")

    @Test func anUnknownOptionIsNamedWithTheOneMeant() throws {
        let cases: [([String], String)] = [
            (["sample", "banner", "--out", "x.csv", "--rows", "3"], "unknown option '--out' for whatif sample (did you mean '--output'?)"),
            (["impact", ImpactCommandTests.example, "--pre", "1:70", "--post", "71:100", "--iterations", "100"],
             "unknown option '--iterations' for whatif impact (did you mean '--niter'?)"),
            // Not "missing --rows": the unknown option is the problem.
            (["sample", "banner", "--row", "5"], "unknown option '--row' for whatif sample (did you mean '--rows'?)"),
            (["graph", "banner", "--adjustment-set", "banner", "spend"],
             "unknown option '--adjustment-set' for whatif graph (did you mean '--adjustment-sets'?)"),
        ]
        for (arguments, message) in cases {
            let run = try WhatIf(arguments)
            #expect(run.status != 0)
            #expect(run.stderr == "whatif: error: \(message); see whatif \(arguments[0]) --help\n")
        }
    }

    @Test func aMisspelledVariableGetsASuggestion() throws {
        let graph = try WhatIf("graph", "banner", "--adjustment-sets", "banner", "spnd")
        #expect(graph.stderr == "whatif: error: unknown variable 'spnd' in outcome (did you mean 'spend'?)\n")
        let query = try WhatIf("counterfactual", "banner", "--observe", "banner=0", "--do", "banner=1", "--query", "spnd")
        #expect(query.stderr == "whatif: error: no variable named 'spnd' in the model (did you mean 'spend'?)\n")
    }

    @Test func negativeNumbersReachTheirChecks() throws {
        let rows = try WhatIf("benchmark", "banner", "--rows", "-5", "--replications", "2")
        #expect(rows.stderr == "whatif: error: --rows: must be at least 10 (got -5)\n")
        let seed = try WhatIf("impact", ImpactCommandTests.example, "--pre", "1:70", "--post", "71:100", "--seed", "-1")
        #expect(seed.status != 0 && seed.stderr.contains("'-1'") && !seed.stderr.contains("Missing value"))
    }

    @Test func periodsGivenAsDatesAreEchoedAsDates() throws {
        let overlap = try WhatIf("impact", Self.daily, "--pre", "2024-01-01:2024-03-31", "--post", "2024-03-20:2024-04-30")
        #expect(overlap.stderr == "whatif: error: the post-period (date 2024-03-20 to 2024-04-30, rows 80 to 121) must "
            + "start after the pre-period ends (date 2024-03-31, row 91)\n")
        let short = try WhatIf("impact", Self.daily, "--pre", "2024-01-01:2024-01-02", "--post", "2024-03-20:2024-04-30")
        #expect(short.stderr == "whatif: error: the pre-period (date 2024-01-01 to 2024-01-02, rows 1 to 2) has 2 rows; "
            + "it needs at least 3\n")
        let reversed = try WhatIf("impact", Self.daily, "--pre", "2024-03-01:2024-01-02", "--post", "2024-03-20:2024-04-30")
        #expect(reversed.stderr == "whatif: error: pre-period '2024-03-01:2024-01-02': it ends (date 2024-01-02, row 2) "
            + "before it starts (date 2024-03-01, row 61)\n")
    }

    /// A parameter out of range met while sampling names the file and the line of its variable.
    @Test func aRuntimeParameterErrorNamesTheFileAndLine() throws {
        let model = CommandLineTests.temporaryPath("scale.scm")
        try "# a scale that can go negative\nx = Normal(0, 1)\ny ~ Normal(0, x)\n".write(toFile: model, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: model) }
        let run = try WhatIf("sample", model, "--rows", "50", "--seed", "1")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("whatif: error: \(model):3:1: variable 'y': row "), "\(run.stderr)")
        #expect(run.stderr.contains("Normal parameter sd = -"))
    }
}

/// Negative values reach every option's own check; an empty file name is named as such.
@Suite struct NegativeAndEmptyValueTests {
    @Test func negativeValuesAreCheckedNotMistakenForOptions() throws {
        let rows = try WhatIf("sample", "banner", "--rows", "-5")
        #expect(rows.stderr == "whatif: error: --rows must not be negative (got -5)\n")
        let samples = try WhatIf("counterfactual", "banner", "--observe", "spend=20", "--do", "banner=1", "--query", "spend",
                                 "--samples", "-3")
        #expect(samples.stderr == "whatif: error: --samples must be between 1 and 10000000 draws per unit (got -3)\n")
        // A negative value of a variable is a value, as before.
        let intervened = try WhatIf("sample", "banner", "--rows", "2", "--do", "engagement=-3")
        #expect(intervened.status == 0 && intervened.stdout.contains("\n-3,"))
    }

    @Test func anEmptyOutputNameIsRefused() throws {
        let run = try WhatIf("sample", "banner", "--rows", "3", "--output", "")
        #expect(run.status == 1)
        #expect(run.stderr == "whatif: error: an output file's name is empty: give a file name, or - for standard output\n")
    }

    @Test func controlCharactersInAMessageAreShownNotActedOn() throws {
        let run = try WhatIf("sample", "nosuch\u{1B}[31m\nline", "--rows", "2")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("whatif: error: 'nosuch\\u{1B}[31m\\u{A}line' is neither a catalog model nor a file"))
        #expect(run.stderr.filter { $0 == "\n" }.count == 1 && !run.stderr.contains("\u{1B}"))
    }
}
