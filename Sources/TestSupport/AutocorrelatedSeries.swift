import Foundation
import Probability

/// The generator of R's calibration study `calibration_ar1` (shared reference
/// `bsts-components/calibration_ar1/calibration.R`), drawn with WhatIf's own streams:
/// 120 pre-period and 14 post-period daily points,
///
///     x1_t = 50 + Σ_{s ≤ t} N(0, 1)                      (a random-walk covariate)
///     e_1 ~ N(0, 1/(1 − 0.8²)),  e_t = 0.8·e_{t−1} + N(0, 1)   (stationary AR(1) noise)
///     y_t = 100 + 3·sin(2πt/7) + 1.0·x1_t + e_t,  t = 1 … 134,
///
/// and, for even-numbered series, +2 on every post-period point (odd-numbered ones have no effect).
public enum AutocorrelatedSeries {
    /// Pre-period and post-period lengths.
    public static let preRows = 120, postRows = 14
    /// The effect added to the post-period of even-numbered series.
    public static let effect = 2.0

    /// Series `id`'s response, covariate and true effect, from the stream at path [id] below `seed`.
    public static func series(_ id: Int, seed: UInt64) -> (y: [Double], x1: [Double], effect: Double) {
        let stream = RandomStream(seed: seed, path: [UInt64(id)])
        let n = preRows + postRows, phi = 0.8
        var walk = 0.0, e = stream.normal() / (1 - phi * phi).squareRoot()
        var y: [Double] = [], x1: [Double] = []
        let lift = id % 2 == 0 ? effect : 0
        for t in 1...n {
            walk += stream.normal()
            if t > 1 { e = phi * e + stream.normal() }
            let x = 50 + walk
            x1.append(x)
            y.append(100 + 3 * sin(2 * Double.pi * Double(t) / 7) + x + e + (t > preRows ? lift : 0))
        }
        return (y, x1, lift)
    }
}
