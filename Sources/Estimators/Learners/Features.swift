import GSL

/// Covariates for the learners, column by column, with their names.
struct Features: Sendable {
    /// Column names.
    let names: [String]
    /// Columns, all of the same length.
    let columns: [[Double]]
    /// The sort order of each column, when computed ahead by `sortingColumns()`.
    private let sortOrder: [SortedColumn]?

    /// Features with these names and columns.
    init(names: [String], columns: [[Double]]) {
        self.init(names: names, columns: columns, sortOrder: nil)
    }

    private init(names: [String], columns: [[Double]], sortOrder: [SortedColumn]?) {
        self.names = names
        self.columns = columns
        self.sortOrder = sortOrder
    }

    /// The number of rows.
    var rowCount: Int { columns.first?.count ?? 0 }

    /// The sort order of each column: the one computed ahead, else computed now.
    var sortedColumns: [SortedColumn] { sortOrder ?? columns.map(SortedColumn.init) }

    /// These features with the sort order of every column computed once, for learners that
    /// bin the same columns many times (boosted trees refitted on resamples or folds).
    func sortingColumns() -> Features {
        Features(names: names, columns: columns, sortOrder: sortedColumns)
    }

    /// These features with one more column.
    func appending(_ name: String, _ column: [Double]) -> Features {
        Features(names: names + [name], columns: columns + [column], sortOrder: sortOrder.map { $0 + [SortedColumn(column)] })
    }

    /// These features with the column at `index` replaced by a constant.
    func settingColumn(_ index: Int, to value: Double) -> Features {
        var c = columns
        c[index] = [Double](repeating: value, count: rowCount)
        var order = sortOrder
        order?[index] = SortedColumn(constant: value, count: rowCount)
        return Features(names: names, columns: c, sortOrder: order)
    }

    /// The design [1, x₁, …, x_p] for `rows`.
    func designWithIntercept(_ rows: [Int]) -> Matrix {
        let k = columns.count + 1
        var m = Matrix(rows: rows.count, columns: k)
        for (r, i) in rows.enumerated() {
            m[r, 0] = 1
            for j in 0..<columns.count { m[r, j + 1] = columns[j][i] }
        }
        return m
    }
}
