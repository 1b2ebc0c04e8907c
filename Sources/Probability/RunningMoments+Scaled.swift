extension RunningMoments {
    /// The mean and sample standard deviation (n − 1 denominator) of `values`, right
    /// for any finite values however large or small.
    ///
    /// A plain sum of squares overflows once the values pass about 1e154 and
    /// underflows to 0 below about 1e-162. Here the values are first divided by
    /// 2^e, the power of two at or below the largest |x| (exact: it only moves the
    /// exponent), so that they lie in (−2, 2); Welford's running moments of the
    /// scaled values are then multiplied back by 2^e. The standard deviation is
    /// infinite only when the true one exceeds the largest double. Two passes.
    ///
    /// - Parameter values: numbers, none of them NaN (filter missing values out first).
    /// - Returns: NaN for both when `values` is empty; sd 0 for a single value.
    public static func meanAndStandardDeviation<C: Collection>(of values: C) -> (mean: Double, standardDeviation: Double)
    where C.Element == Double {
        var largest = 0.0
        for x in values { largest = max(largest, abs(x)) }
        guard !values.isEmpty else { return (.nan, .nan) }
        guard largest > 0, largest.isFinite else {
            let moments = RunningMoments(values)
            return (moments.mean, values.count > 1 ? moments.variance.squareRoot() : 0)
        }
        let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
        var moments = RunningMoments()
        for x in values { moments.add(x / scale) }
        let sd = values.count > 1 ? moments.variance.squareRoot() : 0
        return (moments.mean * scale, sd * scale)
    }
}
