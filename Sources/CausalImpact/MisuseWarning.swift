import Reporting

/// A sign that the analysis may be misused: its assumptions look broken in the data,
/// or a figure it prints means nothing here (`MisuseChecks`).
public enum MisuseWarning: Sendable, Equatable, CustomStringConvertible {
    /// A covariate whose changes copy the response's (lagged by `lag` points): it carries
    /// the response itself, so the counterfactual would include the effect.
    case covariateCopiesResponse(covariate: String, lag: Int, correlation: Double)
    /// Pre-period residuals whose lag-1 autocorrelation is clearly positive while the model
    /// has no autoregressive term: the intervals are then too narrow.
    case autocorrelatedResiduals(autocorrelation: Double, points: Int)
    /// A post-period longer than `PostPeriodRule.maximumRatio` times the pre-period.
    case longPostPeriod(post: Int, pre: Int)
    /// The interval of the predicted average includes 0, so ratios to it (relative effects) mean nothing.
    case baselineCrossesZero(lower: Double, upper: Double)
    /// A covariate that itself moved at the intervention (its own analysis finds a clear effect).
    case covariateMoved(covariate: String, effect: Double, lower: Double, upper: Double, tailProbability: Double)

    /// The warning as a sentence without its capital, for "Warning: …".
    public var description: String {
        switch self {
        case let .covariateCopiesResponse(covariate, lag, r):
            let which = lag == 0 ? "the response's" : "the response's \(lag) \(lag == 1 ? "point" : "points") earlier"
            return "the covariate '\(covariate)' changes with \(which) (correlation of the changes "
                + "\(NumberFormatting.fixed(r, decimals: 3)) in the pre-period): it looks like a copy or lag of the "
                + "response, which the intervention also moves; leave it out."
        case let .autocorrelatedResiduals(rho, points):
            return "the pre-period residuals are autocorrelated (lag-1 autocorrelation "
                + "\(NumberFormatting.fixed(rho, decimals: 2)) over \(points) points) and the model has no "
                + "autoregressive term, so its intervals are likely too narrow; check them with --placebo."
        case let .longPostPeriod(post, pre):
            return "the post-period (\(post) points) is long beside the pre-period (\(pre) points): the counterfactual "
                + "is carried far beyond what the model learnt, and the effect includes whatever else changed meanwhile."
        case let .baselineCrossesZero(lower, upper):
            return "the interval of the predicted average (\(NumberFormatting.significant(lower, digits: 3)) to "
                + "\(NumberFormatting.significant(upper, digits: 3))) includes 0, so the relative effect (a ratio to it) "
                + "means nothing here; use the absolute effect."
        case let .covariateMoved(covariate, effect, lower, upper, p):
            return "the covariate '\(covariate)' itself moved at the intervention (its own analysis: effect "
                + "\(NumberFormatting.significant(effect, digits: 3)), interval \(NumberFormatting.significant(lower, digits: 3)) "
                + "to \(NumberFormatting.significant(upper, digits: 3)), p = \(NumberFormatting.probability(p))); a covariate "
                + "the intervention affects hides part of the effect."
        }
    }
}
