import Reporting
import Foundation

/// A plain-language account of an impact analysis: what happened, how big the
/// effect is, how sure we can be, and what the answer rests on.
///
/// Numbers carry the decimals their uncertainty supports: two significant
/// digits of the interval's width. The effect is called clear when the interval
/// of the average effect excludes zero and the tail-area probability p is below
/// alpha (`ImpactSummary.isClear`); borderline when only one holds. When neither
/// holds, the report says "no effect of practical size" only if the interval of the
/// relative effect lies within ±`negligibleRelativeEffect` of the prediction, and
/// "inconclusive" otherwise (the interval is too wide to tell "no effect" from an effect).
/// It gives P(effect > 0) and P(effect < 0) from the draws.
public enum ImpactReport {
    /// The largest relative effect (either way, as a fraction of the prediction) that an
    /// interval may allow for the report to call the effect negligible rather than unknown: 1%.
    public static let negligibleRelativeEffect = 0.01

    /// The report, wrapped at `width` columns, paragraphs separated by blank lines;
    /// `stock` leaves out the effect added up over the post-period; a `placebo` backtest
    /// adds a paragraph on the calibrated interval (`PlaceboConclusion`).
    public static func text(of result: ImpactResult, width: Int = 80, stock: Bool = false,
                            placebo: PlaceboBacktest? = nil) -> String {
        text(of: .inferred(result), width: width, stock: stock, placebo: placebo)
    }

    /// The report of either outcome; without an inference, why and what to check.
    public static func text(of outcome: ImpactOutcome, width: Int = 80, stock: Bool = false,
                            placebo: PlaceboBacktest? = nil) -> String {
        var paragraphs = paragraphs(of: outcome, stock: stock)
        if let placebo, let result = outcome.result {
            paragraphs.append("Placebo check. " + PlaceboConclusion(backtest: placebo, result: result).sentences)
        }
        return paragraphs.map { wrap($0, width: width) }.joined(separator: "\n\n") + "\n"
    }

    /// The report's paragraphs, unwrapped.
    static func paragraphs(of result: ImpactResult, stock: Bool = false) -> [String] {
        paragraphs(of: .inferred(result), stock: stock)
    }

    /// The report's paragraphs of either outcome, unwrapped.
    static func paragraphs(of outcome: ImpactOutcome, stock: Bool = false) -> [String] {
        let data = outcome.data
        let name = "'\(data.responseName)'"
        guard let result = outcome.result else {
            return ["Impact report for \(name)",
                    "No effect could be estimated: \(data.noInferenceReason ?? "no model was fit"). "
                    + "Check the response column and the pre-period."]
        }
        let summary = result.summary
        let level = NumberFormatting.level(summary.alpha)
        let average = summary.average, total = summary.cumulative
        let pointsText = PeriodWording.describe(data.post, in: data)

        let prediction = Wording(average.predicted)
        let effect = Wording(average.absoluteEffect)
        let happened = "What happened. During the post-period, \(pointsText), \(name) averaged "
            + "\(prediction.number(average.actual)). Had the intervention not taken place, the model expects it "
            + "would have averaged \(prediction.mean), with a \(level) interval from \(prediction.range). "
            + "The difference, \(effect.mean) per time point (\(level) interval \(effect.range)), "
            + "is the estimated effect of the intervention."

        let relative = Wording(average.relativeEffect, percent: true)
        let cumulative = Wording(total.absoluteEffect)
        let direction = average.relativeEffect.mean >= 0 ? "higher" : "lower"
        var size = summary.baselineCrossesZero
            ? "How big. The prediction's interval includes zero, so no relative effect is given: a ratio to a "
                + "baseline that may be zero means nothing."
            : "How big. Relative to the counterfactual, \(name) was \(relative.magnitude) \(direction) "
                + "(\(level) interval \(relative.range))."
        if stock {
            size += " \(name.prefix(1).uppercased() + name.dropFirst()) is a stock (a level, not a flow), so the effect "
                + "is not added up over the post-period."
        } else {
            size += " Added up over the post-period, the effect comes to "
                + "\(cumulative.mean) (\(level) interval \(cumulative.range)) on an observed total of "
                + "\(cumulative.number(total.actual)). That total means something only if adding up \(name) does "
                + "(counts or sales, say, but not rates or prices)."
        }

        var caveat = caveats(data, effect: effect.mean, clear: summary.isClear)
        for warning in result.warnings { caveat += " " + sentence(warning) }
        return ["Impact report for \(name)", happened, size, certainty(summary, level: level), caveat]
    }

    /// A warning as a sentence of the caveats: its description, capitalised.
    private static func sentence(_ warning: ImpactWarning) -> String {
        let text = warning.description
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    private static func certainty(_ summary: ImpactSummary, level: String) -> String {
        let p = NumberFormatting.probability(summary.tailProbability)
        let excludes = summary.intervalExcludesZero
        let small = summary.tailProbability < summary.alpha
        let probability = "The posterior probability that the intervention had an effect is "
            + "\(NumberFormatting.complementPercent(summary.tailProbability))."
        if excludes && small {
            return "How sure. The \(level) interval of the effect excludes zero, and the one-sided tail-area "
                + "probability is p = \(p): had the intervention done nothing, a post-period this far from the "
                + "prediction would be very unlikely. \(probability)\(signs(summary))"
        }
        if !excludes && !small {
            let movement = summary.average.absoluteEffect.mean >= 0 ? "increase" : "decrease"
            let relative = summary.average.relativeEffect
            if !summary.baselineCrossesZero, relative.lower >= -negligibleRelativeEffect,
               relative.upper <= negligibleRelativeEffect {
                return "How sure. The \(level) interval of the effect includes zero (p = \(p)) and is narrow: it rules "
                    + "out effects larger than \(NumberFormatting.fixed(100 * negligibleRelativeEffect, decimals: 0))% of "
                    + "the prediction either way, so the data show no effect of practical size; the apparent "
                    + "\(movement) is ordinary noise. \(probability)\(signs(summary))"
            }
            let allowed = summary.baselineCrossesZero
                ? Wording(summary.average.absoluteEffect).range + " per time point"
                : Wording(relative, percent: true).range + " of the prediction"
            return "How sure. Inconclusive: the \(level) interval of the effect includes zero (p = \(p)), but it is "
                + "wide, allowing anything from \(allowed). The data can tell neither that the "
                + "intervention did nothing nor that it had an effect: the apparent \(movement) may be ordinary noise, "
                + "and an effect can be too small, too short-lived or too diluted by a long post-period for this "
                + "analysis to detect. \(probability)\(signs(summary))"
        }
        let intervalWords = excludes ? "excludes" : "includes"
        return "How sure. The evidence is borderline: the \(level) interval of the effect \(intervalWords) zero, "
            + "while the one-sided tail-area probability is p = \(p). Treat the effect as uncertain. \(probability)"
            + signs(summary)
    }

    /// " P(effect > 0) = 97.3%, P(effect < 0) = 2.7%." from the draws, or "" when unknown.
    private static func signs(_ summary: ImpactSummary) -> String {
        guard summary.probabilityPositive.isFinite, summary.probabilityNegative.isFinite else { return "" }
        return " Over the posterior draws, P(effect > 0) = \(NumberFormatting.percent(summary.probabilityPositive)) "
            + "and P(effect < 0) = \(NumberFormatting.percent(summary.probabilityNegative))."
    }

    private static func caveats(_ data: ImpactData, effect: String, clear: Bool) -> String {
        let importance = clear
            ? " A clear effect is not necessarily an important one: judge \(effect) per time point against what "
                + "the intervention was meant to achieve."
            : ""
        guard !data.covariateNames.isEmpty else {
            return "Caveats. No covariates were given, so the counterfactual is the response's own pre-period "
                + "pattern carried forward: its uncertainty grows with the length of the post-period, and anything "
                + "else that changed when the intervention began is counted as its effect.\(importance)"
        }
        let single = data.covariateNames.count == 1
        return "Caveats. These conclusions hold only if the model's assumptions do: "
            + "\(covariateList(data.covariateNames)) \(single ? "was" : "were") not affected by the intervention, "
            + "\(single ? "its" : "their") relationship with '\(data.responseName)' in the pre-period carried on "
            + "in the post-period, and nothing else that moves '\(data.responseName)' changed when the intervention "
            + "began.\(importance)"
    }

    /// "the covariate 'x1'", "the covariates 'a' and 'b'", or "the 10 covariates".
    static func covariateList(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        switch quoted.count {
        case 1: return "the covariate \(quoted[0])"
        case 2, 3: return "the covariates \(quoted.dropLast().joined(separator: ", ")) and \(quoted.last ?? "")"
        default: return "the \(quoted.count) covariates"
        }
    }

    /// Greedy word wrap at `width` columns.
    static func wrap(_ paragraph: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

/// One estimate in words, all its numbers to the precision its interval supports:
/// two significant digits of the interval's width. When the estimate itself is under
/// a tenth of the width, the precision goes down to its first significant digit (but
/// no finer than a hundredth of the width), so that a small effect reads 0.3 rather
/// than 0. Numbers too long for fixed notation are written in scientific notation
/// (`NumberFormatting.prose`).
private struct Wording {
    let estimate: PosteriorEstimate
    let percent: Bool
    let decimals: Int

    init(_ estimate: PosteriorEstimate, percent: Bool = false) {
        self.estimate = estimate
        self.percent = percent
        let scale = percent ? 100.0 : 1
        let width = scale * (estimate.upper - estimate.lower), size = abs(scale * estimate.mean)
        guard width > 0, width.isFinite else {
            decimals = NumberFormatting.decimals(forResolution: size)
            return
        }
        let widthDecimals = NumberFormatting.decimals(forResolution: width)
        guard size > 0, size < width / 10 else {
            decimals = widthDecimals
            return
        }
        let firstDigit = -Int(log10(size).rounded(.down))
        decimals = max(widthDecimals, min(widthDecimals + 2, firstDigit))
    }

    /// Any number on this estimate's scale.
    func number(_ x: Double) -> String {
        percent ? NumberFormatting.prose(100 * x, decimals: decimals) + "%" : NumberFormatting.prose(x, decimals: decimals)
    }

    var mean: String { number(estimate.mean) }
    var magnitude: String { number(abs(estimate.mean)) }
    var range: String { "\(number(estimate.lower)) to \(number(estimate.upper))" }
}
