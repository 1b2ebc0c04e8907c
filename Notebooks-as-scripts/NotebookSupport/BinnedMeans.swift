/// The mean of y in equal-width bins of x: the points of a binned scatter plot, for
/// drawing how an outcome (or a true effect) moves with a running variable or a covariate.
public struct BinnedMeans: Sendable {
    /// The centre of each bin.
    public let centres: [Double]
    /// The mean of y in each bin; NaN where a bin is empty (a gap in a line).
    public let means: [Double]

    /// The means of `y` in `bins` equal bins of `x` over `range` (values outside are left out).
    public init(x: [Double], y: [Double], bins: Int, range: ClosedRange<Double>) {
        let width = (range.upperBound - range.lowerBound) / Double(bins)
        var sums = [Double](repeating: 0, count: bins), counts = [Double](repeating: 0, count: bins)
        for (xi, yi) in zip(x, y) where range.contains(xi) {
            let k = min(bins - 1, Int((xi - range.lowerBound) / width))
            sums[k] += yi
            counts[k] += 1
        }
        centres = (0..<bins).map { range.lowerBound + (Double($0) + 0.5) * width }
        means = zip(sums, counts).map { $1 > 0 ? $0 / $1 : .nan }
    }

    /// The means with NaN wherever `keep` rejects the bin's centre (to break a line at a cutoff).
    public func means(where keep: (Double) -> Bool) -> [Double] {
        zip(centres, means).map { keep($0) ? $1 : .nan }
    }
}
