import Tabular

/// The posterior draws of the post-period: for draw k and post-period row t, the
/// predicted response Y[k, t] = S[k, t] + σ_k·z[k, t] (original scale), the draws from
/// which the analysis' intervals come, and so the pointwise effect y_t − Y[k, t].
///
/// Summaries over a window W of the post-period follow the summary's rules (NOTES §5)
/// with the sums over W in place of those over the post-period: absolute effect
/// A_W − P̄_W with interval [A_W − q_hi(m), A_W − q_lo(m)] over the draws' window means
/// m_k = (1/|W|)·Σ_{t∈W} Y[k, t]. Over the whole post-period they are the summary itself.
public struct EffectDraws: Sendable {
    /// The post-period (0-based rows of the table).
    public let post: ClosedRange<Int>
    /// The number of draws, K.
    public let count: Int
    /// Y[k, t], draw-major: draw k's post-period at k·L ..< (k + 1)·L.
    private var predictive: [Double]
    /// The observed response over the post-period.
    private let observed: [Double]
    /// The noise-free prediction (posterior mean of the state) over the post-period.
    private var predicted: [Double]

    /// Room for `draws` draws over `data`'s post-period.
    init(data: ImpactData, draws: Int) {
        post = data.post
        count = draws
        predictive = [Double](repeating: .nan, count: draws * data.post.count)
        observed = Array(data.observed[data.post])
        predicted = [Double](repeating: .nan, count: data.post.count)
    }

    /// Records row t's predictive draws and noise-free prediction.
    mutating func record(_ draws: [Double], prediction: Double, row t: Int) {
        let w = t - post.lowerBound, length = post.count
        for k in draws.indices { predictive[k * length + w] = draws[k] }
        predicted[w] = prediction
    }

    /// The pointwise effect y_t − Y[k, t] of draw k at post-period row t.
    public func pointEffect(draw k: Int, row t: Int) -> Double {
        let w = t - post.lowerBound
        return observed[w] - predictive[k * post.count + w]
    }

    /// Each draw's average effect over `window` (rows inside the post-period): A_W − m_k.
    public func averageEffects(over window: ClosedRange<Int>) -> [Double] {
        let n = Double(window.count)
        let actual = window.reduce(0.0) { $0 + observed[$1 - post.lowerBound] } / n
        return windowSums(window).map { actual - $0 / n }
    }

    /// The summary over `window` (rows inside the post-period) at level 1 − alpha.
    public func summary(over window: ClosedRange<Int>, alpha: Double) -> ImpactSummary {
        var observedSum = 0.0, predictedSum = 0.0
        for t in window {
            observedSum += observed[t - post.lowerBound]
            predictedSum += predicted[t - post.lowerBound]
        }
        return Counterfactual.summarise(observedSum: observedSum, predictedSum: predictedSum,
                                        postSums: windowSums(window), points: window.count, alpha: alpha)
    }

    /// P(average effect over `window` > x): the share of draws whose window average effect exceeds x.
    public func probabilityAbove(_ x: Double, over window: ClosedRange<Int>) -> Double {
        Double(averageEffects(over: window).filter { $0 > x }.count) / Double(count)
    }

    /// Σ_{t∈W} Y[k, t] per draw, added in time order (as the summary adds them).
    private func windowSums(_ window: ClosedRange<Int>) -> [Double] {
        let length = post.count
        return (0..<count).map { k in
            var sum = 0.0
            for t in window { sum += predictive[k * length + t - post.lowerBound] }
            return sum
        }
    }

    /// The pointwise effect draws as CSV: a header `draw,` and one column per post-period
    /// time point (named by `labels`, one per table row), then one line per draw.
    public func csv(labels: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        CSVFormat.appendHeader(["draw"] + post.map { labels[$0] }, to: &bytes)
        for k in 0..<count {
            CSVFormat.appendNumber(Double(k + 1), to: &bytes)
            for t in post {
                bytes.append(UInt8(ascii: ","))
                CSVFormat.appendNumber(pointEffect(draw: k, row: t), to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
