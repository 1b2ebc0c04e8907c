import MachineResources
import Probability
import Tabular

/// One placebo window's analysis: the model's estimate of an effect that is truly 0.
public struct PlaceboWindowResult: Sendable, Equatable {
    /// The placebo post-period (0-based rows of the table).
    public let post: ClosedRange<Int>
    /// The estimate and interval of the average absolute effect over the window.
    public let averageEffect: PosteriorEstimate
    /// The window's one-sided tail-area probability.
    public let tailProbability: Double

    /// Whether the model's interval excludes 0: a false positive, since nothing happened.
    public var intervalExcludesZero: Bool { averageEffect.lower > 0 || averageEffect.upper < 0 }
}

/// A placebo-in-time backtest: the same analysis refit at K pseudo-intervention dates
/// inside the pre-period (`PlaceboWindows`), each with a window of the real post-period's
/// length after it and a placebo pre-period from the modelled pre-period's start up to it.
/// Nothing happened at those dates, so every estimated effect is an error of the model:
/// their spread shows how far the model's intervals can be trusted. The backtest reports
/// the false-positive rate (intervals that exclude 0), the distribution of the placebo
/// effects, and the calibration of the intervals (`PlaceboCalibration`).
///
///     let backtest = try PlaceboBacktest.run(table: table, specification: spec, windows: 20)
///     let calibrated = backtest.calibration.calibrated(result.summary.average.absoluteEffect)
public struct PlaceboBacktest: Sendable {
    /// Where the windows lie.
    public let windows: PlaceboWindows
    /// Each window's analysis, in window order.
    public let results: [PlaceboWindowResult]
    /// The interval level is 1 − alpha.
    public let alpha: Double
    /// The calibration factor learnt from the windows.
    public let calibration: PlaceboCalibration

    /// The share of windows whose (1 − alpha) interval excludes 0 (nominally alpha).
    public var falsePositiveRate: Double {
        Double(results.filter(\.intervalExcludesZero).count) / Double(results.count)
    }
    /// The share of windows whose tail-area probability is below alpha (nominally 2·alpha,
    /// since p is one-sided: under no effect it is uniform on (0, ½]).
    public var tailFalsePositiveRate: Double {
        Double(results.filter { $0.tailProbability < alpha }.count) / Double(results.count)
    }
    /// The placebo average effects' mean, sd and equal-tailed (1 − alpha) range (type-7
    /// quantiles over the windows).
    public var effectDistribution: PosteriorEstimate {
        var effects = results.map(\.averageEffect.mean)
        return SampleStatistics.summary(&effects, alpha: alpha)
    }
    /// The share of windows whose calibrated interval excludes 0 (at most alpha by construction).
    public var calibratedFalsePositiveRate: Double {
        Double(results.filter { r in
            let c = calibration.calibrated(r.averageEffect)
            return c.lower > 0 || c.upper < 0
        }.count) / Double(results.count)
    }

    /// Runs the analysis of `specification` (any model it names) on each of `count` placebo
    /// windows of `table`, on up to `threads` threads (the answer does not depend on it).
    /// Events of the calendar are carried onto each window's rows: those on its rows count,
    /// as in an analysis of the series cut after the window.
    /// Window j samples with seed s + (j + 1)·0x9E3779B97F4A7C15 (mod 2⁶⁴) for the analysis'
    /// seed s. `minimumPrePoints` (default `PlaceboWindows.defaultMinimumPrePoints`) is the
    /// shortest placebo pre-period. `progress(done, K)` reports finished windows.
    public static func run(table: Table, specification: ImpactSpecification, windows count: Int, threads: Int = 1,
                           minimumPrePoints: Int? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> PlaceboBacktest {
        let data = try ImpactData(table: table, specification: specification)
        if let reason = data.noInferenceReason { throw ImpactError.noInference(reason: reason) }
        let need = PlaceboWindows.defaultMinimumPrePoints(preperiodPoints: data.pre.count, model: specification.model)
        let windows = try PlaceboWindows(data: data, count: count, minimumPrePoints: minimumPrePoints ?? need.points,
                                         reason: minimumPrePoints == nil ? need.reason : nil)
        let roles = try ColumnRoles(table: table, response: specification.response)
        let columns = [(roles.responseName, roles.response)] + zip(roles.covariateNames, roles.covariates).map { ($0, $1) }
        let results = try runReplications(count: count, threads: threads, progress: progress) { j in
            let refit = try specification.carryingEvents(of: data, onto: windows.preStart...windows.post(j).upperBound)
            return try analyse(window: j, of: windows, columns: columns, specification: refit, source: table.source)
        }
        return PlaceboBacktest(windows: windows, results: results, alpha: specification.alpha,
                               calibration: PlaceboCalibration(placebo: results.map(\.averageEffect),
                                                               alpha: specification.alpha))
    }

    /// The analysis of window j on the rows from the pre-period start to the window's end.
    private static func analyse(window j: Int, of windows: PlaceboWindows, columns: [(String, [Double])],
                                specification: ImpactSpecification, source: String) throws -> PlaceboWindowResult {
        let post = windows.post(j)
        let rows = windows.preStart...post.upperBound
        let table = try Table(numericColumns: columns.map { ($0.0, Array($0.1[rows])) },
                              source: "\(source), placebo window \(j + 1) (rows \(post.lowerBound + 1) to \(post.upperBound + 1))")
        let preEnd = post.lowerBound - windows.preStart
        var spec = specification
        spec.pre = .rows(1...preEnd)
        spec.post = .rows((preEnd + 1)...(preEnd + windows.length))
        spec.response = columns[0].0
        spec.sampler.seed = specification.sampler.seed &+ UInt64(j + 1) &* 0x9E37_79B9_7F4A_7C15
        let result: ImpactResult
        do {
            result = try ImpactAnalysis.run(table: table, specification: spec)
        } catch {
            throw ImpactError.badOption(
                name: "placebo", value: "\(windows.starts.count)",
                requirement: "placebo window \(j + 1) (rows \(post.lowerBound + 1) to \(post.upperBound + 1), after a "
                    + "pre-period of \(preEnd) points) cannot be analysed: \(error)")
        }
        return PlaceboWindowResult(post: post, averageEffect: result.summary.average.absoluteEffect,
                                   tailProbability: result.summary.tailProbability)
    }
}
