import Reporting

/// The printed additions under the summary table: misuse warnings, the covariates'
/// inclusion and own effects, the windows' summaries, the
/// threshold probability with P(effect > 0) and P(effect < 0), the placebo backtest
/// (`PlaceboTable`) and its power table (`PlaceboPower`). Empty when nothing was added.
public enum ImpactAdditionsTable {
    /// The additions as text, each part after a blank line (lines end with "\n").
    public static func text(of additions: ImpactAdditions, result: ImpactResult) -> String {
        var parts: [String] = []
        if !additions.misuse.isEmpty { parts.append(additions.misuse.map { "Warning: \($0)\n" }.joined()) }
        if !additions.covariateShifts.isEmpty, let sampler = result.sampler {
            parts.append(covariates(sampler, shifts: additions.covariateShifts, alpha: result.alpha))
        }
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

    /// One line per covariate: its inclusion probability and mean coefficient (modelling
    /// scale), and its own effect at the intervention when analysed as the response.
    private static func covariates(_ sampler: SamplerReport, shifts: [CovariateShift], alpha: Double) -> String {
        let level = NumberFormatting.level(alpha)
        let rows = sampler.covariateNames.indices.map { j -> [String] in
            let name = sampler.covariateNames[j]
            var row = [name, NumberFormatting.fixed(sampler.inclusionProbabilities[j], decimals: 2),
                       NumberFormatting.significant(sampler.coefficientMeans[j], digits: 3)]
            if let shift = shifts.first(where: { $0.covariate == name }) {
                let e = NumberFormatting.common([shift.effect.mean, shift.effect.lower, shift.effect.upper], digits: 2)
                row += [e[0], "[\(e[1]), \(e[2])]", NumberFormatting.probability(shift.tailProbability), shift.moved ? "yes" : "no"]
            } else {
                row += ["—", "—", "—", "—"]
            }
            return row
        }
        let header = ["Covariate", "inclusion", "mean coef.", "own effect", "\(level) CI", "p", "moved"]
        return TextTable(rows: [header] + rows, leftAligned: 1, rulesHeader: true).text()
            + "(inclusion probability and mean coefficient on the modelling scale, excluded draws counting 0; own effect: "
            + "the covariate analysed as the response)\n"
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
