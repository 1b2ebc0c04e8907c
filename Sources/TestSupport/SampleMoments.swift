/// Sample moments with their standard errors, for statistical assertions.
public enum SampleMoments {
    /// The arithmetic mean.
    public static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// The sample covariance (n − 1 denominator).
    public static func covariance(_ x: [Double], _ y: [Double]) -> Double {
        let mx = mean(x), my = mean(y)
        var s = 0.0
        for i in x.indices { s += (x[i] - mx) * (y[i] - my) }
        return s / Double(x.count - 1)
    }

    /// The sample variance (n − 1 denominator).
    public static func variance(_ x: [Double]) -> Double { covariance(x, x) }

    /// The standard error of a sample mean: √(s²/n).
    public static func standardErrorOfMean(_ x: [Double]) -> Double { (variance(x) / Double(x.count)).squareRoot() }

    /// The standard error of a sample covariance of jointly Gaussian variables
    /// with true covariances σᵢᵢ, σⱼⱼ, σᵢⱼ: √((σᵢᵢσⱼⱼ + σᵢⱼ²)/n).
    public static func gaussianCovarianceStandardError(_ sii: Double, _ sjj: Double, _ sij: Double, n: Int) -> Double {
        ((sii * sjj + sij * sij) / Double(n)).squareRoot()
    }
}
