/// Sums over long vectors with four partial sums, so that consecutive additions do
/// not wait on each other (a single running sum is bound by the adder's latency).
enum Reductions {
    /// Σ a_i b_i.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= n {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < n { s0 += a[i] * b[i]; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Σ (a_{i+1} − a_i)² over i in 0..<n−1, for a strided sequence a_i = x[i·stride].
    @inline(__always)
    static func squaredIncrements(_ x: UnsafePointer<Double>, stride: Int, _ n: Int) -> Double {
        guard n > 1 else { return 0 }
        var s0 = 0.0, s1 = 0.0
        var i = 0
        while i + 2 < n {
            let d0 = x[(i + 1) * stride] - x[i * stride]
            let d1 = x[(i + 2) * stride] - x[(i + 1) * stride]
            s0 += d0 * d0
            s1 += d1 * d1
            i += 2
        }
        while i + 1 < n {
            let d = x[(i + 1) * stride] - x[i * stride]
            s0 += d * d
            i += 1
        }
        return s0 + s1
    }
}
