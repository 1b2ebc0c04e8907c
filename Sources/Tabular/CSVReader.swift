#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads comma-separated files with a header row (RFC 4180 quoting).
///
/// A column is numeric when its first non-missing cell is a number; every later
/// cell of that column must then be a number or missing (`NA`, `NaN`, `NULL` or
/// empty), otherwise reading fails with the line and column of the bad cell.
/// Other columns are text.
public enum CSVReader {
    /// Reads the file at `path`.
    public static func read(path: String) throws -> Table {
        try parse(bytes: try readFile(path), source: path)
    }

    /// Parses CSV text held in memory; `source` names it in error messages.
    public static func parse(_ text: String, source: String = "input") throws -> Table {
        try parse(bytes: Array(text.utf8), source: source)
    }

    /// Parses CSV bytes; `source` names them in error messages.
    public static func parse(bytes: [UInt8], source: String) throws -> Table {
        var rows: [[String]] = []
        var lineNumbers: [Int] = []
        var blank: [Bool] = []
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = bytes.starts(with: utf8BOM) ? Array(bytes.dropFirst(3)) : bytes
        try splitRecords(text, source: source) { fields, line, isBlank in
            rows.append(fields)
            lineNumbers.append(line)
            blank.append(isBlank)
        }
        // Blank lines: before the header and at the end they are padding; in
        // between they are rows of one missing cell when the table has one
        // column, and padding otherwise.
        let width = rows.indices.first { !blank[$0] }.map { rows[$0].count } ?? 0
        let last = blank.lastIndex(of: false) ?? -1
        let keep = rows.indices.filter { i in
            !blank[i] || (width == 1 && i < last && blank[..<i].contains(false))
        }
        rows = keep.map { rows[$0] }
        lineNumbers = keep.map { lineNumbers[$0] }
        guard let header = rows.first else { throw TableError.io("\(source): the file is empty") }
        let names = header.map { $0.trimmingSpaces }
        for (i, name) in names.enumerated() where name.isEmpty {
            throw TableError.badHeader(source: source, line: lineNumbers[0], column: "#\(i + 1)", reason: "the column has no name")
        }
        let body = rows.dropFirst()
        for (r, row) in body.enumerated() where row.count != names.count {
            throw TableError.badRow(source: source, line: lineNumbers[r + 1],
                                    reason: "the row has \(row.count) fields, the header \(names.count)")
        }
        var columns: [Column] = []
        for (j, name) in names.enumerated() {
            var cells: [String] = []
            cells.reserveCapacity(body.count)
            for row in body { cells.append(row[j]) }
            columns.append(try typedColumn(cells, name: name, lines: Array(lineNumbers.dropFirst()), source: source))
        }
        return try Table(names: names, columns: columns, source: source)
    }

    /// Whether a cell stands for a missing value.
    public static func isMissing(_ cell: String) -> Bool {
        switch cell.trimmingSpaces {
        case "", "NA", "NaN", "nan", "NAN", "NULL", "null", "N/A": return true
        default: return false
        }
    }

    /// The number written in `cell`, or nil when it is not a number (a NUL byte
    /// anywhere in the cell makes it text: C's strtod would stop reading there).
    public static func number(_ cell: String) -> Double? {
        let trimmed = cell.trimmingSpaces
        guard !trimmed.isEmpty, !trimmed.utf8.contains(0) else { return nil }
        return trimmed.withCString { start -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &end)
            guard let end, end.pointee == 0, end != UnsafeMutablePointer(mutating: start) else { return nil }
            return value
        }
    }

    private static func typedColumn(_ cells: [String], name: String, lines: [Int], source: String) throws -> Column {
        guard let first = cells.first(where: { !isMissing($0) }), number(first) != nil else {
            return .text(cells)
        }
        var values = [Double](repeating: .nan, count: cells.count)
        for (i, cell) in cells.enumerated() where !isMissing(cell) {
            guard let v = number(cell) else {
                throw TableError.badCell(source: source, line: lines[i], column: name,
                                         reason: "'\(cell)' is not a number")
            }
            values[i] = v
        }
        return .numeric(values)
    }

    /// Splits bytes into records of fields, calling `emit(fields, lineNumber, isBlank)`
    /// for each; a blank record is an empty line (no characters, no quotes).
    private static func splitRecords(_ bytes: [UInt8], source: String, emit: ([String], Int, Bool) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, quoted = false
        var line = 1, recordLine = 1
        var i = 0
        let n = bytes.count
        func endRecord() throws {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            try emit(fields, recordLine, fields.count == 1 && fields[0].isEmpty && !quoted)
            fields.removeAll(keepingCapacity: true)
            quoted = false
        }
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < n && bytes[i + 1] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    if b == newline { line += 1 }
                    field.append(b)
                }
            } else if b == quote && field.isEmpty {
                inQuotes = true
                quoted = true
            } else if b == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == newline {
                try endRecord()
                line += 1
                recordLine = line
            } else if b != cr {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw TableError.io("\(source), line \(recordLine): a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || quoted { try endRecord() }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        try TextFile.bytes(path: path, what: "CSV file")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
