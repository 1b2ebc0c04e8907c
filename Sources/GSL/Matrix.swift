import CGSL

/// A dense matrix of doubles in row-major order: a plain Swift value whose
/// linear algebra is done by GSL (BLAS `dgemm`, Cholesky, LU, QR).
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries row after row: element (i, j) is `elements[i * columns + j]`.
    public var elements: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0)
        self.rows = rows
        self.columns = columns
        elements = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix from its rows; every row must have the same length.
    public init(_ rowArrays: [[Double]]) {
        let width = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == width }, "ragged rows")
        rows = rowArrays.count
        columns = width
        elements = rowArrays.flatMap { $0 }
    }

    /// A matrix whose columns are the given arrays (all of the same length).
    public init(columns columnArrays: [[Double]]) {
        let height = columnArrays.first?.count ?? 0
        precondition(columnArrays.allSatisfy { $0.count == height }, "ragged columns")
        columns = columnArrays.count
        rows = height
        var e = [Double](repeating: 0, count: height * columnArrays.count)
        for (j, column) in columnArrays.enumerated() {
            for i in 0..<height { e[i * columnArrays.count + j] = column[i] }
        }
        elements = e
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A diagonal matrix with the given diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, columns: values.count)
        for (i, v) in values.enumerated() { m[i, i] = v }
        return m
    }

    /// Element (i, j).
    @inlinable public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }

    /// The diagonal.
    public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// The value in words, for one line of output.
    public var description: String {
        (0..<rows).map { row($0).map { "\($0)" }.joined(separator: "\t") }.joined(separator: "\n")
    }

    /// Runs `body` with a GSL view of this matrix (read-only use).
    func withGSLView<R>(_ body: (UnsafePointer<gsl_matrix>) throws -> R) rethrows -> R {
        var copy = elements
        return try copy.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, rows, columns)
            return try withUnsafePointer(to: &view.matrix) { try body($0) }
        }
    }

    /// Runs `body` with a mutable GSL view of this matrix's storage.
    mutating func withMutableGSLView<R>(_ body: (UnsafeMutablePointer<gsl_matrix>) throws -> R) rethrows -> R {
        let (r, c) = (rows, columns)
        return try elements.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, r, c)
            return try withUnsafeMutablePointer(to: &view.matrix) { try body($0) }
        }
    }
}

/// Runs `body` with a mutable GSL vector view of `array`.
func withGSLVector<R>(_ array: inout [Double], _ body: (UnsafeMutablePointer<gsl_vector>) throws -> R) rethrows -> R {
    let n = array.count
    return try array.withUnsafeMutableBufferPointer { buffer in
        var view = gsl_vector_view_array(buffer.baseAddress, n)
        return try withUnsafeMutablePointer(to: &view.vector) { try body($0) }
    }
}
