/// A running mean and unbiased variance (Welford 1962): a loop over rows can
/// accumulate several groups without storing them, and partial results from
/// blocks combine exactly in a fixed order (Chan, Golub & LeVeque 1979).
public struct RunningMoments: Sendable, Equatable {
    /// Number of values added.
    public private(set) var count = 0
    private var runningMean = 0.0
    private var sumOfSquares = 0.0

    /// Empty moments.
    public init() {}

    /// The moments of `values`.
    public init(_ values: some Sequence<Double>) { for x in values { add(x) } }

    /// Adds one value.
    @inline(__always) public mutating func add(_ x: Double) {
        count += 1
        let delta = x - runningMean
        runningMean += delta / Double(count)
        sumOfSquares += delta * (x - runningMean)
    }

    /// Adds every value summarised by `other`.
    public mutating func merge(_ other: RunningMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.runningMean - runningMean
        runningMean += delta * Double(other.count) / n
        sumOfSquares += other.sumOfSquares + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
    }

    /// The mean; NaN when empty.
    public var mean: Double { count == 0 ? .nan : runningMean }

    /// The unbiased sample variance Σ(x − x̄)²/(n − 1); NaN for fewer than two values.
    public var variance: Double { count > 1 ? sumOfSquares / Double(count - 1) : .nan }

    /// The standard error of the mean, √(variance / n); NaN for fewer than two values.
    public var standardErrorOfMean: Double { (variance / Double(count)).squareRoot() }
}
