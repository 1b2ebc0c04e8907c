import GSL

/// A design matrix with named columns, built column by column.
///
///     var design = Design(rows: n)
///     design.addIntercept()
///     design.add("treated", t)
///     let fit = try LinearRegression(design, response: y, model: "regression adjustment")
public struct Design: Sendable {
    /// Column names, in order.
    public private(set) var names: [String] = []
    /// Columns, in the order of `names`.
    public private(set) var columns: [[Double]] = []
    /// The number of rows.
    public let rows: Int

    /// An empty design for `rows` rows.
    public init(rows: Int) { self.rows = rows }

    /// A design from named columns of equal length.
    public init(_ namedColumns: [(String, [Double])]) {
        rows = namedColumns.first?.1.count ?? 0
        for (name, values) in namedColumns { add(name, values) }
    }

    /// Appends the constant column 1, named "intercept".
    public mutating func addIntercept() { add("intercept", [Double](repeating: 1, count: rows)) }

    /// Appends a column.
    public mutating func add(_ name: String, _ values: [Double]) {
        precondition(values.count == rows, "design column '\(name)' has \(values.count) rows, expected \(rows)")
        names.append(name)
        columns.append(values)
    }

    /// The n × k matrix.
    public var matrix: Matrix { Matrix(columns: columns) }

    /// Throws `EstimationError.singularDesign` naming the first column that is a linear
    /// combination of earlier ones (and those it combines), read off a QR factorisation.
    static func checkFullRank(_ qr: QRFactorization, names: [String], model: String) throws {
        guard let (j, combination) = qr.firstDependentColumn() else { return }
        let scale = qr.columnNorms[j]
        let involved = combination.indices.filter { abs(combination[$0]) * qr.columnNorms[$0] > 1e-8 * scale }
        throw EstimationError.singularDesign(model: model, column: names[j], collinearWith: involved.map { names[$0] })
    }
}
