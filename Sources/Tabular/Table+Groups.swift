/// A long-format table split into the series it holds, one per value of a key column.
extension Table {
    /// The rows of each value of column `key`, in order of first appearance, as tables
    /// without that column (so a numeric key never becomes a covariate). A numeric key is
    /// named as written when whole (`3`, not `3.0`), a missing one `NA`. Each part's
    /// `source` names the file and the key (`sales.csv (store = 3)`) for error messages.
    ///
    ///     let parts = try table.groups(by: "store")   // [("A", rows of A), ("B", rows of B)]
    public func groups(by key: String) throws -> [(key: String, table: Table)] {
        guard let keyIndex = index(of: key) else {
            throw TableError.unknownColumn(name: key, source: source, available: names)
        }
        let keys = Self.keyTexts(columns[keyIndex])
        var order: [String] = []
        var rowsOfKey: [String: [Int]] = [:]
        for (row, text) in keys.enumerated() {
            if rowsOfKey[text] == nil { order.append(text) }
            rowsOfKey[text, default: []].append(row)
        }
        let kept = names.indices.filter { $0 != keyIndex }
        return try order.map { text in
            let rows = rowsOfKey[text] ?? []
            let part = try Table(names: kept.map { names[$0] }, columns: kept.map { Self.rows(rows, of: columns[$0]) },
                                 source: "\(source) (\(key) = \(text))")
            return (text, part)
        }
    }

    /// The cells of a key column as names.
    private static func keyTexts(_ column: Column) -> [String] {
        switch column {
        case .text(let cells): return cells.map { CSVReader.isMissing($0) ? "NA" : $0 }
        case .numeric(let values):
            return values.map { x in
                guard x.isFinite else { return "NA" }
                return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
            }
        }
    }

    /// The given rows of a column, in order.
    private static func rows(_ rows: [Int], of column: Column) -> Column {
        switch column {
        case .numeric(let values): return .numeric(rows.map { values[$0] })
        case .text(let cells): return .text(rows.map { cells[$0] })
        }
    }
}
