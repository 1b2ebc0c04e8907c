import Foundation

/// The tables of the 128-layer ziggurat for the standard normal
/// (Marsaglia & Tsang 2000, "The Ziggurat Method for Generating Random
/// Variables", J. Stat. Software 5(8)), for 24-bit positions within a layer.
///
/// Layer 0 is the base strip (rectangle plus tail beyond r); layers 1…127 are
/// rectangles of equal area v under f(x) = exp(−x²/2), layer 1 the narrowest.
/// With x₁₂₇ = r and x_{i−1} = f⁻¹(f(x_i) + v / x_i): w[i] = x_i / 2²⁴,
/// k[i] = 2²⁴ · x_{i−1} / x_i (accept without evaluating f), f[i] = f(x_i).
enum Ziggurat {
    /// The start of the tail, r.
    static let tailStart = 3.442619855899
    /// The area of each layer, v.
    static let layerArea = 9.91256303526217e-3

    /// Built once and never freed: C reads them through plain pointers.
    struct Tables: @unchecked Sendable {
        let k = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        let w = UnsafeMutablePointer<Double>.allocate(capacity: 128)
        let f = UnsafeMutablePointer<Double>.allocate(capacity: 128)
    }

    static let tables: Tables = {
        let m = 16_777_216.0  // 2^24 positions per layer
        let t = Tables()
        var dn = tailStart
        var tn = dn
        let q = layerArea / exp(-0.5 * dn * dn)
        t.k[0] = UInt32((dn / q) * m)
        t.k[1] = 0
        t.w[0] = q / m
        t.w[127] = dn / m
        t.f[0] = 1
        t.f[127] = exp(-0.5 * dn * dn)
        for i in stride(from: 126, through: 1, by: -1) {
            dn = (-2 * log(layerArea / dn + exp(-0.5 * dn * dn))).squareRoot()
            t.k[i + 1] = UInt32((dn / tn) * m)
            tn = dn
            t.f[i] = exp(-0.5 * dn * dn)
            t.w[i] = dn / m
        }
        return t
    }()
}
