import Probability

/// Checks that catch common misuse of an impact analysis, from the result alone
/// (`warnings(for:autoregressive:)`):
///
/// * a covariate copies the response: the correlation of its first differences with the
///   response's, at lags 0 … `maximumLag` (covariate later), reaches `copyCorrelation` over
///   the pre-period (differences, so that two trending series do not look alike);
/// * the pre-period residuals y_t − ŷ_t are autocorrelated: lag-1 autocorrelation ρ̂ with
///   ρ̂·√n above `autocorrelationZ` (white noise gives ρ̂ ≈ N(0, 1/n)), and the model has no
///   autoregressive term;
/// * the post-period is longer than `maximumPostRatio` times the pre-period;
/// * the interval of the predicted post-period average includes 0 (no relative effect).
public enum MisuseChecks {
    /// |correlation| of the differences from which a covariate counts as a copy of the response.
    public static let copyCorrelation = 0.98
    /// The largest lag checked for a lagged copy.
    public static let maximumLag = 7
    /// ρ̂·√n above this flags autocorrelated residuals (one-sided p ≈ 0.0005 for white noise).
    public static let autocorrelationZ = 3.3
    /// A post-period longer than this multiple of the pre-period is flagged.
    public static let maximumPostRatio = 0.5

    /// The warnings for `result`; `autoregressive` says whether its model has an AR term
    /// (then autocorrelated residuals are the model's business, not a warning).
    public static func warnings(for result: ImpactResult, autoregressive: Bool) -> [MisuseWarning] {
        let data = result.data
        var warnings: [MisuseWarning] = []
        let preCount = data.pre.count
        let y = Array(data.modelResponse[0..<preCount])
        for (name, x) in zip(data.covariateNames, data.modelCovariates) {
            if let (lag, r) = copy(of: y, in: Array(x[0..<preCount])) {
                warnings.append(.covariateCopiesResponse(covariate: name, lag: lag, correlation: r))
            }
        }
        if !autoregressive {
            let residuals = data.pre.map { result.series.pointEffect[$0] }
            if let (rho, n) = lagOneAutocorrelation(residuals), rho * Double(n).squareRoot() > autocorrelationZ {
                warnings.append(.autocorrelatedResiduals(autocorrelation: rho, points: n))
            }
        }
        if Double(data.post.count) > maximumPostRatio * Double(preCount) {
            warnings.append(.longPostPeriod(post: data.post.count, pre: preCount))
        }
        let predicted = result.summary.average.predicted
        if result.summary.baselineCrossesZero {
            warnings.append(.baselineCrossesZero(lower: predicted.lower, upper: predicted.upper))
        }
        return warnings
    }

    /// The lag and correlation of the differences at which `x` copies `y`, if any.
    static func copy(of y: [Double], in x: [Double]) -> (lag: Int, correlation: Double)? {
        let dy = zip(y.dropFirst(), y).map { $0 - $1 }, dx = zip(x.dropFirst(), x).map { $0 - $1 }
        var best: (Int, Double)?
        for lag in 0...min(maximumLag, max(0, dx.count - 3)) {
            // x's change at t against y's change at t − lag.
            let pairs = (lag..<dx.count).map { (dx[$0], dy[$0 - lag]) }.filter { !$0.0.isNaN && !$0.1.isNaN }
            guard let r = correlation(pairs), abs(r) >= copyCorrelation else { continue }
            if best == nil || abs(r) > abs(best?.1 ?? 0) { best = (lag, r) }
        }
        return best
    }

    /// Pearson's correlation of the pairs; nil with fewer than 3 or no variation.
    static func correlation(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in pairs {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// ρ̂ = Σ (r_t − r̄)(r_{t−1} − r̄) / Σ (r_t − r̄)² over the observed values (pairs of
    /// consecutive observed points), and the number of observed values; nil with fewer than 10.
    static func lagOneAutocorrelation(_ residuals: [Double]) -> (Double, Int)? {
        let observed = residuals.filter { !$0.isNaN }
        guard observed.count >= 10 else { return nil }
        let mean = observed.reduce(0, +) / Double(observed.count)
        var numerator = 0.0
        for t in 1..<residuals.count where !residuals[t].isNaN && !residuals[t - 1].isNaN {
            numerator += (residuals[t] - mean) * (residuals[t - 1] - mean)
        }
        let denominator = observed.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard denominator > 0 else { return nil }
        return (numerator / denominator, observed.count)
    }
}
