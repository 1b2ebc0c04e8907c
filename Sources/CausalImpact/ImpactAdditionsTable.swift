import Reporting

/// The printed additions under the summary table: the windows' summaries, the
/// threshold probability with P(effect > 0) and P(effect < 0), the placebo backtest
/// (`PlaceboTable`) and its power table (`PlaceboPower`). Empty when nothing was added.
public enum ImpactAdditionsTable {
    /// The additions as text, each part after a blank line (lines end with "\n").
    public static func text(of additions: ImpactAdditions, result: ImpactResult) -> String {
        var parts: [String] = []
        if !additions.windows.isEmpty { parts.append(windows(additions.windows, result: result, stock: additions.stock)) }
        if let threshold = additions.threshold, let draws = result.effectDraws {
            let above = draws.probabilityAbove(threshold, over: draws.post)
            parts.append(TextTable(rows: [
                ["P(average effect > \(NumberFormatting.general(threshold))):", NumberFormatting.percent(above)],
                ["P(average effect > 0):", NumberFormatting.percent(result.summary.probabilityPositive)],
                ["P(average effect < 0):", NumberFormatting.percent(result.summary.probabilityNegative)],
            ]).lines().joined(separator: "\n") + "\n")
        }
        if let placebo = additions.placebo { parts.append(PlaceboTable.text(of: placebo, result: result, cumulative: !additions.stock)) }
        if let power = additions.power { parts.append(power.text(alpha: result.alpha)) }
        return parts.map { "\n" + $0 }.joined()
    }

    /// One line per window: its rows, the average effect with its interval, the cumulative
    /// effect with its interval (not for a stock) and p.
    private static func windows(_ windows: [EffectWindow], result: ImpactResult, stock: Bool) -> String {
        let level = NumberFormatting.level(result.alpha)
        var header = ["Window", "Average effect", "\(level) CI"]
        if !stock { header += ["Cumulative", "\(level) CI"] }
        header.append("p")
        let rows = windows.map { window -> [String] in
            let a = window.summary.average.absoluteEffect, c = window.summary.cumulative.absoluteEffect
            let average = NumberFormatting.common([a.mean, a.lower, a.upper], digits: 2)
            var row = ["\(window.text) (\(window.rows.count) points)", average[0], "[\(average[1]), \(average[2])]"]
            if !stock {
                let total = NumberFormatting.common([c.mean, c.lower, c.upper], digits: 2)
                row += [total[0], "[\(total[1]), \(total[2])]"]
            }
            return row + [NumberFormatting.probability(window.summary.tailProbability)]
        }
        return TextTable(rows: [header] + rows, leftAligned: 1, rulesHeader: true).text()
    }
}
