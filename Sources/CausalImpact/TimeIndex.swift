import Tabular

/// The column that names the time points of an impact analysis: a column
/// called `t`, `time` or `date` (any letter case). It may hold numbers or text
/// such as ISO dates. When a table has one, periods are given in its values
/// (never in row numbers, which would be ambiguous with a numeric index).
///
/// The rows must be in time order: a numeric index must increase strictly, a
/// text one must not repeat a value, and a text index in a fixed-width,
/// biggest-unit-first form (ISO dates and times such as 2024-01-31,
/// 2024-01-31T09:00 or 09:00) must increase too. No value may be missing.
public struct TimeIndex: Sendable, Equatable {
    /// The column name as written in the table.
    public let name: String
    /// Each row's time point as written (numbers without a trailing `.0`).
    public let labels: [String]
    /// Each row's time point as a number, when the column is numeric.
    public let values: [Double]?

    /// The column names recognised as a time index (compared without letter case).
    public static let columnNames: Set<String> = ["t", "time", "date"]

    /// Whether a column called `name` is taken as the time index.
    public static func isTimeIndexName(_ name: String) -> Bool {
        columnNames.contains(name.lowercased())
    }

    /// A time index from a table column.
    public init(name: String, column: Column) {
        self.name = name
        switch column {
        case .numeric(let v):
            values = v
            labels = v.map(TimeIndex.label)
        case .text(let v):
            values = nil
            labels = v
        }
    }

    /// The position of the time index column of `table` when `response` is analysed.
    static func column(in table: Table, response: String?) -> Int? {
        table.names.indices.first { TimeIndex.isTimeIndexName(table.names[$0]) && table.names[$0] != response }
    }

    /// The 0-based row whose time point is written `text`, or (for a numeric index)
    /// equals the number `text`.
    func row(matching text: Substring) -> Int? {
        let trimmed = text.withoutSurroundingSpaces
        if let values {
            guard let x = Double(trimmed) else { return nil }
            return values.firstIndex(of: x)
        }
        return labels.firstIndex(of: trimmed)
    }

    /// Checks that the time points are present, distinct and (where their order can be
    /// read) increasing; `source` names the table in errors.
    func checkOrder(source: String) throws {
        func failure(_ reason: String) -> ImpactError { .badTimeIndex(source: source, column: name, reason: reason) }
        let missing = values.map { v in v.indices.first { v[$0].isNaN } } ?? labels.indices.first { CSVReader.isMissing(labels[$0]) }
        if let row = missing { throw failure("is missing on row \(row + 1)") }
        var firstRow: [String: Int] = [:]
        for (row, label) in labels.enumerated() {
            if let earlier = firstRow.updateValue(row, forKey: label) {
                throw failure("repeats \(label) on rows \(earlier + 1) and \(row + 1); each time point must appear once")
            }
        }
        let decreasing: Int?
        if let values {
            decreasing = values.indices.dropFirst().first { values[$0] < values[$0 - 1] }
        } else if TimeIndex.sortsChronologically(labels) {
            decreasing = labels.indices.dropFirst().first { labels[$0] < labels[$0 - 1] }
        } else {
            decreasing = nil
        }
        if let row = decreasing {
            throw failure("is not in time order: row \(row + 1) (\(labels[row])) comes after row \(row) "
                + "(\(labels[row - 1])); sort the rows by time")
        }
    }

    /// Whether comparing the labels as text compares them in time: every label starts
    /// with a digit and has the same length and the same non-digit characters in the
    /// same places, and the first run of digits is a year (4 or more digits) or the
    /// only separators are colons and points (a time of day such as 09:30:00.5).
    static func sortsChronologically(_ labels: [String]) -> Bool {
        guard let first = labels.first.map({ Array($0.utf8) }), let lead = first.first, isDigit(lead) else { return false }
        let leadingDigits = first.prefix(while: isDigit).count
        let separators = first.filter { !isDigit($0) }
        guard leadingDigits >= 4 || separators.allSatisfy({ $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
            return false
        }
        return labels.allSatisfy { label in
            let bytes = Array(label.utf8)
            return bytes.count == first.count
                && zip(bytes, first).allSatisfy { isDigit($0) ? isDigit($1) : $0 == $1 }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func label(_ x: Double) -> String {
        if x.isNaN { return "NA" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }
}
