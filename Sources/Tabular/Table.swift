/// One column of a table: numbers (missing values are NaN) or text.
public enum Column: Equatable, Sendable {
    /// Numeric cells; a missing cell (`NA`, empty, `NaN`) is `Double.nan`.
    case numeric([Double])
    /// Text cells, kept as written.
    case text([String])

    /// The number of cells.
    public var count: Int {
        switch self {
        case .numeric(let v): return v.count
        case .text(let v): return v.count
        }
    }

    /// The numbers, when the column is numeric.
    public var numbers: [Double]? {
        if case .numeric(let v) = self { return v }
        return nil
    }
}

/// A table of named columns of equal length, as read from or written to CSV.
public struct Table: Equatable, Sendable {
    /// Column names, in order.
    public private(set) var names: [String]
    /// Columns, in the order of `names`.
    public private(set) var columns: [Column]
    /// Where the table came from (a file path), for error messages.
    public var source: String

    /// A table from named columns of equal length.
    public init(names: [String], columns: [Column], source: String = "table") throws {
        guard names.count == columns.count else {
            throw TableError.shape("\(source): \(names.count) names for \(columns.count) columns")
        }
        if let first = columns.first, let bad = columns.firstIndex(where: { $0.count != first.count }) {
            throw TableError.shape("\(source): column '\(names[bad])' has \(columns[bad].count) rows, expected \(first.count)")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw TableError.duplicateColumn(name: name, source: source)
        }
        self.names = names
        self.columns = columns
        self.source = source
    }

    /// A table of numeric columns.
    public init(numericColumns: [(String, [Double])], source: String = "table") throws {
        try self.init(names: numericColumns.map(\.0), columns: numericColumns.map { .numeric($0.1) }, source: source)
    }

    /// The number of rows.
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The index of the column called `name`, if any.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The numbers of the column called `name`; throws when it is missing or not numeric.
    public func numbers(_ name: String) throws -> [Double] {
        guard let i = index(of: name) else {
            throw TableError.unknownColumn(name: name, source: source, available: names)
        }
        switch columns[i] {
        case .numeric(let values):
            return values
        case .text(let cells):
            // Name the first cell that is neither a number nor missing.
            if let row = cells.firstIndex(where: { !CSVReader.isMissing($0) && CSVReader.number($0) == nil }) {
                throw TableError.notANumber(source: source, column: name, row: row + 1, cell: cells[row])
            }
            throw TableError.notNumeric(name: name, source: source)
        }
    }

    /// Tables are equal when their names and cells are (wherever they came from).
    public static func == (a: Table, b: Table) -> Bool { a.names == b.names && a.columns == b.columns }

    /// Appends a column.
    public mutating func append(_ name: String, _ column: Column) throws {
        guard index(of: name) == nil else { throw TableError.duplicateColumn(name: name, source: source) }
        guard columns.isEmpty || column.count == rowCount else {
            throw TableError.shape("\(source): column '\(name)' has \(column.count) rows, expected \(rowCount)")
        }
        names.append(name)
        columns.append(column)
    }
}

/// A problem with a table or its file, worded for the person who supplied it.
public enum TableError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A column that the request names is not in the table.
    case unknownColumn(name: String, source: String, available: [String])
    /// A column is needed as numbers but holds text.
    case notNumeric(name: String, source: String)
    /// Two columns share a name.
    case duplicateColumn(name: String, source: String)
    /// Columns or rows do not line up.
    case shape(String)
    /// A cell that cannot be read: where it is and why.
    case badCell(source: String, line: Int, column: String, reason: String)
    /// A cell of a column needed as numbers that is not a number (row 1-based, header excluded).
    case notANumber(source: String, column: String, row: Int, cell: String)
    /// A whole row that cannot be read.
    case badRow(source: String, line: Int, reason: String)
    /// A header cell that cannot be used as a column name (`column` is "#1", "#2" …).
    case badHeader(source: String, line: Int, column: String, reason: String)
    /// The file cannot be read or written.
    case io(String)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case let .unknownColumn(name, source, available):
            return "\(source): no column named '\(name)' (columns: \(available.joined(separator: ", ")))"
        case let .notNumeric(name, source):
            return "\(source): column '\(name)' is not numeric"
        case let .duplicateColumn(name, source):
            return "\(source): column '\(name)' appears twice"
        case let .shape(message), let .io(message):
            return message
        case let .notANumber(source, column, row, cell):
            return "\(source), row \(row), column '\(column)': '\(cell)' is not a number"
        case let .badRow(source, line, reason):
            return "\(source), line \(line) (row \(line - 1)): \(reason)"
        case let .badCell(source, line, column, reason):
            return "\(source), line \(line) (row \(line - 1)), column '\(column)': \(reason)"
        case let .badHeader(source, line, column, reason):
            return "\(source), line \(line) (the header), column \(column): \(reason)"
        }
    }
}
