import CausalImpact
import Plotting

extension ImpactResult {
    /// The three-panel picture of the analysis (`ImpactOutcome.plot()`).
    public func plot() -> ImpactPlot { ImpactOutcome.inferred(self).plot() }
}

extension ImpactOutcome {
    /// The three-panel picture of the analysis (R CausalImpact's `plot`): the response
    /// and its counterfactual prediction with its interval, the pointwise effect and
    /// the cumulative effect, the post-period marked. Rows are labelled with the time
    /// index when it differs from the row numbers. `plot().svg()` gives the SVG text.
    public func plot() -> ImpactPlot {
        let s = series
        let labels = data.timeIndex?.labels
        let numbered = labels.map { $0.enumerated().allSatisfy { $0.element == "\($0.offset + 1)" } } ?? true
        return ImpactPlot(actual: s.actual, predicted: s.predicted, predictedLower: s.predictedLower,
                          predictedUpper: s.predictedUpper, pointEffect: s.pointEffect, pointEffectLower: s.pointEffectLower,
                          pointEffectUpper: s.pointEffectUpper, cumulativeEffect: s.cumulativeEffect,
                          cumulativeEffectLower: s.cumulativeEffectLower, cumulativeEffectUpper: s.cumulativeEffectUpper,
                          postStartRow: data.post.lowerBound + 1, responseName: data.responseName,
                          intervalLevel: intervalLevel, rowLabels: numbered ? nil : labels)
    }
}
