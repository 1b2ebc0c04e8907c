import Probability

/// Boom's `SdPrior(sigma.guess = s, sample.size = ν, upper.limit = u)`: the prior
/// 1/σ² ~ Gamma(ν/2, rate ν s²/2), restricted to σ ≤ u.
///
/// Given n disturbances with sum of squares SS, the full conditional is
/// 1/σ² ~ Gamma((ν + n)/2, (ν s² + SS)/2) restricted to 1/σ² ≥ 1/u²,
/// drawn by `TruncatedGamma` (a draw from the restricted law, not a clamp).
struct SdPrior: Sendable, Equatable {
    /// s, the prior guess of σ.
    let guess: Double
    /// ν, what the prior is worth in observations.
    let sampleSize: Double
    /// u, the largest allowed σ (may be +∞).
    let upperLimit: Double

    /// The prior with guess s > 0, sample size ν > 0 and upper limit u > 0.
    init(guess: Double, sampleSize: Double, upperLimit: Double = .infinity) {
        self.guess = guess
        self.sampleSize = sampleSize
        self.upperLimit = upperLimit
    }

    /// The starting value of σ² in the sampler: the guess (Boom's SdPrior
    /// `initial.value = sigma.guess`), kept below the upper limit.
    var initialVariance: Double {
        let sigma = min(guess, upperLimit)
        return sigma * sigma
    }

    /// ν s², the prior sum of squares.
    var priorSumOfSquares: Double { sampleSize * guess * guess }

    /// Draws σ² from its full conditional after `count` disturbances summing to `sumOfSquares`.
    func drawVariance(sumOfSquares: Double, count: Int, using stream: RandomStream) -> Double {
        drawVariance(degreesOfFreedom: sampleSize + Double(count), sumOfSquares: priorSumOfSquares + sumOfSquares,
                     using: stream)
    }

    /// Draws σ² with 1/σ² ~ Gamma(df/2, ss/2) restricted to 1/σ² ≥ 1/u².
    func drawVariance(degreesOfFreedom df: Double, sumOfSquares ss: Double, using stream: RandomStream) -> Double {
        let minimumPrecision = upperLimit.isFinite ? 1 / (upperLimit * upperLimit) : 0
        let precision = TruncatedGamma.draw(shape: df / 2, rate: ss / 2, lowerBound: minimumPrecision, using: stream)
        return 1 / precision
    }
}
