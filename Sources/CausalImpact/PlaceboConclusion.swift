import Reporting

/// What a placebo backtest does to an analysis' conclusion, in plain words: the empirical
/// false-positive rate of the model's intervals, the placebo-calibrated interval of the
/// average effect beside the model's own (`PlaceboCalibration`), and whether the answer to
/// "does the interval exclude zero?" changes under calibration (from yes to no). The summary under
/// `--placebo` and the written report (`--report`) both say it.
public struct PlaceboConclusion: Sendable, Equatable {
    /// The model's own interval of the average absolute effect.
    public let model: PosteriorEstimate
    /// The same estimate with the placebo-calibrated interval (unbounded when the windows
    /// are too few for the level).
    public let calibrated: PosteriorEstimate
    /// Placebo windows whose interval excludes zero.
    public let falsePositives: Int
    /// Placebo windows in all.
    public let windows: Int
    /// The interval level is 1 − alpha.
    public let alpha: Double

    /// The conclusion of `backtest` for `result`.
    public init(backtest: PlaceboBacktest, result: ImpactResult) {
        self.init(model: result.summary.average.absoluteEffect, calibration: backtest.calibration,
                  falsePositives: backtest.results.filter(\.intervalExcludesZero).count, windows: backtest.results.count,
                  alpha: backtest.alpha)
    }

    /// The conclusion for the model's estimate `model` under `calibration`.
    init(model: PosteriorEstimate, calibration: PlaceboCalibration, falsePositives: Int, windows: Int, alpha: Double) {
        self.model = model
        calibrated = calibration.calibrated(model)
        self.falsePositives = falsePositives
        self.windows = windows
        self.alpha = alpha
    }

    /// Whether the model's interval excludes zero.
    public var modelExcludesZero: Bool { model.lower > 0 || model.upper < 0 }
    /// Whether the calibrated interval excludes zero (never when it is unbounded).
    public var calibratedExcludesZero: Bool { calibrated.lower > 0 || calibrated.upper < 0 }
    /// Whether calibration turns an interval that excludes zero into one that does not (it
    /// never does the reverse: the calibrated interval holds the model's).
    public var changesConclusion: Bool { modelExcludesZero != calibratedExcludesZero }

    /// The account in sentences, effects to two significant digits of the model's interval width.
    public var sentences: String {
        let decimals = NumberFormatting.decimals(forResolution: model.upper - model.lower)
        func number(_ x: Double) -> String { NumberFormatting.prose(x, decimals: decimals) }
        let level = NumberFormatting.level(alpha)
        let rate = "In \(windows) placebo \(windows == 1 ? "window" : "windows") inside the pre-period, where nothing "
            + "happened, the model's \(level) interval excluded zero in \(falsePositives) of them ("
            + "\(NumberFormatting.percent(Double(falsePositives) / Double(max(1, windows)))); nominally "
            + "\(NumberFormatting.percent(alpha)))."
        let own = "\(number(model.lower)) to \(number(model.upper))"
        guard calibrated.lower.isFinite, calibrated.upper.isFinite else {
            return rate + " So few windows cannot calibrate a \(level) interval (at least "
                + "\(PlaceboCalibration.minimumWindows(alpha: alpha)) are needed): the calibrated interval is unbounded, "
                + "and the model's own, \(own), stands unchecked. Ask for more windows to check it."
        }
        let interval = calibrated == model
            ? rate + " The placebo errors find the model's \(level) interval wide enough, so the calibrated "
                + "interval of the average effect is the model's own, \(own)."
            : rate + " Calibrated by the placebo errors, the \(level) interval of the average effect is "
                + "\(number(calibrated.lower)) to \(number(calibrated.upper)), against the model's own \(own)."
        // The calibrated interval holds the model's (c ≥ 1), so it excludes zero only when the model's does.
        if calibratedExcludesZero {
            return interval + " The conclusion stands: the calibrated interval excludes zero too."
        }
        if !modelExcludesZero {
            return interval + " The conclusion stands: neither interval excludes zero."
        }
        return interval + " The conclusion changes: the calibrated interval includes zero, so once the model's "
            + "errors on the placebo windows are counted the effect is no longer clear; treat it as inconclusive."
    }
}
