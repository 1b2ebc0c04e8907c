import Testing
import Tabular
@testable import CausalImpact

/// The printed table, against R's own printing of R's own numbers.
@Suite struct SummaryTableTests {
    @Test(arguments: ["canonical", "aa_null", "missing_pre", "canonical_dynamic", "weekly_duration",
                      "canonical_bsts_priors", "large_sparse"])
    func tableMatchesRsLayoutAndRounding(name: String) throws {
        let reference = try ReferenceCase(name)
        let printed = try reference.printedSummary
        let start = try #require(printed.firstIndex { $0.contains("Average") })
        let expected = Array(printed[start..<(start + 10)])
        let ours = SummaryTable.table(try reference.summary()).map(\.withoutTrailingSpaces)
        #expect(ours.count == expected.count)
        for (line, (mine, theirs)) in zip(ours, expected).enumerated() {
            #expect(mine == theirs, "line \(line + 1)")
        }
    }

    @Test func wholeTextOfAFabricatedResult() throws {
        let result = try FabricatedResult.make()
        // R's format(digits = 2) gives the pair (0.5, 1) one decimal: "0.5", "1.0"; and 5% none.
        #expect(SummaryTable.text(of: result) == """
            Posterior inference for 'visits' (whatif impact)

            Pre-period:  date 2024-01-01 to 2024-01-06 (rows 1 to 6, 6 points)
            Post-period: date 2024-01-07 to 2024-01-08 (rows 7 to 8, 2 points)
            Posterior draws: 500

                                     Average      Cumulative
            Actual                   12           24
            Prediction (s.d.)        10 (0.5)     20 (1.0)
            95% CI                   [9, 11]      [18, 22]

            Absolute effect (s.d.)   2 (0.5)      4 (1.0)
            95% CI                   [1, 3]       [2, 6]

            Relative effect (s.d.)   20% (5%)     20% (5%)
            95% CI                   [10%, 30%]   [10%, 30%]

            Posterior tail-area probability p:   0.002
            Posterior prob. of a causal effect:  99.8%

            """)
    }

    @Test func illConditionedResultSaysWhy() throws {
        let table = try CSVReader.parse("y\n3\n3\n3\n4\n", source: "flat.csv")
        let spec = ImpactSpecification(pre: .rows(1...3), post: .rows(4...4))
        let result = try ImpactAnalysis.outcome(data: try ImpactData(table: table, specification: spec), specification: spec) { _ in
            try StateDraws(states: [[0]], observationSD: [0])
        }
        #expect(SummaryTable.text(of: result).hasSuffix(
            "\nNo inference: the response 'y' is constant in the pre-period, so there is no variation to model.\n"))
    }
}
