import Reporting

/// The printed account of a placebo backtest beside the analysis it checks: where the
/// windows lie, the false-positive rates, the placebo effects' distribution, the
/// calibration factor, the model's and the calibrated intervals of the effect
/// (the cumulative column only when the response may be added up), and in words
/// whether the conclusion changes under calibration (`PlaceboConclusion`).
public enum PlaceboTable {
    /// The account as text (lines end with "\n"); `cumulative` false leaves out the sums (`--stock`).
    public static func text(of backtest: PlaceboBacktest, result: ImpactResult, cumulative: Bool = true) -> String {
        let data = result.data, k = backtest.results.count
        let level = NumberFormatting.level(backtest.alpha)
        let first = backtest.windows.starts.first ?? 0, last = backtest.windows.starts.last ?? 0
        let spread = first == last ? PeriodWording.point(first, data.timeIndex)
            : "\(PeriodWording.point(first, data.timeIndex)) to \(PeriodWording.point(last, data.timeIndex))"
        let flagged = backtest.results.filter(\.intervalExcludesZero).count
        let smallP = backtest.results.filter { $0.tailProbability < backtest.alpha }.count
        let effects = backtest.effectDistribution
        let shown = NumberFormatting.common([effects.mean, effects.sd, effects.lower, effects.upper], digits: 2)
        let rates: [[String]] = [
            ["False positives (\(level) interval excludes 0):", "\(flagged) of \(k) "
                + "(\(NumberFormatting.percent(backtest.falsePositiveRate)); nominal \(NumberFormatting.percent(backtest.alpha)))"],
            ["Tail-area p below \(NumberFormatting.general(backtest.alpha)):", "\(smallP) of \(k) "
                + "(\(NumberFormatting.percent(backtest.tailFalsePositiveRate)); nominal "
                + "\(NumberFormatting.percent(2 * backtest.alpha)), p being one-sided)"],
        ]
        var lines = ["Placebo backtest: \(NumberFormatting.count(k, "window")) of \(backtest.windows.length) points inside "
                     + "the pre-period, placebo interventions from \(spread)"]
        lines.append(contentsOf: TextTable(rows: rates).lines())
        lines.append("Placebo average effects: mean \(shown[0]), sd \(shown[1]), \(level) of them in [\(shown[2]), \(shown[3])]")
        lines.append(calibrationLine(backtest.calibration, windows: k, alpha: backtest.alpha))
        lines.append("")
        lines.append(contentsOf: intervalTable(backtest, result: result, cumulative: cumulative))
        lines.append("")
        lines.append(ImpactReport.wrap(PlaceboConclusion(backtest: backtest, result: result).sentences, width: 80))
        return lines.map { $0.withoutTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    private static func calibrationLine(_ calibration: PlaceboCalibration, windows k: Int, alpha: Double) -> String {
        guard calibration.factor.isFinite else {
            return "Calibration: none; \(NumberFormatting.level(alpha)) intervals need at least "
                + "\(PlaceboCalibration.minimumWindows(alpha: alpha)) windows, the calibrated interval is unbounded"
        }
        let q = NumberFormatting.significant(calibration.quantile, digits: 3)
        let source = "the \(ordinal(calibration.rank)) smallest of the \(k) windows' stretches that reach 0"
        guard calibration.quantile < 1 else {
            return "Calibration factor c = \(q) (\(source); each arm of the interval × c)"
        }
        return "Calibration factor c = 1: the model's intervals are kept (\(source) is \(q); "
            + "intervals are widened, never narrowed)"
    }

    /// 1st, 2nd, 3rd, 4th, 11th, 21st …
    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// The effect with the model's and the calibrated intervals, average and cumulative.
    static func intervalTable(_ backtest: PlaceboBacktest, result: ImpactResult, cumulative: Bool) -> [String] {
        let level = NumberFormatting.level(backtest.alpha)
        let blocks = cumulative ? [result.summary.average, result.summary.cumulative] : [result.summary.average]
        let model = blocks.map(\.absoluteEffect), calibrated = model.map(backtest.calibration.calibrated)
        func pairs(_ estimates: [PosteriorEstimate]) -> [String] {
            let lowers = NumberFormatting.common(estimates.map(\.lower), digits: 2)
            let uppers = NumberFormatting.common(estimates.map(\.upper), digits: 2)
            return zip(lowers, uppers).map { "[\($0), \($1)]" }
        }
        let rows: [[String]] = [
            ["Absolute effect"] + (cumulative ? ["Average", "Cumulative"] : ["Average"]),
            ["Estimate"] + NumberFormatting.common(model.map(\.mean), digits: 2),
            ["Model's \(level) CI"] + pairs(model),
            ["Calibrated \(level) CI"] + pairs(calibrated),
        ]
        return TextTable(rows: rows, gap: "   ").lines()
    }
}
