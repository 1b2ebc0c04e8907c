import Testing
@testable import CausalModel

/// `PosteriorSummary`: the moments, type-7 quantiles and the law-of-total-variance split,
/// against values worked by hand; bad input is an error, not a trap.
@Suite struct PosteriorSummaryTests {
    @Test func momentsQuantilesAndTheMonteCarloSplit() throws {
        // Values 1, 2, 4, 5 with standard errors 0.3, 0.4, 0 and 0:
        // mean 3; variance (4 + 1 + 1 + 4)/3 = 10/3; mean MC variance (0.09 + 0.16)/4 = 0.0625.
        let values = [TruthValue(value: 2, standardError: 0.4), TruthValue(value: 1, standardError: 0.3),
                      TruthValue(value: 5, standardError: 0), TruthValue(value: 4, standardError: 0)]
        let s = try PosteriorSummary(values, level: 0.5)
        #expect(s.mean == 3)
        #expect(abs(s.sd - (10.0 / 3).squareRoot()) < 1e-12)
        #expect(abs(s.monteCarloStandardError - 0.25) < 1e-12)
        #expect(abs(s.parameterSD - (10.0 / 3 - 0.0625).squareRoot()) < 1e-12)
        #expect(abs(s.standardErrorOfMean - (10.0 / 3 / 4).squareRoot()) < 1e-12)
        // Type 7 on 1, 2, 4, 5 with h = 3p: p = 0.25 gives x[0] + 0.75(x[1] − x[0]) = 1.75, p = 0.75 gives x[2] + 0.25(x[3] − x[2]) = 4.25.
        #expect(abs(s.lower - 1.75) < 1e-12 && abs(s.upper - 4.25) < 1e-12)
        #expect(PosteriorSummary.headers(level: 0.5).prefix(3) == ["posterior mean", "25%", "75%"])
    }

    @Test func tooFewDrawsAndNonFiniteAnswersAreErrors() {
        #expect(throws: ModelError.self) { try PosteriorSummary([TruthValue(value: 1, standardError: 0)]) }
        #expect(throws: ModelError.self) {
            try PosteriorSummary([TruthValue(value: 1, standardError: 0), TruthValue(value: .nan, standardError: 0)])
        }
        #expect(throws: ModelError.self) {
            try PosteriorSummary([TruthValue(value: 1, standardError: 0), TruthValue(value: 2, standardError: 0)], level: 1)
        }
    }
}
