import Testing
import BSTS
import Probability
import Tabular
import TestSupport
@testable import CausalImpact

/// The placebo backtest: where its windows lie, the calibration rule, that each window
/// is exactly the analysis of the truncated series, its false-positive rate on pure
/// noise, and the false-positive rate of the calibrated interval on autocorrelated noise.
@Suite struct PlaceboTests {
    /// White noise around 10 (sd 1), `n` points.
    static func noise(_ n: Int, seed: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed, path: [0x706C_6163])
        return (0..<n).map { _ in 10 + stream.normal() }
    }

    static func data(_ y: [Double], pre: Int) throws -> ImpactData {
        let spec = ImpactSpecification(pre: .rows(1...pre), post: .rows((pre + 1)...y.count))
        return try ImpactData(table: try Table(numericColumns: [("y", y)]), specification: spec)
    }

    @Test func windowsAreEvenlySpreadInsideThePreperiod() throws {
        let data = try Self.data(Self.noise(100, seed: 1), pre: 70)
        let windows = try PlaceboWindows(data: data, count: 5, minimumPrePoints: 18)
        // Admissible starts: rows 18 … 40 (0-based), 23 of them; 5 spread: indices 0, 5.5→6, 11, 16.5→17, 22.
        #expect(windows.starts == [18, 24, 29, 35, 40])
        #expect(windows.length == 30)
        for j in 0..<5 { #expect(windows.post(j).upperBound <= 69 && windows.post(j).lowerBound >= 18) }
        #expect(try PlaceboWindows(data: data, count: 1, minimumPrePoints: 18).starts == [40])
        #expect(PlaceboWindows.defaultMinimumPrePoints(preperiodPoints: 70, model: ModelOptions()).points == 18)
        #expect(PlaceboWindows.defaultMinimumPrePoints(preperiodPoints: 70, model: ModelOptions(seasons: 52)).points == 52)
    }

    /// Each placebo pre-period must hold a full cycle of every seasonal component, dummy or
    /// trigonometric, 2p + 1 points for AR(p), and 10 for a Student-t trend, whichever needs most.
    @Test func theShortestPlaceboPreperiodFitsEveryComponent() {
        func need(_ model: ModelOptions) -> (points: Int, reason: String) {
            PlaceboWindows.defaultMinimumPrePoints(preperiodPoints: 70, model: model)
        }
        #expect(need(ModelOptions(seasons: 4, seasonDuration: 7)) == (28, "a full cycle of --seasons 4 with --season-duration 7"))
        #expect(need(ModelOptions(additionalSeasons: [DummySeasonality(seasons: 30)])) == (30, "a full cycle of --seasons 30"))
        #expect(need(ModelOptions(trigonometric: [TrigonometricSeasonality(period: 7, harmonics: 3),
                                                  TrigonometricSeasonality(period: 30.5, harmonics: 2)]))
                == (31, "a full cycle of --trig 30.5:2"))
        #expect(need(ModelOptions(autoregressiveOrder: 12)) == (25, "the 2p + 1 points that --ar 12 needs"))
        #expect(need(ModelOptions(autoregressiveOrder: 2)) == (18, "a quarter of the pre-period"))
        let shortStudent = PlaceboWindows.defaultMinimumPrePoints(preperiodPoints: 30, model: ModelOptions(trend: .student))
        #expect(shortStudent == (10, "the 10 points that --trend student needs"))
    }

    /// A long trigonometric cycle pushes every placebo date past one full cycle, so the
    /// refits succeed; asking for more windows than then fit is an error naming --placebo
    /// and the component.
    @Test func placeboWindowsLeaveRoomForATrigonometricCycle() throws {
        let y = Self.noise(100, seed: 8)
        var spec = ImpactSpecification(pre: .rows(1...80), post: .rows(81...100))
        spec.model.trigonometric = [TrigonometricSeasonality(period: 40, harmonics: 1)]
        spec.sampler.iterations = 30
        let table = try Table(numericColumns: [("y", y)])
        // Starts 40 … 60 (0-based) are admissible: 21 windows.
        let backtest = try PlaceboBacktest.run(table: table, specification: spec, windows: 3, threads: 2)
        #expect(backtest.windows.starts == [40, 50, 60])
        do {
            _ = try PlaceboBacktest.run(table: table, specification: spec, windows: 22)
            Issue.record("22 windows cannot fit after a 40-point cycle")
        } catch {
            #expect("\(error)".hasPrefix("--placebo 22: "), "\(error)")
            #expect("\(error)".contains("each after at least 40 pre-period points (a full cycle of --trig 40:1)"), "\(error)")
            #expect("\(error)".contains("only 21 fit"), "\(error)")
        }
    }

    @Test func windowsThatDoNotFitAreAnErrorNamingTheOption() throws {
        let data = try Self.data(Self.noise(100, seed: 1), pre: 70)
        #expect(throws: ImpactError.self) { try PlaceboWindows(data: data, count: 24, minimumPrePoints: 18) }
        do {
            _ = try PlaceboWindows(data: data, count: 24, minimumPrePoints: 18)
        } catch {
            #expect("\(error)".hasPrefix("--placebo 24: "))
            #expect("\(error)".contains("only 23 fit"))
        }
        // A missing response on row 66 (0-based 65) rules out the windows over it: starts 36 … 40.
        var y = Self.noise(100, seed: 2)
        y[65] = .nan
        let gappy = try Self.data(y, pre: 70)
        let left = try PlaceboWindows(data: gappy, count: 18, minimumPrePoints: 18)
        #expect(left.starts == Array(18...35))
        #expect(throws: ImpactError.self) { try PlaceboWindows(data: gappy, count: 19, minimumPrePoints: 18) }
    }

    @Test func aWindowThatCannotBeAnalysedIsAnErrorNamingIt() throws {
        // Constant for 45 points: the first windows' placebo pre-periods have nothing to model.
        let y = [Double](repeating: 10, count: 45) + Self.noise(55, seed: 6)
        var spec = ImpactSpecification(pre: .rows(1...70), post: .rows(71...100))
        spec.sampler.iterations = 50
        #expect(throws: ImpactError.self) {
            try PlaceboBacktest.run(table: try Table(numericColumns: [("y", y)]), specification: spec, windows: 3)
        }
        do {
            _ = try PlaceboBacktest.run(table: try Table(numericColumns: [("y", y)]), specification: spec, windows: 3)
        } catch {
            #expect("\(error)".hasPrefix("--placebo 3: placebo window 1 (rows 19 to 48, after a pre-period of 18 points) "
                + "cannot be analysed: no inference: the response 'y' is constant in the pre-period"), "\(error)")
        }
    }

    @Test func calibrationStretchesEachArmByTheRankedStretch() throws {
        // Stretches 0.1, 0.2, …, 2.0 (K = 20): m_j = j/10 with lower arm 1 → r_j = m_j.
        let placebo = (1...20).map { j -> PosteriorEstimate in
            let m = Double(j) / 10
            return PosteriorEstimate(mean: j % 2 == 0 ? m : -m, sd: 1, lower: j % 2 == 0 ? m - 1 : -m - 2,
                                     upper: j % 2 == 0 ? m + 2 : -m + 1)
        }
        #expect(placebo.map(PlaceboCalibration.stretch).map { ($0 * 10).rounded() } == (1...20).map(Double.init))
        let calibration = PlaceboCalibration(placebo: placebo, alpha: 0.05)
        // k = ⌈0.95 · 21⌉ = 20: the largest stretch.
        #expect(calibration.rank == 20)
        #expect(abs(calibration.factor - 2.0) < 1e-12 && calibration.quantile == calibration.factor)
        let wider = calibration.calibrated(PosteriorEstimate(mean: 5, sd: 1, lower: 4, upper: 7))
        #expect(abs(wider.lower - 3) < 1e-12 && abs(wider.upper - 9) < 1e-12 && wider.mean == 5)
        // alpha = 0.2: k = ⌈0.8 · 21⌉ = 17 → 1.7.
        #expect(abs(PlaceboCalibration(placebo: placebo, alpha: 0.2).factor - 1.7) < 1e-12)
        // alpha = 0.5: k = ⌈0.5 · 21⌉ = 11 → q = 1.1; alpha = 0.6: k = ⌈0.4 · 21⌉ = 9 → q = 0.9,
        // below 1, so the factor is 1 and an interval comes back unchanged.
        #expect(abs(PlaceboCalibration(placebo: placebo, alpha: 0.5).factor - 1.1) < 1e-12)
        let wideEnough = PlaceboCalibration(placebo: placebo, alpha: 0.6)
        #expect(abs(wideEnough.quantile - 0.9) < 1e-12 && wideEnough.factor == 1)
        let kept = PosteriorEstimate(mean: 5, sd: 1, lower: 4, upper: 7)
        #expect(wideEnough.calibrated(kept) == kept)
        // Exactly the model's interval, where m − 1·(m − l) would not round back to l.
        let large = PosteriorEstimate(mean: 1000.3, sd: 1, lower: -0.0123, upper: 2000)
        #expect(1000.3 - 1 * (1000.3 - -0.0123) != -0.0123)
        #expect(wideEnough.calibrated(large) == large)
        // Too few windows for 95%: unbounded.
        let few = PlaceboCalibration(placebo: Array(placebo.prefix(18)), alpha: 0.05)
        #expect(few.factor == .infinity)
        #expect(few.calibrated(placebo[0]).lower == -.infinity)
        #expect(PlaceboCalibration.minimumWindows(alpha: 0.05) == 19)
        #expect(PlaceboCalibration.minimumWindows(alpha: 0.1) == 9)
        #expect(PlaceboCalibration.minimumWindows(alpha: 0.5) == 1)
    }

    @Test func eachWindowIsTheAnalysisOfTheTruncatedSeries() throws {
        let y = Self.noise(60, seed: 3)
        var spec = ImpactSpecification(pre: .rows(1...50), post: .rows(51...60))
        spec.sampler.iterations = 100
        spec.sampler.seed = 11
        let table = try Table(numericColumns: [("y", y)])
        let one = try PlaceboBacktest.run(table: table, specification: spec, windows: 3, threads: 1)
        let two = try PlaceboBacktest.run(table: table, specification: spec, windows: 3, threads: 2)
        #expect(one.results == two.results)
        for (j, result) in one.results.enumerated() {
            let start = one.windows.starts[j]
            var direct = ImpactSpecification(pre: .rows(1...start), post: .rows((start + 1)...(start + 10)))
            direct.sampler.iterations = 100
            direct.sampler.seed = 11 &+ UInt64(j + 1) &* 0x9E37_79B9_7F4A_7C15
            let truncated = try Table(numericColumns: [("y", Array(y[0..<(start + 10)]))])
            let summary = try ImpactAnalysis.run(table: truncated, specification: direct).summary
            #expect(result.averageEffect == summary.average.absoluteEffect)
            #expect(result.tailProbability == summary.tailProbability)
        }
    }

    /// On white noise (one placebo window per series, so windows are independent), the
    /// model's 95% intervals exclude 0 in about 5% of windows, p < 0.05 in about 10%
    /// (p is one-sided), and the calibrated rate never exceeds (K − k)/K.
    @Test func falsePositiveRateOnPureNoiseIsAlpha() throws {
        let series = 400
        var excluded = 0, smallP = 0
        for s in 0..<series {
            var spec = ImpactSpecification(pre: .rows(1...50), post: .rows(51...60))
            spec.sampler.iterations = 300
            spec.sampler.seed = UInt64(s + 1)
            let table = try Table(numericColumns: [("y", Self.noise(60, seed: UInt64(1000 + s)))])
            let backtest = try PlaceboBacktest.run(table: table, specification: spec, windows: 1)
            excluded += backtest.results.filter(\.intervalExcludesZero).count
            smallP += backtest.results.filter { $0.tailProbability < 0.05 }.count
        }
        let n = Double(series)
        let rate = withinStandardErrors(Double(excluded) / n, 0.05, standardError: (0.05 * 0.95 / n).squareRoot())
        #expect(rate.ok, "interval false-positive rate: \(rate.message)")
        let tail = withinStandardErrors(Double(smallP) / n, 0.10, standardError: (0.10 * 0.90 / n).squareRoot())
        #expect(tail.ok, "p < 0.05 rate: \(tail.message)")
    }

    /// On series with no effect and AR(1) noise (φ = 0.8), which a local level without an
    /// AR term fits with intervals too narrow, the interval calibrated by 19 placebo windows
    /// (the fewest for 95%) excludes the true 0 of the real post-period in about alpha of
    /// the series: within 4.42 binomial standard errors of 5% over 120 independent series.
    @Test func calibratedIntervalsExcludeTheTrueZeroAtRateAlpha() throws {
        let series = 120
        var calibratedFlags = 0, modelFlags = 0
        for s in 0..<series {
            let stream = RandomStream(seed: UInt64(5000 + s), path: [0x6172])
            var noise = stream.normal() / (1 - 0.8 * 0.8).squareRoot()
            let y = (0..<65).map { _ -> Double in
                defer { noise = 0.8 * noise + stream.normal() }
                return 10 + noise
            }
            var spec = ImpactSpecification(pre: .rows(1...60), post: .rows(61...65))
            spec.sampler.iterations = 60
            spec.sampler.seed = UInt64(s + 1)
            let table = try Table(numericColumns: [("y", y)])
            let effect = try ImpactAnalysis.run(table: table, specification: spec).summary.average.absoluteEffect
            let backtest = try PlaceboBacktest.run(table: table, specification: spec, windows: 19, threads: 2)
            let calibrated = backtest.calibration.calibrated(effect)
            if calibrated.lower > 0 || calibrated.upper < 0 { calibratedFlags += 1 }
            if effect.lower > 0 || effect.upper < 0 { modelFlags += 1 }
        }
        let n = Double(series)
        let rate = withinStandardErrors(Double(calibratedFlags) / n, 0.05, standardError: (0.05 * 0.95 / n).squareRoot())
        #expect(rate.ok, "calibrated false-positive rate: \(rate.message) (the model's own: \(modelFlags) of \(series))")
    }
}
