import Testing
@testable import Validation

/// The benchmark's verdict per estimator, at its stated thresholds.
@Suite struct VerdictTests {
    /// An estimator's performance over `runs` replications with the given figures.
    static func performance(runs: Int, coverage: Double, meanSE: Double, sd: Double, bias: Double = 0) throws
        -> EstimatorPerformance {
        var p = try #require(try ReportTests.report().estimators.first { $0.name == "difference-in-means" })
        p.runs = runs
        p.failures = 0
        p.coverage = coverage
        p.meanStandardError = meanSE
        p.standardDeviation = sd
        p.bias = bias
        p.biasStandardError = sd / Double(runs).squareRoot()
        return p
    }

    @Test func fineWhenEveryFigureIsWithinItsMonteCarloError() throws {
        // 50 replications: coverage may sit 2 × √(0.95 · 0.05 / 50) = 6.2 points low; SE/SD 1 ± 0.2.
        let p = try Self.performance(runs: 50, coverage: 0.90, meanSE: 1.15, sd: 1)
        #expect(p.verdicts(level: 0.95).isEmpty)
        #expect(p.verdictText(level: 0.95) == "fine")
    }

    @Test func eachFlagAtItsThreshold() throws {
        #expect(try Self.performance(runs: 50, coverage: 0.88, meanSE: 1, sd: 1).verdicts(level: 0.95) == [.underCovers])
        // The IPW of the newcomer's report: 100% coverage with SE/SD 1.28 over 50 replications.
        #expect(try Self.performance(runs: 50, coverage: 1, meanSE: 1.28, sd: 1).verdicts(level: 0.95) == [.tooWide])
        #expect(try Self.performance(runs: 50, coverage: 0.9, meanSE: 0.75, sd: 1).verdicts(level: 0.95) == [.tooNarrow])
        // Bias beyond its 99.73% t critical value (about 3.1 SEs at 49 degrees of freedom).
        let biased = try Self.performance(runs: 50, coverage: 0.6, meanSE: 1, sd: 1, bias: 3.5 / 50.0.squareRoot())
        #expect(biased.verdicts(level: 0.95) == [.biased, .underCovers])
        #expect(biased.verdictText(level: 0.95) == "biased, under-covers")
    }

    @Test func fewReplicationsWidenTheTolerance() throws {
        // 5 replications: an SD is known to 2/√8 = 71%, so SE/SD 1.5 is not flagged.
        #expect(try Self.performance(runs: 5, coverage: 1, meanSE: 1.5, sd: 1).verdicts(level: 0.95).isEmpty)
        #expect(try Self.performance(runs: 1, coverage: 0, meanSE: 1, sd: .nan).verdictText(level: 0.95) == "—")
    }
}
