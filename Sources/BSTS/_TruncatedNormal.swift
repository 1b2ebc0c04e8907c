import GSL
import Probability

/// Draws from N(μ, σ²) restricted to [lower, upper] by inverting the CDF, computed in
/// whichever tail keeps its precision (Boom's `rtrun_norm_2` draws from the same law).
enum TruncatedNormal {
    static func draw(mean: Double, sd: Double, lower: Double, upper: Double, using stream: RandomStream) -> Double {
        let a = (lower - mean) / sd, b = (upper - mean) / sd
        let u = stream.uniformOpen()
        let z: Double
        if a > 0 {
            // Both ends in the upper tail: invert Q = 1 − Φ, which keeps its digits there.
            let qa = SpecialFunctions.normalUpperTail(a), qb = SpecialFunctions.normalUpperTail(b)
            z = qa > qb ? -SpecialFunctions.normalQuantile(qa - u * (qa - qb)) : a
        } else {
            let pa = SpecialFunctions.normalCDF(a), pb = SpecialFunctions.normalCDF(b)
            z = pb > pa ? SpecialFunctions.normalQuantile(pa + u * (pb - pa)) : b
        }
        return mean + sd * min(max(z, a), b)
    }
}
