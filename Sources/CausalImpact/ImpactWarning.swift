import Reporting
import BSTS

/// Something that weakens a result without invalidating it. Warnings are printed
/// under the summary table, added to the report's caveats and listed in the JSON.
public enum ImpactWarning: Sendable, Equatable, CustomStringConvertible {
    /// Fewer kept draws than `needed` (`ImpactDefaults.minimumReliableDraws`, or 5/alpha
    /// when that is more): the sds and interval ends rest on a handful of draws.
    case fewDraws(kept: Int, needed: Int)
    /// A seasonal cycle (seasons × duration) longer than the pre-period: some seasons
    /// never occur before the intervention, so their effects come from the prior alone.
    case seasonsUnobserved(seasons: Int, duration: Int, preperiodPoints: Int)
    /// Chains whose split R̂ exceeds `SamplerReport.rHatLimit` (the worst parameter).
    case unconverged(parameter: String, splitRHat: Double)
    /// A standard deviation of the model whose draws are worth fewer than
    /// `SamplerReport.minimumEffectiveSampleSize` independent ones (the worst one).
    case fewEffectiveDraws(parameter: String, effectiveSampleSize: Double)
    /// Time points that are not evenly spaced (a missing day in a daily series): the
    /// model counts points, not dates, so seasons and trends slip from there on.
    case unevenTimeIndex(column: String, previous: String, label: String, step: String, usual: String)
    /// A response value so far from the others (`deviations` median absolute deviations
    /// from the median, more than `ExtremeValue.threshold`) that it is likely a data
    /// error; one such value sets the model's scale and every interval.
    case extremeValue(column: String, row: String, value: Double, deviations: Double)

    /// The warning as a sentence without its capital, for "Warning: …".
    public var description: String {
        switch self {
        case let .fewDraws(kept, needed):
            return "only \(kept) posterior \(kept == 1 ? "draw was" : "draws were") kept (fewer than \(needed)), "
                + "so the sds and intervals are unreliable; run more iterations."
        case let .seasonsUnobserved(seasons, duration, points):
            return "the seasonal cycle (\(seasons) seasons of \(duration) \(duration == 1 ? "point" : "points")) is "
                + "longer than the pre-period (\(points) points): some seasons never occur before the intervention, "
                + "so their effects come from the prior alone."
        case let .unconverged(parameter, rHat):
            return "the chains have not converged (split R-hat of \(parameter) is "
                + "\(NumberFormatting.fixed(rHat, decimals: 2)) > \(SamplerReport.rHatLimit)); run more iterations."
        case let .fewEffectiveDraws(parameter, ess):
            return "the draws of \(parameter) are worth only \(NumberFormatting.fixed(ess, decimals: 1)) independent ones "
                + "(fewer than \(Int(SamplerReport.minimumEffectiveSampleSize))), so the intervals rest on very few; run more "
                + "iterations or chains."
        case let .unevenTimeIndex(column, previous, label, step, usual):
            return "the time index '\(column)' is not evenly spaced: \(label) comes \(step) after \(previous), where most steps "
                + "are \(usual); the model counts points, not dates, so seasons and trends slip from there (add the missing "
                + "time points, with an empty response, to keep them aligned)."
        case let .extremeValue(column, row, value, deviations):
            return "'\(column)' at \(row) is \(value.compactDescription), "
                + "\(NumberFormatting.significant(deviations, digits: 2)) median absolute deviations from the median: "
                + "if it is a data error, fix or remove it (one such value sets the model's scale and every interval)."
        }
    }

    /// The warnings of a result with `kept` draws at level 1 − alpha, a sampler report
    /// and the model's own warnings (seasons).
    static func collect(kept: Int, alpha: Double, sampler: SamplerReport?, model: [ImpactWarning]) -> [ImpactWarning] {
        var warnings = model
        let needed = max(Double(ImpactDefaults.minimumReliableDraws), (5 / alpha).rounded(.up))
        if Double(kept) < needed { warnings.append(.fewDraws(kept: kept, needed: Int(min(needed, 1e15)))) }
        if let worst = sampler?.unconverged { warnings.append(.unconverged(parameter: worst.name, splitRHat: worst.splitRHat ?? .nan)) }
        if let poor = sampler?.poorlyMixed {
            warnings.append(.fewEffectiveDraws(parameter: poor.name, effectiveSampleSize: poor.effectiveSampleSize))
        }
        return warnings
    }

    /// The model's warnings for `data` under `model`: a seasonal cycle longer than the
    /// pre-period (counted from the first to the last observed response), and time
    /// points that are not evenly spaced.
    static func model(_ model: ModelOptions, data: ImpactData) -> [ImpactWarning] {
        var warnings: [ImpactWarning] = []
        let points = FitLimits.observedSpan(data.modelResponse)
        if model.seasons > 1, Double(model.seasons) * Double(model.seasonDuration) > Double(points) {
            warnings.append(.seasonsUnobserved(seasons: model.seasons, duration: model.seasonDuration, preperiodPoints: points))
        }
        if let extreme = ExtremeValue.find(in: data.observed, rows: data.modelRows) {
            let row = data.timeIndex.map { "\($0.name) = \($0.labels[extreme.row])" } ?? "row \(extreme.row + 1)"
            warnings.append(.extremeValue(column: data.responseName, row: row, value: data.observed[extreme.row],
                                          deviations: extreme.deviations))
        }
        if let index = data.timeIndex, let uneven = index.unevenStep {
            let unit = index.values == nil ? " days" : ""
            func amount(_ x: Double) -> String { x == 1 && !unit.isEmpty ? "1 day" : x.compactDescription + unit }
            warnings.append(.unevenTimeIndex(column: index.name, previous: index.labels[uneven.row - 1],
                                             label: index.labels[uneven.row], step: amount(uneven.step),
                                             usual: amount(uneven.usual)))
        }
        return warnings
    }
}
