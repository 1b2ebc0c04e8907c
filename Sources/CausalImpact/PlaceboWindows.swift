import BSTS
import Reporting

/// Where the placebo (pseudo-intervention) windows of a backtest lie: K windows of the
/// real post-period's length L inside the modelled pre-period, each after a placebo
/// pre-period of at least `minimumPrePoints` points, with every response in it observed.
///
/// Of the N admissible start rows s₀ < … < s_{N−1}, window j (0 ≤ j < K) starts at
/// s_{round(j·(N − 1)/(K − 1))}: evenly spread, the first and the last admissible ones
/// included (K = 1 takes the last, the one nearest the intervention).
public struct PlaceboWindows: Sendable, Equatable {
    /// The rows (0-based, of the table) on which each placebo post-period starts.
    public let starts: [Int]
    /// The length L of every window: the real post-period's number of points.
    public let length: Int
    /// The first modelled pre-period row; every placebo pre-period starts there.
    public let preStart: Int

    /// The default smallest placebo pre-period for `model` and what sets it: a quarter of
    /// the modelled pre-period (rounded up), at least R CausalImpact's 3 points, and enough
    /// for every component to be fitted as `FitLimits` demands of any fit: a full cycle of
    /// each dummy seasonal (seasons × duration points) and of each trigonometric seasonality
    /// (⌈period⌉ points), 2p + 1 points for an AR(p) state and `FitLimits.minimumStudentTrendSpan`
    /// for a Student-t trend. Ties name the component.
    public static func defaultMinimumPrePoints(preperiodPoints: Int, model: ModelOptions) -> (points: Int, reason: String) {
        var needs: [(points: Int, reason: String)] = [
            ((preperiodPoints + 3) / 4, "a quarter of the pre-period"),
            (ImpactDefaults.minimumPreperiodRows, "the fewest an analysis takes"),
        ]
        let cycles = [(model.seasons, model.seasonDuration)]
            + model.additionalSeasons.map { ($0.seasons, $0.duration) }
        for (seasons, duration) in cycles where seasons > 1 {
            needs.append((seasons * duration, "a full cycle of --seasons \(seasons)"
                + (duration > 1 ? " with --season-duration \(duration)" : "")))
        }
        for trig in model.trigonometric where trig.period.isFinite {
            needs.append((Int(trig.period.rounded(.up)), "a full cycle of --trig \(trig.period.compactDescription):\(trig.harmonics)"))
        }
        if model.autoregressiveOrder > 0 {
            needs.append((2 * model.autoregressiveOrder + 1, "the 2p + 1 points that --ar \(model.autoregressiveOrder) needs"))
        }
        if model.trend == .student {
            needs.append((FitLimits.minimumStudentTrendSpan, "the \(FitLimits.minimumStudentTrendSpan) points that --trend student needs"))
        }
        // The largest need; among equals, the last listed (a component's rather than the generic rules).
        return needs.dropFirst().reduce(needs[0]) { $1.points >= $0.points ? $1 : $0 }
    }

    /// The windows for `data`: `count` of them, each after at least `minimumPrePoints`
    /// pre-period points (`reason`, if given, says why so many). Throws
    /// `ImpactError.badOption` naming `--placebo` when fewer than `count` fit.
    public init(data: ImpactData, count: Int, minimumPrePoints: Int, reason: String? = nil) throws {
        guard count >= 1 else {
            throw ImpactError.badOption(name: "placebo", value: "\(count)", requirement: "must be at least 1")
        }
        let length = data.post.count
        let firstStart = data.pre.lowerBound + minimumPrePoints
        let lastStart = data.pre.upperBound - length + 1
        let admissible = firstStart <= lastStart
            ? (firstStart...lastStart).filter { s in !data.observed[s..<(s + length)].contains(where: \.isNaN) }
            : []
        guard admissible.count >= count else {
            let fit = admissible.isEmpty ? "none fits" : "only \(admissible.count) \(admissible.count == 1 ? "fits" : "fit")"
            throw ImpactError.badOption(
                name: "placebo", value: "\(count)",
                requirement: "placebo windows of the post-period's length (\(length) points) must lie inside the "
                    + "pre-period (\(data.pre.count) modelled points), each after at least \(minimumPrePoints) pre-period "
                    + "points\(reason.map { " (\($0))" } ?? "") and with every response observed; \(fit): ask for fewer windows, or lengthen the pre-period")
        }
        let n = admissible.count
        starts = (0..<count).map { j in
            count == 1 ? admissible[n - 1] : admissible[Int((Double(j * (n - 1)) / Double(count - 1)).rounded())]
        }
        self.length = length
        preStart = data.pre.lowerBound
    }

    /// Window j's placebo post-period (0-based rows of the table).
    public func post(_ j: Int) -> ClosedRange<Int> { starts[j]...(starts[j] + length - 1) }
}
