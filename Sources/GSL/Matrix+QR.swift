import CGSL

/// The QR factorisation A = Q·R of an m × n matrix with m ≥ n, by Householder
/// reflections (`gsl_linalg_QR_decomp`; Golub & Van Loan, *Matrix Computations*, §5.2).
///
/// Least squares through QR never forms AᵀA, so it keeps the accuracy that the
/// normal equations lose when the columns are badly scaled (condition number
/// κ(A) rather than κ(A)²). The factorisation also reveals, column by column,
/// how much of each column lies outside the span of the earlier ones: |Rⱼⱼ| is
/// the length of that part, which is what `firstDependentColumn` reads.
///
///     let qr = try design.qr()
///     let fit = try qr.leastSquares(y)      // β̂ and residuals y − Aβ̂
///     let bread = try qr.inverseGram()     // (AᵀA)⁻¹ = R⁻¹R⁻ᵀ
public struct QRFactorization: Sendable {
    /// GSL's packed form: R in the upper triangle, the Householder vectors below it.
    let packed: Matrix
    /// The Householder coefficients τ.
    let tau: [Double]
    /// ‖aⱼ‖₂, the Euclidean length of each column of A.
    public let columnNorms: [Double]

    /// Number of rows m of A.
    public var rows: Int { packed.rows }
    /// Number of columns n of A.
    public var columns: Int { packed.columns }

    /// The n × n upper-triangular factor R.
    public var r: Matrix {
        var out = Matrix(rows: columns, columns: columns)
        for i in 0..<columns { for j in i..<columns { out[i, j] = packed[i, j] } }
        return out
    }

    /// The least-squares solution x̂ = argmin ‖b − A·x‖₂ and its residuals b − A·x̂
    /// (`gsl_linalg_QR_lssolve`). Throws `LinearAlgebraError.singular` when R has a zero on its diagonal.
    public func leastSquares(_ b: [Double]) throws -> (solution: [Double], residuals: [Double]) {
        guard b.count == rows else {
            throw LinearAlgebraError.shapeMismatch("least squares with \(rows) rows and \(b.count) values")
        }
        guard columns > 0 else { return ([], b) }
        for j in 0..<columns where packed[j, j] == 0 { throw LinearAlgebraError.singular }
        var rhs = b
        var x = [Double](repeating: 0, count: columns)
        var residual = [Double](repeating: 0, count: rows)
        var tauCopy = tau
        let status: Int32 = packed.withGSLView { qr in
            withGSLVector(&tauCopy) { t in
                withGSLVector(&rhs) { bv in
                    withGSLVector(&x) { xv in
                        withGSLVector(&residual) { rv in gsl_linalg_QR_lssolve(qr, t, bv, xv, rv) }
                    }
                }
            }
        }
        guard status == GSL_SUCCESS else { throw LinearAlgebraError.singular }
        return (x, residual)
    }

    /// (AᵀA)⁻¹ = R⁻¹·R⁻ᵀ, the "bread" of least-squares covariance matrices.
    /// Throws `LinearAlgebraError.singular` when R has a zero on its diagonal.
    public func inverseGram() throws -> Matrix {
        let n = columns
        for j in 0..<n where packed[j, j] == 0 { throw LinearAlgebraError.singular }
        // Rinv is upper triangular: solve R·Rinv = I column by column (back substitution).
        var rInverse = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in stride(from: j, through: 0, by: -1) {
                var s = i == j ? 1.0 : 0.0
                for k in (i + 1)..<(j + 1) { s -= packed[i, k] * rInverse[k, j] }
                rInverse[i, j] = s / packed[i, i]
            }
        }
        var out = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in i..<n {
                var s = 0.0
                for k in j..<n { s += rInverse[i, k] * rInverse[j, k] }
                out[i, j] = s
                out[j, i] = s
            }
        }
        return out
    }

    /// The first column j whose part outside the span of columns 0..<j is negligible,
    /// |Rⱼⱼ| ≤ `tolerance`·‖aⱼ‖ (a zero column counts), together with the coefficients c
    /// of aⱼ ≈ Σₖ₍ₖ₎ cₖ·aₖ over the earlier columns (solving R[0..<j, 0..<j]·c = R[0..<j, j]).
    /// Nil when every column adds a new direction: A has full column rank.
    public func firstDependentColumn(tolerance: Double = 1e-11) -> (column: Int, combination: [Double])? {
        for j in 0..<columns where abs(packed[j, j]) <= tolerance * columnNorms[j] || columnNorms[j] == 0 {
            var c = [Double](repeating: 0, count: j)
            for i in stride(from: j - 1, through: 0, by: -1) {
                var s = packed[i, j]
                for k in (i + 1)..<j { s -= packed[i, k] * c[k] }
                c[i] = s / packed[i, i]
            }
            return (j, c)
        }
        return nil
    }
}

extension Matrix {
    /// The Householder QR factorisation of this m × n matrix (m ≥ n).
    public func qr() throws -> QRFactorization {
        guard rows >= columns else {
            throw LinearAlgebraError.shapeMismatch("QR of a \(rows)×\(columns) matrix needs at least as many rows as columns")
        }
        GSLRuntime.prepare()
        var norms = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            let base = i * columns
            for j in 0..<columns { norms[j] += elements[base + j] * elements[base + j] }
        }
        for j in 0..<columns { norms[j] = norms[j].squareRoot() }
        var packed = self
        var tau = [Double](repeating: 0, count: columns)
        if columns > 0 {
            let status = packed.withMutableGSLView { a in withGSLVector(&tau) { t in gsl_linalg_QR_decomp(a, t) } }
            try GSLRuntime.check(status, "QR decomposition of a \(rows)×\(columns) matrix")
        }
        return QRFactorization(packed: packed, tau: tau, columnNorms: norms)
    }
}
