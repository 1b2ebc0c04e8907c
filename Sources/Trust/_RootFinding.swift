/// Brent's method (Brent 1973, ch. 4, `zeroin`): the root of a continuous f on a bracket
/// [a, b] with f(a)·f(b) ≤ 0, by inverse quadratic interpolation, secant steps and
/// bisection, to within 4ε|x| + `absoluteTolerance`. Nil when [a, b] does not bracket a root.
func brentRoot(_ lower: Double, _ upper: Double, absoluteTolerance: Double = 0, maximumIterations: Int = 200,
               _ f: (Double) -> Double) -> Double? {
    var a = lower, b = upper
    var fa = f(a), fb = f(b)
    if fa == 0 { return a }
    if fb == 0 { return b }
    guard fa.sign != fb.sign, fa.isFinite, fb.isFinite else { return nil }
    var c = a, fc = fa
    var d = b - a, e = d
    for _ in 0..<maximumIterations {
        if fb.sign == fc.sign {
            c = a; fc = fa
            d = b - a; e = d
        }
        if abs(fc) < abs(fb) {
            a = b; b = c; c = a
            fa = fb; fb = fc; fc = fa
        }
        let tolerance = 2 * Double.ulpOfOne * abs(b) + absoluteTolerance / 2
        let m = (c - b) / 2
        if abs(m) <= tolerance || fb == 0 { return b }
        if abs(e) >= tolerance, abs(fa) > abs(fb) {
            var p: Double, q: Double
            let s = fb / fa
            if a == c {
                p = 2 * m * s
                q = 1 - s
            } else {
                let r = fb / fc, t = fa / fc
                p = s * (2 * m * t * (t - r) - (b - a) * (r - 1))
                q = (t - 1) * (r - 1) * (s - 1)
            }
            if p > 0 { q = -q } else { p = -p }
            if 2 * p < min(3 * m * q - abs(tolerance * q), abs(e * q)) {
                e = d
                d = p / q
            } else {
                d = m
                e = m
            }
        } else {
            d = m
            e = m
        }
        a = b
        fa = fb
        b += abs(d) > tolerance ? d : (m > 0 ? tolerance : -tolerance)
        fb = f(b)
    }
    return b
}

/// The root of an increasing f above `start` (f(start) < 0): the bracket's upper end
/// doubles the distance from `start` until f turns non-negative, then Brent's method.
/// Nil when f stays negative up to `limit`.
func increasingRoot(above start: Double, initialStep: Double, limit: Double, _ f: (Double) -> Double) -> Double? {
    var low = start, step = initialStep
    var high = start + step
    while f(high) < 0 {
        guard high < limit else { return nil }
        low = high
        step *= 2
        high = min(limit, start + step)
    }
    return brentRoot(low, high, f)
}
