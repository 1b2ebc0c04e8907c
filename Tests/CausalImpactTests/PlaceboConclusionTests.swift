import Testing
@testable import CausalImpact

/// The plain words of a placebo backtest: the calibrated interval beside the model's, the
/// false-positive rate, and whether the conclusion (the interval excludes zero) changes.
@Suite struct PlaceboConclusionTests {
    /// A calibration with quantile `c` (and factor max(1, c)): 19 placebo windows (the fewest for 95%) whose
    /// estimates c with interval [c − 1, c + 1] each need a stretch of exactly c to reach 0.
    static func calibration(_ c: Double) -> PlaceboCalibration {
        PlaceboCalibration(placebo: [PosteriorEstimate](repeating: PosteriorEstimate(mean: c, sd: 1, lower: c - 1, upper: c + 1),
                                                        count: 19), alpha: 0.05)
    }

    static func conclusion(mean: Double, lower: Double, upper: Double, factor: Double) -> PlaceboConclusion {
        PlaceboConclusion(model: PosteriorEstimate(mean: mean, sd: 0.5, lower: lower, upper: upper),
                          calibration: calibration(factor), falsePositives: 3, windows: 19, alpha: 0.05)
    }

    @Test func aCalibratedIntervalThatStillExcludesZeroLeavesTheConclusion() {
        // Effect 2 in [1, 3]; c = 1.5 → [0.5, 3.5].
        let words = Self.conclusion(mean: 2, lower: 1, upper: 3, factor: 1.5)
        #expect(!words.changesConclusion)
        #expect(words.sentences.contains("excluded zero in 3 of them (15.8%; nominally 5.0%)"), "\(words.sentences)")
        #expect(words.sentences.contains("the 95% interval of the average effect is 0.5 to 3.5, against the model's own 1.0 to 3.0"),
                "\(words.sentences)")
        #expect(words.sentences.hasSuffix("The conclusion stands: the calibrated interval excludes zero too."))
    }

    @Test func aCalibratedIntervalThatReachesZeroChangesTheConclusion() {
        // Effect 2 in [1, 3]; c = 2.5 → [−0.5, 4.5]: inconclusive.
        let words = Self.conclusion(mean: 2, lower: 1, upper: 3, factor: 2.5)
        #expect(words.changesConclusion && words.modelExcludesZero && !words.calibratedExcludesZero)
        #expect(words.sentences.contains("is -0.5 to 4.5, against the model's own 1.0 to 3.0"), "\(words.sentences)")
        #expect(words.sentences.contains("The conclusion changes: the calibrated interval includes zero"))
        #expect(words.sentences.contains("inconclusive"))
    }

    @Test func placeboWindowsThatFindTheIntervalsTooWideLeaveThemAsTheyAre() {
        // Effect 1 in [−0.5, 2.5]; the windows' quantile 0.5 would shrink it to [0.25, 1.75],
        // which excludes zero, but c = max(1, 0.5) keeps the model's own interval.
        let words = Self.conclusion(mean: 1, lower: -0.5, upper: 2.5, factor: 0.5)
        #expect(!words.changesConclusion && !words.modelExcludesZero && !words.calibratedExcludesZero)
        #expect(words.calibrated == words.model)
        #expect(words.sentences.contains("The placebo errors find the model's 95% interval wide enough, so the calibrated "
            + "interval of the average effect is the model's own, -0.5 to 2.5."), "\(words.sentences)")
        #expect(words.sentences.hasSuffix("The conclusion stands: neither interval excludes zero."))
    }

    @Test func tooFewWindowsSayTheIntervalCannotBeCalibrated() {
        let few = PlaceboCalibration(placebo: [PosteriorEstimate(mean: 1, sd: 1, lower: 0, upper: 2)], alpha: 0.05)
        let words = PlaceboConclusion(model: PosteriorEstimate(mean: 2, sd: 0.5, lower: 1, upper: 3), calibration: few,
                                      falsePositives: 0, windows: 1, alpha: 0.05)
        #expect(!words.calibratedExcludesZero)
        #expect(words.sentences.contains("In 1 placebo window inside the pre-period"))
        #expect(words.sentences.contains("at least 19 are needed"))
        #expect(words.sentences.contains("the model's own, 1.0 to 3.0, stands unchecked"))
    }
}
