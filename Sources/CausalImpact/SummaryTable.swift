import Reporting

/// The printed summary of an impact analysis, laid out like R CausalImpact's
/// `summary(impact)`: average and cumulative columns; the prediction, absolute
/// and relative effects with their sds and intervals; the tail-area probability.
///
/// Numbers are rounded as R's `format(digits = 2)` rounds a row's pair of
/// values (the average and the cumulative): both get the decimals that the less
/// precise one needs for two significant digits.
public enum SummaryTable {
    /// The summary as text (lines end with "\n"; no trailing spaces).
    public static func text(of result: ImpactResult) -> String {
        text(of: .inferred(result))
    }

    /// The summary of either outcome; without an inference, the reason. `cumulative` false
    /// (a stock response, `--stock`) leaves out the Cumulative column.
    public static func text(of outcome: ImpactOutcome, cumulative: Bool = true) -> String {
        let data = outcome.data
        var lines = ["Posterior inference for '\(data.responseName)' (whatif impact)", ""]
        lines.append("Pre-period:  \(PeriodWording.describe(data.pre, in: data))")
        lines.append("Post-period: \(PeriodWording.describe(data.post, in: data))")
        guard let result = outcome.result else {
            lines.append("")
            lines.append("No inference: \(data.noInferenceReason ?? "no model was fit").")
            return lines.joined(separator: "\n") + "\n"
        }
        let summary = result.summary
        lines.append("Posterior draws: \(result.drawCount)" + (result.sampler.map { " (\(SummaryTable.describe($0)))" } ?? ""))
        lines.append("")
        lines.append(contentsOf: table(summary, cumulative: cumulative))
        lines.append("")
        lines.append("Posterior tail-area probability p:   \(NumberFormatting.probability(summary.tailProbability))")
        lines.append("Posterior prob. of a causal effect:  \(NumberFormatting.complementPercent(summary.tailProbability))")
        if !result.warnings.isEmpty { lines.append("") }
        for warning in result.warnings { lines.append("Warning: \(warning)") }
        return lines.map { $0.withoutTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    /// "1 chain of 1000 iterations, burn-in 8", "2 chains of 500 iterations, burn-in 8 and 12".
    static func describe(_ sampler: SamplerReport) -> String {
        let burn = sampler.burnIn.map(String.init)
        let burnText = burn.count > 1 ? burn.dropLast().joined(separator: ", ") + " and " + (burn.last ?? "") : burn.joined()
        return "\(sampler.chains) \(sampler.chains == 1 ? "chain" : "chains") of \(sampler.iterations) iterations, "
            + "burn-in \(burnText)"
    }

    /// The aligned rows of the table.
    static func table(_ summary: ImpactSummary, cumulative: Bool = true) -> [String] {
        let a = summary.average, c = summary.cumulative
        let interval = "\(NumberFormatting.level(summary.alpha)) CI"
        let rows: [[String]] = [
            ["", "Average", "Cumulative"],
            ["Actual"] + format([a.actual, c.actual]),
            ["Prediction (s.d.)"] + withSD([a.predicted, c.predicted]),
            [interval] + intervals([a.predicted, c.predicted]),
            [],
            ["Absolute effect (s.d.)"] + withSD([a.absoluteEffect, c.absoluteEffect]),
            [interval] + intervals([a.absoluteEffect, c.absoluteEffect]),
            [],
        ] + (summary.baselineCrossesZero ? [["Relative effect", "—", "—"]] : [
            ["Relative effect (s.d.)"] + withSD([a.relativeEffect, c.relativeEffect], percent: true),
            [interval] + intervals([a.relativeEffect, c.relativeEffect], percent: true),
        ])
        // Without the sums, each row keeps its label and the average (formatted with the pair as ever).
        let shown = cumulative ? rows : rows.map { Array($0.prefix(2)) }
        return TextTable(rows: shown, gap: "   ", padsLastColumn: true).lines()
    }

    private static func format(_ values: [Double], percent: Bool = false) -> [String] {
        let shown = percent ? values.map { 100 * $0 } : values
        return NumberFormatting.common(shown, digits: 2).map { percent ? $0 + "%" : $0 }
    }

    private static func withSD(_ estimates: [PosteriorEstimate], percent: Bool = false) -> [String] {
        let means = format(estimates.map(\.mean), percent: percent)
        let sds = format(estimates.map(\.sd), percent: percent)
        return zip(means, sds).map { "\($0) (\($1))" }
    }

    private static func intervals(_ estimates: [PosteriorEstimate], percent: Bool = false) -> [String] {
        let lowers = format(estimates.map(\.lower), percent: percent)
        let uppers = format(estimates.map(\.upper), percent: percent)
        return zip(lowers, uppers).map { "[\($0), \($1)]" }
    }
}

extension String {
    /// The text without trailing spaces.
    var withoutTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
