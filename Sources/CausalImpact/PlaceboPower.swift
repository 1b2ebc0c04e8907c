import Reporting

/// Power and the minimum detectable effect from a placebo backtest: a known lift δ
/// injected into each placebo window (added to the observed response over it), and the
/// share of windows whose interval then lies above 0.
///
/// The model never sees the post-period response (it is hidden from the fit, and the
/// scaling uses the pre-period only), so injecting δ shifts a window's estimate and
/// interval by exactly δ: window j detects δ exactly when l_j + δ > 0, with l_j the
/// lower end of its interval (the model's, or the calibrated one). The power at δ is
/// #{j : δ > −l_j}/K, a step function; the minimum detectable lift at power P is the
/// ⌈P·K⌉-th smallest −l_j (any larger lift is detected in at least P of the windows),
/// and 0 when the intervals lie above 0 already.
public struct PlaceboPower: Sendable {
    /// One lift and the share of windows that detect it.
    public struct Point: Sendable, Equatable {
        /// The lift added to every point of a window.
        public let lift: Double
        /// The share of windows whose model interval lies above 0 after the lift.
        public let power: Double
        /// The share of windows whose calibrated interval lies above 0 after the lift.
        public let calibratedPower: Double
    }

    /// The power aimed at: 80%.
    public static let targetPower = 0.8
    /// The smallest lift detected with `targetPower` by the model's intervals.
    public let minimumDetectableLift: Double
    /// The same with the calibrated intervals (+∞ when they are unbounded).
    public let calibratedMinimumDetectableLift: Double
    /// The power at each lift of a grid from 0 to 1.5 times the larger finite of the two minimums.
    public let points: [Point]
    /// The predicted average over the real post-period, to state lifts as fractions of it.
    public let baseline: Double

    /// The power of `backtest`'s windows, with lifts also stated relative to `baseline`.
    public init(backtest: PlaceboBacktest, baseline: Double, gridPoints: Int = 31) {
        let lowers = backtest.results.map(\.averageEffect.lower)
        let calibratedLowers = backtest.results.map { backtest.calibration.calibrated($0.averageEffect).lower }
        minimumDetectableLift = Self.minimumLift(lowers)
        calibratedMinimumDetectableLift = Self.minimumLift(calibratedLowers)
        let finite = [minimumDetectableLift, calibratedMinimumDetectableLift].filter(\.isFinite)
        let top = 1.5 * max(finite.max() ?? 0, Double.leastNonzeroMagnitude)
        points = (0..<gridPoints).map { i in
            let lift = top * Double(i) / Double(max(1, gridPoints - 1))
            return Point(lift: lift, power: Self.power(lift, lowers), calibratedPower: Self.power(lift, calibratedLowers))
        }
        self.baseline = baseline
    }

    /// #{j : δ + l_j > 0}/K.
    static func power(_ lift: Double, _ lowers: [Double]) -> Double {
        Double(lowers.filter { lift + $0 > 0 }.count) / Double(lowers.count)
    }

    /// The ⌈P·K⌉-th smallest −l_j, at least 0.
    static func minimumLift(_ lowers: [Double]) -> Double {
        let needed = lowers.map { -$0 }.sorted()
        let k = Int((targetPower * Double(needed.count)).rounded(.up))
        return max(0, needed[max(0, k - 1)])
    }

    /// The power table as text: the minimum detectable lifts, then a coarse grid of lifts.
    public func text(alpha: Double) -> String {
        let level = NumberFormatting.level(alpha)
        func relative(_ x: Double) -> String { baseline != 0 && x.isFinite ? " (\(NumberFormatting.percent(x / abs(baseline))))" : "" }
        var lines = [
            "Power (placebo windows with an injected lift; detected when the \(level) interval lies above 0):",
            "Lifts detected with at least \(NumberFormatting.percent(Self.targetPower)) power: above "
                + "\(NumberFormatting.significant(minimumDetectableLift, digits: 3))\(relative(minimumDetectableLift)) "
                + "with the model's intervals, above \(NumberFormatting.significant(calibratedMinimumDetectableLift, digits: 3))"
                + "\(relative(calibratedMinimumDetectableLift)) with the calibrated ones",
            "",
        ]
        let shown = stride(from: 0, to: points.count, by: max(1, points.count / 6)).map { points[$0] }
        let rows = [["lift", "relative", "power", "calibrated power"]] + shown.map { p in
            [NumberFormatting.significant(p.lift, digits: 3),
             baseline != 0 ? NumberFormatting.percent(p.lift / abs(baseline)) : "—",
             NumberFormatting.percent(p.power), NumberFormatting.percent(p.calibratedPower)]
        }
        lines.append(contentsOf: TextTable(rows: rows, leftAligned: 0, rulesHeader: true).lines())
        return lines.map { $0.withoutTrailingSpaces }.joined(separator: "\n") + "\n"
    }
}
