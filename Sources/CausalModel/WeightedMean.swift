import Foundation

/// The self-normalised importance-sampling estimate of one function f over
/// weighted rows, kept as running sums so that no row needs to be stored:
///
///     E = Σᵢ wᵢ fᵢ / Σᵢ wᵢ,   SE = √(Σᵢ wᵢ² (fᵢ − E)²) / Σᵢ wᵢ,   ESS = (Σᵢ wᵢ)² / Σᵢ wᵢ²
///
/// (the standard error of the ratio estimator, e.g. Owen, *Monte Carlo theory,
/// methods and examples*, §9.2; ESS is Kish's effective sample size). Weights
/// arrive as logarithms and are kept relative to the largest seen so far (the
/// sums are rescaled when it grows), so no weight underflows to zero. The mean
/// is a running weighted mean, E ← E + (wᵢ / Wᵢ)(fᵢ − E), which returns a
/// constant f exactly; S = Σ w²(f − E)² and D = Σ w²(f − E) are re-centred on
/// each new mean (S ← S − 2δD + δ²C, D ← D − δC for a shift δ, with C = Σ w²),
/// so the variance is never a difference of large sums.
struct WeightedMean {
    /// Σ w and Σ w², relative to the largest log weight so far.
    private var weights = LogWeightTotals()
    /// The running weighted mean.
    private(set) var mean = 0.0
    /// Σ w² (f − mean)².
    private var spread = 0.0
    /// Σ w² (f − mean).
    private var tilt = 0.0
    /// The smallest and largest f of a row that carried weight.
    private var low = Double.infinity, high = -Double.infinity

    /// Adds a row of log weight `l` (rows with −∞ carry nothing) and value `f`.
    mutating func add(logWeight l: Double, value f: Double) {
        let squares = weights.squares
        guard let (w, rescale) = weights.add(logWeight: l) else { return }
        // C = Σ w² before this row, on the new scale.
        let before = squares * (rescale * rescale)
        spread *= rescale * rescale
        tilt *= rescale * rescale
        let step = w / weights.total * (f - mean)
        mean += step
        spread += step * (step * before - 2 * tilt)
        tilt -= step * before
        let deviation = f - mean, w2 = w * w
        spread += w2 * deviation * deviation
        tilt += w2 * deviation
        if w > 0 {
            low = min(low, f)
            high = max(high, f)
        }
    }

    /// Whether every row that carried weight had the same f (within `EffectMean.equalityTolerance`).
    private var valuesAgree: Bool {
        low <= high && high - low <= EffectMean.equalityTolerance * (1 + max(abs(low), abs(high)))
    }

    /// Kish's effective sample size (Σw)² / Σw² (0 when no row carried weight).
    var effectiveSampleSize: Double { weights.effectiveSampleSize }

    /// The estimate: exact methods have standard error 0 and no effective sample
    /// size; sampled ones below an effective sample size of 2 have a NaN standard
    /// error (one effective draw says nothing of the spread), with a warning.
    func estimate(method: AbductionMethod, warnings: [String]) -> CounterfactualEstimate {
        guard !method.isExact else {
            return CounterfactualEstimate(value: mean, standardError: 0, method: method, effectiveSampleSize: nil, warnings: warnings)
        }
        let ess = effectiveSampleSize
        guard ess >= 2 else {
            return CounterfactualEstimate(value: mean, standardError: .nan, method: method, effectiveSampleSize: ess,
                                          warnings: warnings + [Self.noStandardError])
        }
        guard !valuesAgree else {
            var exact = CounterfactualEstimate(value: mean, standardError: 0, method: method, effectiveSampleSize: ess,
                                               warnings: warnings)
            exact.drawsAgree = true
            return exact
        }
        return CounterfactualEstimate(value: mean, standardError: max(0, spread).squareRoot() / weights.total, method: method,
                                      effectiveSampleSize: ess, warnings: warnings)
    }

    /// The warning of an estimate whose standard error cannot be estimated.
    static let noStandardError = "the standard error cannot be estimated from an effective sample size below 2 (draw more samples)"
}
