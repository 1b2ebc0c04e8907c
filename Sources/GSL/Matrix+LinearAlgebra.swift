import CGSL

/// The failure of a factorisation on a matrix that does not admit it.
public enum LinearAlgebraError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Cholesky failed: the matrix is not symmetric positive definite.
    case notPositiveDefinite
    /// The matrix is singular (or numerically so): a solve has no unique answer.
    case singular
    /// The shapes do not fit the operation.
    case shapeMismatch(String)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .notPositiveDefinite: return "matrix is not positive definite"
        case .singular: return "matrix is singular"
        case .shapeMismatch(let what): return "shape mismatch: \(what)"
        }
    }
}

extension Matrix {
    /// The product A·B by BLAS `dgemm`.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "matrix product of \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns)")
        var c = Matrix(rows: a.rows, columns: b.columns)
        guard a.rows > 0, b.columns > 0, a.columns > 0 else { return c }
        a.withGSLView { av in
            b.withGSLView { bv in
                c.withMutableGSLView { cv in
                    _ = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, av, bv, 0, cv)
                }
            }
        }
        return c
    }

    /// The product A·x.
    public static func * (a: Matrix, x: [Double]) -> [Double] {
        precondition(a.columns == x.count)
        var y = [Double](repeating: 0, count: a.rows)
        for i in 0..<a.rows {
            var s = 0.0
            let base = i * a.columns
            for j in 0..<a.columns { s += a.elements[base + j] * x[j] }
            y[i] = s
        }
        return y
    }

    /// Elementwise sum.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        var c = a
        for i in c.elements.indices { c.elements[i] += b.elements[i] }
        return c
    }

    /// Elementwise difference.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        var c = a
        for i in c.elements.indices { c.elements[i] -= b.elements[i] }
        return c
    }

    /// Scalar multiple.
    public static func * (s: Double, a: Matrix) -> Matrix {
        var c = a
        for i in c.elements.indices { c.elements[i] *= s }
        return c
    }

    /// XᵀX (the Gram matrix of the columns), by BLAS `dsyrk`, made exactly symmetric.
    public var gram: Matrix {
        var g = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return g }
        withGSLView { xv in
            g.withMutableGSLView { gv in _ = gsl_blas_dsyrk(CblasLower, CblasTrans, 1, xv, 0, gv) }
        }
        for i in 0..<columns { for j in 0..<i { g[j, i] = g[i, j] } }
        return g
    }

    /// Xᵀy.
    public func transposeTimes(_ y: [Double]) -> [Double] {
        precondition(y.count == rows)
        var out = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            let yi = y[i]
            let base = i * columns
            for j in 0..<columns { out[j] += elements[base + j] * yi }
        }
        return out
    }

    /// The Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix (`gsl_linalg_cholesky_decomp1`).
    public func cholesky() throws -> CholeskyFactor {
        guard rows == columns else { throw LinearAlgebraError.shapeMismatch("Cholesky of a \(rows)×\(columns) matrix") }
        GSLRuntime.prepare()
        var l = self
        if rows > 0 {
            let status = l.withMutableGSLView { gsl_linalg_cholesky_decomp1($0) }
            if status != GSL_SUCCESS { throw LinearAlgebraError.notPositiveDefinite }
        }
        for i in 0..<rows { for j in (i + 1)..<max(i + 1, columns) { l[i, j] = 0 } }
        return CholeskyFactor(lower: l)
    }

    /// The solution x of A·x = b for square A, by LU decomposition with partial pivoting.
    public func solve(_ b: [Double]) throws -> [Double] {
        guard rows == columns, b.count == rows else {
            throw LinearAlgebraError.shapeMismatch("solve with a \(rows)×\(columns) matrix and \(b.count) values")
        }
        if rows == 0 { return [] }
        GSLRuntime.prepare()
        var lu = self
        var rhs = b
        var x = [Double](repeating: 0, count: rows)
        let n = rows
        try lu.withMutableGSLView { a in
            let perm = gsl_permutation_alloc(n)
            defer { gsl_permutation_free(perm) }
            var sign: Int32 = 0
            guard gsl_linalg_LU_decomp(a, perm, &sign) == GSL_SUCCESS else { throw LinearAlgebraError.singular }
            if (0..<n).contains(where: { gsl_matrix_get(a, $0, $0) == 0 }) { throw LinearAlgebraError.singular }
            try withGSLVector(&rhs) { bv in
                try withGSLVector(&x) { xv in
                    guard gsl_linalg_LU_solve(a, perm, bv, xv) == GSL_SUCCESS else { throw LinearAlgebraError.singular }
                }
            }
        }
        return x
    }

    /// The inverse of a square matrix, by LU decomposition.
    public func inverse() throws -> Matrix {
        guard rows == columns else { throw LinearAlgebraError.shapeMismatch("inverse of a \(rows)×\(columns) matrix") }
        var columnsOfInverse: [[Double]] = []
        for j in 0..<rows {
            var e = [Double](repeating: 0, count: rows)
            e[j] = 1
            columnsOfInverse.append(try solve(e))
        }
        return Matrix(columns: columnsOfInverse)
    }
}

/// A Cholesky factor L (lower triangular) of a symmetric positive definite A = L·Lᵀ.
public struct CholeskyFactor: Sendable {
    /// The lower-triangular factor.
    public let lower: Matrix

    /// Dimension n of the factorised n × n matrix.
    public var dimension: Int { lower.rows }

    /// log det A = 2 Σ log Lᵢᵢ.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<lower.rows { s += log(lower[i, i]) }
        return 2 * s
    }

    /// Solves L·y = b by forward substitution.
    public func solveLower(_ b: [Double]) -> [Double] {
        let n = lower.rows
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i, k] * y[k] }
            y[i] = s / lower[i, i]
        }
        return y
    }

    /// Solves Lᵀ·x = y by back substitution.
    public func solveUpper(_ y: [Double]) -> [Double] {
        let n = lower.rows
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<max(i + 1, n) { s -= lower[k, i] * x[k] }
            x[i] = s / lower[i, i]
        }
        return x
    }

    /// Solves A·x = b.
    public func solve(_ b: [Double]) -> [Double] { solveUpper(solveLower(b)) }

    /// A⁻¹.
    public func inverse() -> Matrix {
        let n = lower.rows
        var inv = Matrix(rows: n, columns: n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let x = solve(e)
            for i in 0..<n { inv[i, j] = x[i] }
        }
        return inv
    }
}
