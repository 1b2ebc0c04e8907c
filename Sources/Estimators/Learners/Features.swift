import GSL

/// Covariates for the learners, column by column, with their names.
struct Features: Sendable {
    /// Column names.
    let names: [String]
    /// Columns, all of the same length.
    let columns: [[Double]]

    /// The number of rows.
    var rowCount: Int { columns.first?.count ?? 0 }

    /// These features with one more column.
    func appending(_ name: String, _ column: [Double]) -> Features {
        Features(names: names + [name], columns: columns + [column])
    }

    /// These features with the column at `index` replaced by a constant.
    func settingColumn(_ index: Int, to value: Double) -> Features {
        var c = columns
        c[index] = [Double](repeating: value, count: rowCount)
        return Features(names: names, columns: c)
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
