import Probability

/// From posterior state draws to the counterfactual series and the summary (NOTES §4–§5).
///
/// For each draw k and modelled time t, the predicted response is
/// Y[k, t] = S[k, t] + σ_k·z[k, t] with z standard normal, mapped back to the
/// original scale. The prediction is the mean over draws of S (noise-free); its
/// interval the alpha/2 and 1 − alpha/2 type-7 quantiles of Y[·, t]. Post-period
/// sums C_k = Σ_t Y[k, t] give the cumulative bounds, the summary and the
/// tail-area probability.
///
/// Cost: O(T·K) time for T modelled rows and K draws (`TailQuantiles`), O(K) memory besides
/// the output; the noise is drawn time point by time point, K variates at a time.
enum Counterfactual {
    /// The series, summary and post-period draws of `data` given `draws`; the noise comes from `noise`.
    static func infer(data: ImpactData, draws: StateDraws, alpha: Double,
                      noise: RandomStream) throws -> (series: ImpactSeries, summary: ImpactSummary, effects: EffectDraws) {
        let window = data.modelRows
        guard draws.length == window.count else {
            throw ImpactError.malformedDraws("draws cover \(draws.length) time points, the model \(window.count)")
        }
        let k = draws.count
        let scale = data.responseScale
        var series = ImpactSeries(actual: data.observed)
        var predictive = [Double](repeating: 0, count: k)   // Y[·, t] on the original scale
        var postSums = [Double](repeating: 0, count: k)     // Σ_{post, ≤ t} Y[·, t]
        var quantiles = TailQuantiles(count: k, low: alpha / 2, high: 1 - alpha / 2)
        var z = [Double](repeating: 0, count: k)
        var observedSum = 0.0, predictedSum = 0.0
        var effects = EffectDraws(data: data, draws: k)

        for t in window {
            let w = t - window.lowerBound
            z.withUnsafeMutableBufferPointer { noise.fillNormal($0) }
            var stateSum = 0.0
            for i in 0..<k {
                let s = draws.states[i][w]
                stateSum += s
                predictive[i] = scale.restore(s + draws.observationSD[i] * z[i])
            }
            let prediction = scale.restore(stateSum / Double(k))
            let (lower, upper) = predictive.withUnsafeBufferPointer { quantiles($0) }
            series.predicted[t] = prediction
            series.predictedLower[t] = lower
            series.predictedUpper[t] = upper

            let y = data.observed[t]
            let inPre = t <= data.pre.upperBound, inPost = data.post.contains(t)
            if inPost {
                for i in 0..<k { postSums[i] += predictive[i] }
                effects.record(predictive, prediction: prediction, row: t)
            }
            guard !y.isNaN, inPre || inPost else { continue }
            series.pointEffect[t] = y - prediction
            series.pointEffectLower[t] = y - upper
            series.pointEffectUpper[t] = y - lower
            if inPre {
                series.cumulativeEffect[t] = 0
                series.cumulativeEffectLower[t] = 0
                series.cumulativeEffectUpper[t] = 0
            } else {
                observedSum += y
                predictedSum += prediction
                let (sumLower, sumUpper) = postSums.withUnsafeBufferPointer { quantiles($0) }
                series.cumulativeEffect[t] = observedSum - predictedSum
                series.cumulativeEffectLower[t] = observedSum - sumUpper
                series.cumulativeEffectUpper[t] = observedSum - sumLower
            }
        }
        if let bad = postSums.first(where: { !$0.isFinite }) ?? (observedSum.isFinite ? nil : observedSum) {
            throw ImpactError.beyondRange(source: data.source, column: data.responseName,
                                          reason: "is too large to add up: a post-period sum of the predictions is "
                                              + "\(bad), beyond the largest number a double holds")
        }
        let summary = summarise(observedSum: observedSum, predictedSum: predictedSum, postSums: postSums,
                                points: data.post.count, alpha: alpha)
        return (series, summary, effects)
    }

    /// The summary table from the post-period sums (NOTES §5).
    static func summarise(observedSum: Double, predictedSum: Double, postSums: [Double], points: Int,
                          alpha: Double) -> ImpactSummary {
        let n = Double(points)
        var relative = postSums.map { observedSum / $0 - 1 }
        let relativeEffect = SampleStatistics.summary(&relative, alpha: alpha)
        func block(divisor: Double) -> EffectSummary {
            var means = postSums.map { $0 / divisor }
            let m = SampleStatistics.summary(&means, alpha: alpha)
            let actual = observedSum / divisor, predicted = predictedSum / divisor
            return EffectSummary(
                actual: actual,
                predicted: PosteriorEstimate(mean: predicted, sd: m.sd, lower: m.lower, upper: m.upper),
                absoluteEffect: PosteriorEstimate(mean: actual - predicted, sd: m.sd,
                                                  lower: actual - m.upper, upper: actual - m.lower),
                relativeEffect: relativeEffect)
        }
        var atLeast = 1, atMost = 1   // the observed sum counts itself
        for c in postSums {
            if c >= observedSum { atLeast += 1 }
            if c <= observedSum { atMost += 1 }
        }
        let p = Double(min(atLeast, atMost)) / Double(postSums.count + 1)
        var summary = ImpactSummary(average: block(divisor: n), cumulative: block(divisor: 1), tailProbability: p, alpha: alpha)
        // The effect's sign per draw: ΣA − C_k > 0 exactly when the draw predicts less than observed.
        let k = Double(postSums.count)
        summary.probabilityPositive = Double(postSums.filter { $0 < observedSum }.count) / k
        summary.probabilityNegative = Double(postSums.filter { $0 > observedSum }.count) / k
        return summary
    }
}
