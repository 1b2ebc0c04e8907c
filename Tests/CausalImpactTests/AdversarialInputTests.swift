import Foundation
import Testing
import BSTS
import Reporting
import Tabular
@testable import CausalImpact

/// Regressions from an adversarial review of `whatif impact`: huge options, numeric
/// time indexes, unordered indexes, extreme magnitudes, few draws, number formats
/// and message wording. Each test failed (or crashed) before its fix.
@Suite struct AdversarialInputTests {
    /// 30 rows: a noisy level with a covariate, +3 from row 21 (deterministic, no RNG).
    static func rows(scale: Double = 1, start: Int = 1) -> String {
        var csv = "t,y,x\n"
        for i in 0..<30 {
            let x = 10 + sin(Double(i) * 0.7) * 2
            let y = 5 + 1.5 * x + cos(Double(i) * 1.3) * 0.4 + (i >= 20 ? 3 : 0)
            csv += "\(i + start),\((y * scale).description),\((x * scale).description)\n"
        }
        return csv
    }

    static func message(_ csv: String = rows(), pre: String = "1:20", post: String = "21:30",
                        configure: (inout ImpactSpecification) -> Void = { _ in }) -> String {
        ImpactErrorTests.message(csv, pre: pre, post: post, configure: configure)
    }

    static func run(_ csv: String, niter: Int = 60,
                    configure: (inout ImpactSpecification) -> Void = { _ in }) throws -> ImpactResult {
        var spec = ImpactSpecification(pre: .rows(1...20), post: .rows(21...30))
        spec.sampler.iterations = niter
        configure(&spec)
        return try ImpactAnalysis.run(table: try CSVReader.parse(csv, source: "data.csv"), specification: spec)
    }

    // MARK: 1. Huge options are refused before anything is allocated

    @Test func hugeSeasonsNiterAndChainsAreRefused() {
        #expect(Self.message { $0.model.seasons = Int.max } == "--seasons 9223372036854775807: must be at most 20, "
            + "the number of pre-period points (from the first to the last observed response): with more seasons, "
            + "some season never occurs before the intervention")
        #expect(Self.message { $0.model.seasons = 21 }.hasPrefix("--seasons 21: must be at most 20"))
        #expect(Self.message { $0.model.seasons = 20 } == "no error")
        #expect(Self.message { $0.sampler.iterations = Int.max }.hasPrefix(
            "--niter 9223372036854775807: at most "))
        #expect(Self.message { $0.sampler.chains = Int.max } == "--chains 9223372036854775807: must be at most 64")
        #expect(Self.message { $0.sampler.chains = 64 } == "no error")
    }

    @Test func theIterationLimitFollowsTheMemoryTheDrawsNeed() throws {
        // 30 modelled rows, a local level, one covariate, one chain: each iteration keeps a
        // 30-row array (8 · 30 + 48 bytes) and 2 + 1 + 2 scalars (40 bytes), 328 bytes in
        // all; the machine's budget less the workspace (8 · (2·30 + 30 + 8·30 + 2·1²) bytes)
        // and the shared design, X'X and prior precision (8 · (30·1 + 2·1²)) holds the rest,
        // at 328 bytes an iteration.
        let chainWorkspace: Double = 8 * (2 * 30 + 30 + 8 * 30 + 2)
        let shared: Double = 8 * (30 + 2)
        let room: Double = FitLimits.memoryBudget - chainWorkspace - shared
        let most = Int((room / 328).rounded(.down))
        #expect(Self.message { $0.sampler.iterations = most } == "no error")
        let refused = Self.message { $0.sampler.iterations = most + 1 }
        #expect(refused.hasPrefix("--niter \(most + 1): at most \(most) "))
        #expect(refused.hasSuffix("iterations per chain fit in the \(FitLimitViolation.gibibytes(FitLimits.memoryBudget)) "
                                  + "GiB memory limit with 30 modelled rows and 1 chain"))
    }

    @Test func theLibraryFitChecksTheSameLimits() {
        let y = (0..<30).map { 5 + cos(Double($0) * 1.3) }
        func failure(_ model: ModelOptions = ModelOptions(), _ sampler: SamplerOptions = SamplerOptions()) -> String {
            do {
                _ = try BSTSModel.fit(response: y, covariates: [], covariateNames: [], model: model, sampler: sampler)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure(ModelOptions(seasons: Int.max)) == "seasons = 9223372036854775807 must be at most 30, the "
            + "number of time points from the first to the last observed response")
        #expect(failure(ModelOptions(seasons: 100_000)).hasPrefix("seasons = 100000 must be at most 30"))
        #expect(failure(ModelOptions(), SamplerOptions(iterations: Int.max)).hasPrefix("iterations = 9223372036854775807: at most "))
        #expect(failure(ModelOptions(), SamplerOptions(chains: Int.max)) == "chains = 9223372036854775807: at most 64 chains can be run")
    }

    @Test func aSeasonalCycleLongerThanThePreperiodIsAWarning() throws {
        let result = try Self.run(Self.rows()) {
            $0.model.seasons = 7
            $0.model.seasonDuration = 3
        }
        let warning = "the seasonal cycle (7 seasons of 3 points) is longer than the pre-period (20 points): "
            + "some seasons never occur before the intervention, so their effects come from the prior alone."
        #expect(SummaryTable.text(of: result).contains("\nWarning: \(warning)\n"))
        #expect(result.jsonText().contains(warning))
        #expect(ImpactReport.text(of: result, width: 10_000).contains("The seasonal cycle (7 seasons of 3 points) is "
            + "longer than the pre-period (20 points)"))
        let fits = try Self.run(Self.rows()) { $0.model.seasons = 5; $0.model.seasonDuration = 4 }
        #expect(!SummaryTable.text(of: fits).contains("seasonal cycle"))
    }

    // MARK: 2–3. Time indexes: periods in their values only, complete and in order

    @Test func aTimeIndexThatIsNotInOrderOrRepeatsIsRefused() {
        var swapped = Self.rows().split(separator: "\n").map(String.init)
        swapped.swapAt(4, 5)
        #expect(Self.message(swapped.joined(separator: "\n")) ==
            "data.csv: time index 't' is not in time order: row 5 (4) comes after row 4 (5); sort the rows by time")
        let repeated = Self.rows().replacingOccurrences(of: "\n9,", with: "\n3,")
        #expect(Self.message(repeated) ==
            "data.csv: time index 't' repeats 3 on rows 3 and 9; each time point must appear once")
        let missing = Self.rows().replacingOccurrences(of: "\n9,", with: "\nNA,")
        #expect(Self.message(missing) == "data.csv: time index 't' is missing on row 9")
        let dates = "date,y\n2024-01-01,1\n2024-01-03,2\n2024-01-02,4\n2024-01-04,3\n2024-01-05,9\n"
        #expect(Self.message(dates, pre: "2024-01-01:2024-01-04", post: "2024-01-05:2024-01-05") ==
            "data.csv: time index 'date' is not in time order: row 3 (2024-01-02) comes after row 2 (2024-01-03); "
            + "sort the rows by time")
        let duplicateDates = "date,y\n2024-01-01,1\n2024-01-02,2\n2024-01-02,4\n2024-01-04,3\n2024-01-05,9\n"
        #expect(Self.message(duplicateDates, pre: "2024-01-01:2024-01-04", post: "2024-01-05:2024-01-05") ==
            "data.csv: time index 'date' repeats 2024-01-02 on rows 2 and 3; each time point must appear once")
        // Text whose order cannot be read as text (day first) is only checked for repeats.
        let dayFirst = "date,y\n30/01/2024,1\n31/01/2024,2\n01/02/2024,4\n02/02/2024,3\n03/02/2024,9\n"
        #expect(Self.message(dayFirst, pre: "30/01/2024:02/02/2024", post: "03/02/2024:03/02/2024") == "no error")
    }

    @Test func textSortsChronologicallyOnlyInBiggestUnitFirstForms() {
        #expect(TimeIndex.sortsChronologically(["2024-01-31", "2024-02-01"]))
        #expect(TimeIndex.sortsChronologically(["2024-01-31T09:00", "2024-01-31T10:00"]))
        #expect(TimeIndex.sortsChronologically(["09:00", "10:30"]))
        #expect(!TimeIndex.sortsChronologically(["31/01/2024", "01/02/2024"]))
        #expect(!TimeIndex.sortsChronologically(["2024-1-31", "2024-02-01"]))
        #expect(!TimeIndex.sortsChronologically(["Jan", "Feb"]))
    }

    // MARK: 4. Very large and very small data

    @Test func standardisationIsRightAtAnyMagnitude() {
        for scale in [1e-300, 1e-200, 1e155, 1e302] {
            // 1, 2, 3 times the scale: mean 2·scale, sd scale.
            let map = Standardization(fitting: [1 * scale, .nan, 2 * scale, 3 * scale])
            #expect(abs(map.mean / (2 * scale) - 1) < 1e-15, "scale \(scale)")
            #expect(abs(map.sd / scale - 1) < 1e-15, "scale \(scale)")
        }
    }

    @Test func hugeAndTinyDataGiveTheSameAnswerAsOrdinaryData() throws {
        let ordinary = try Self.run(Self.rows()).summary
        for scale in [1e-200, 1e155, 1e302] {
            let summary = try Self.run(Self.rows(scale: scale)).summary
            // Standardised, the data are the same up to rounding, and so is the answer.
            #expect(abs(summary.average.absoluteEffect.mean / (scale * ordinary.average.absoluteEffect.mean) - 1) < 1e-6)
            #expect(abs(summary.cumulative.predicted.sd / (scale * ordinary.cumulative.predicted.sd) - 1) < 1e-6)
            #expect(abs(summary.average.relativeEffect.mean - ordinary.average.relativeEffect.mean) < 1e-6)
        }
    }

    @Test func dataBeyondWhatCanBeAddedUpGetATrueError() {
        #expect(Self.message(Self.rows(scale: 1e306)) == "data.csv: the response 'y' is too large to add up: its "
            + "sum over the post-period (rows 21 to 30) exceeds the largest number a double holds "
            + "(1.7976931348623157e+308)")
        // bsts' priors keep the raw scale, where the sampler squares the data.
        let error = #expect(throws: BSTSError.self) { try Self.run(Self.rows(scale: 1e-200)) { $0.model.priors = .bsts } }
        #expect("\(error.map { "\($0)" } ?? "")".hasPrefix("the response's sd is 2.125"))   // numpy: 2.12524 × 1e-200
        #expect("\(error.map { "\($0)" } ?? "")".contains("e-200; the sampler works with its square, so it must lie "
            + "between 1e-100 and 1e+100: rescale the response"))
    }

    // MARK: 5. Few draws

    @Test func fewDrawsAreAWarningInTheSummaryReportAndJSON() throws {
        let table = try CSVReader.parse(Self.rows(), source: "data.csv")
        let spec = ImpactSpecification(pre: .rows(1...20), post: .rows(21...30))
        let data = try ImpactData(table: table, specification: spec)
        let result = try ImpactAnalysis.run(data: data, specification: spec) { data in
            try StateDraws(states: [[Double](repeating: 0.1, count: data.modelRows.count)], observationSD: [0.5])
        }
        let warning = "only 1 posterior draw was kept (fewer than 100), so the sds and intervals are unreliable; "
            + "run more iterations."
        #expect(SummaryTable.text(of: result).contains("\nWarning: \(warning)\n"))
        #expect(result.jsonText().contains("\"warnings\": [\"\(warning)\"]"))
        #expect(ImpactReport.text(of: result, width: 10_000).contains("Only 1 posterior draw was kept "
            + "(fewer than 100), so the sds and intervals are unreliable; run more iterations."))
        // 99% intervals need 5/alpha = 500 draws.
        var strict = spec
        strict.alpha = 0.01
        let draws = [[Double]](repeating: [Double](repeating: 0.1, count: data.modelRows.count), count: 200)
        let fewFor99 = try ImpactAnalysis.run(data: data, specification: strict) { _ in
            try StateDraws(states: draws, observationSD: [Double](repeating: 0.5, count: 200))
        }
        #expect(SummaryTable.text(of: fewFor99).contains("only 200 posterior draws were kept (fewer than 500)"))
    }

    // MARK: 8. Numbers readable at any magnitude

    @Test func tableNumbersSwitchToScientificNotationAsRDoes() {
        // R: format(c(8.7e-7, 2.6e-5), digits = 2) is "8.7e-07" "2.6e-05"; format(c(1.2336e100, 3.7e101),
        // digits = 2) is "1.2e+100" "3.7e+101"; format(c(123456, 3.2e6), digits = 2) stays fixed.
        #expect(NumberFormatting.common([8.7e-7, 2.6e-5], digits: 2) == ["8.7e-07", "2.6e-05"])
        #expect(NumberFormatting.common([1.2336e100, 3.7e101], digits: 2) == ["1.2e+100", "3.7e+101"])
        #expect(NumberFormatting.common([123456, 3.2e6], digits: 2) == ["123456", "3200000"])
        #expect(NumberFormatting.common([-4.0e152, 1.2e154], digits: 2) == ["-4.0e+152", "1.2e+154"])
    }

    @Test func reportNumbersStayShortAndSmallEffectsAreNotRoundedAway() throws {
        let base = try FabricatedResult.make()
        func result(_ average: EffectSummary) -> ImpactResult {
            let summary = ImpactSummary(average: average, cumulative: average, tailProbability: 0.4, alpha: 0.05)
            return ImpactResult(data: base.data, summary: summary, series: base.series, alpha: 0.05,
                                iterations: 1000, drawCount: 500)
        }
        let small = EffectSummary(
            actual: 12,
            predicted: PosteriorEstimate(mean: 11.7, sd: 3, lower: 5.8, upper: 17.6),
            absoluteEffect: PosteriorEstimate(mean: 0.3, sd: 3, lower: -5.6, upper: 6.2),
            relativeEffect: PosteriorEstimate(mean: -0.004, sd: 0.3, lower: -0.61, upper: 0.62))
        let text = ImpactReport.paragraphs(of: result(small)).joined(separator: " ")
        #expect(text.contains("The difference, 0.3 per time point (95% interval -5.6 to 6.2)"))
        #expect(text.contains("'visits' was 0.4% lower (95% interval -61.0% to 62.0%)"))
        let huge = EffectSummary(
            actual: 1.2336e100,
            predicted: PosteriorEstimate(mean: 1.1348e100, sd: 4e97, lower: 1.1259e100, upper: 1.1417e100),
            absoluteEffect: PosteriorEstimate(mean: 9.876e98, sd: 4e97, lower: 9.19e98, upper: 1.077e99),
            relativeEffect: PosteriorEstimate(mean: 0.087, sd: 0.004, lower: 0.08, upper: 0.096))
        let hugeText = ImpactReport.paragraphs(of: result(huge)).joined(separator: " ")
        #expect(hugeText.contains("would have averaged 1.135e+100, with a 95% interval from 1.126e+100 to 1.142e+100"))
        #expect(hugeText.contains("The difference, 9.9e+98 per time point (95% interval 9.2e+98 to 1.08e+99)"))
        #expect(hugeText.split(separator: " ").allSatisfy { $0.count < 30 })
        #expect(SummaryTable.text(of: result(huge)).split(separator: "\n").allSatisfy { $0.count < 80 })
    }

    // MARK: 9. Wording

    @Test func messagesNameTheHeaderAndSayNaNAndDirectory() {
        #expect(Self.message("y,\n1,2\n2,3\n3,4\n4,5\n") ==
            "data.csv, line 1 (the header), column #2: the column has no name")
        #expect(Self.message { $0.alpha = -.nan } == "--alpha NaN: must lie strictly between 0 and 1")
        #expect(throws: TableError.io("/tmp: is a directory, not a CSV file")) { try CSVReader.read(path: "/tmp") }
    }
}
