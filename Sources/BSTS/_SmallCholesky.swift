import Foundation

/// In-place Cholesky factorisation and triangular solves for the small k × k
/// systems of the spike-and-slab sampler (k ≤ number of columns). Row-major
/// with leading dimension `ld`; only the lower triangle is read and written.
enum SmallCholesky {
    /// Overwrites the lower triangle of `a` with L (A = L·Lᵀ); false if A is not positive definite.
    static func factor(_ a: UnsafeMutablePointer<Double>, _ k: Int, _ ld: Int) -> Bool {
        for j in 0..<k {
            var d = a[j * ld + j]
            for c in 0..<j { d -= a[j * ld + c] * a[j * ld + c] }
            guard d > 0, d.isFinite else { return false }
            let root = d.squareRoot()
            a[j * ld + j] = root
            for i in (j + 1)..<max(j + 1, k) {
                var s = a[i * ld + j]
                for c in 0..<j { s -= a[i * ld + c] * a[j * ld + c] }
                a[i * ld + j] = s / root
            }
        }
        return true
    }

    /// log det A = 2 Σ log L_ii.
    static func logDeterminant(_ l: UnsafePointer<Double>, _ k: Int, _ ld: Int) -> Double {
        var product = 1.0
        for i in 0..<k { product *= l[i * ld + i] }
        if product > 1e-280 && product < 1e280 { return 2 * log(product) }
        var s = 0.0
        for i in 0..<k { s += log(l[i * ld + i]) }
        return 2 * s
    }

    /// Solves L·x = b in place.
    static func solveLower(_ l: UnsafePointer<Double>, _ k: Int, _ ld: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in 0..<k {
            var s = b[i]
            for c in 0..<i { s -= l[i * ld + c] * b[c] }
            b[i] = s / l[i * ld + i]
        }
    }

    /// Solves Lᵀ·x = b in place.
    static func solveUpper(_ l: UnsafePointer<Double>, _ k: Int, _ ld: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = b[i]
            for c in (i + 1)..<max(i + 1, k) { s -= l[c * ld + i] * b[c] }
            b[i] = s / l[i * ld + i]
        }
    }
}
