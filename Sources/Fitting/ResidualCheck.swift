import Foundation

/// The Jarque–Bera test of normality of residuals (Jarque & Bera 1980):
/// JB = n/6 · (S² + (K − 3)²/4) with S the sample skewness and K the kurtosis; under
/// normality JB is asymptotically χ² with 2 degrees of freedom, so p = exp(−JB/2).
/// A small p says the Gaussian mechanism does not describe the data: a non-linear
/// truth fitted by a linear mechanism leaves skewed or heavy-tailed residuals.
public struct ResidualCheck: Sendable, Equatable {
    /// The p-value below which `whatif fit` flags a mechanism as mis-specified.
    public static let flagBelow = 0.001
    /// The statistic JB.
    public let statistic: Double
    /// Its asymptotic p-value, exp(−JB/2).
    public let pValue: Double
    /// Sample skewness S.
    public let skewness: Double
    /// Sample kurtosis K (3 for a Normal).
    public let kurtosis: Double

    /// The test on `residuals` (moments with divisor n).
    public init(residuals: [Double]) {
        let n = Double(residuals.count)
        let mean = residuals.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for e in residuals {
            let d = e - mean, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        skewness = m2 > 0 ? m3 / pow(m2, 1.5) : 0
        kurtosis = m2 > 0 ? m4 / (m2 * m2) : 3
        statistic = n / 6 * (skewness * skewness + (kurtosis - 3) * (kurtosis - 3) / 4)
        pValue = exp(-statistic / 2)
    }

    /// Whether the residuals are far from normal (p below `flagBelow`).
    public var isFlagged: Bool { pValue < Self.flagBelow }
}
