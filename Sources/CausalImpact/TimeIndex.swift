import Reporting
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
        } else if let row = TimeIndex.formatBreak(labels) {
            throw failure("mixes formats: row \(row + 1) (\(labels[row])) is not written like row 1 (\(labels[0])); write "
                + "every time point in one format (such as yyyy-MM-dd, zero-padded) so that their order can be checked")
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
        guard let first = labels.first, isTimeLike(first) else { return false }
        return formatBreak(labels) == nil
    }

    /// The first row (0-based) whose label is not written like the first one (another
    /// length, or other non-digit characters in other places), when the first label is
    /// time-like (see `sortsChronologically`); nil when all agree or the labels are not
    /// times.
    static func formatBreak(_ labels: [String]) -> Int? {
        guard let firstLabel = labels.first, isTimeLike(firstLabel) else { return nil }
        let first = Array(firstLabel.utf8)
        return labels.indices.first { row in
            let bytes = Array(labels[row].utf8)
            return bytes.count != first.count || !zip(bytes, first).allSatisfy { isDigit($0) ? isDigit($1) : $0 == $1 }
        }
    }

    /// Whether a label reads as a date or time: it starts with a digit, and its first run
    /// of digits is a year (4 or more digits) or its only separators are colons and points.
    private static func isTimeLike(_ label: String) -> Bool {
        let bytes = Array(label.utf8)
        guard let lead = bytes.first, isDigit(lead) else { return false }
        let separators = bytes.filter { !isDigit($0) }
        return bytes.prefix(while: isDigit).count >= 4
            || separators.allSatisfy { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func label(_ x: Double) -> String {
        x.isNaN ? "NA" : x.compactDescription
    }

    /// The first place where the time points are not evenly spaced: the row whose step
    /// from the row before differs from the most common step (ties: the smallest), for
    /// a numeric index or ISO dates (`yyyy-MM-dd`, steps in days); nil when every step
    /// is the same or the labels are not read as times.
    public var unevenStep: (row: Int, step: Double, usual: Double)? {
        guard let points = values ?? TimeIndex.isoDays(labels), points.count > 2 else { return nil }
        let steps = zip(points.dropFirst(), points).map { $0 - $1 }
        var counts: [Double: Int] = [:]
        for step in steps { counts[step, default: 0] += 1 }
        guard counts.count > 1, let usual = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key,
              let k = steps.firstIndex(where: { $0 != usual }) else { return nil }
        return (k + 1, steps[k], usual)
    }

    /// The day numbers of ISO dates (`yyyy-MM-dd`, proleptic Gregorian), or nil when a
    /// label is not one (Hinnant's days-from-civil algorithm).
    static func isoDays(_ labels: [String]) -> [Double]? {
        var days: [Double] = []
        days.reserveCapacity(labels.count)
        for label in labels {
            let parts = label.split(separator: "-", omittingEmptySubsequences: false)
            guard label.utf8.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1...12).contains(m), (1...31).contains(d) else { return nil }
            let year = m <= 2 ? y - 1 : y
            let era = (year >= 0 ? year : year - 399) / 400
            let yearOfEra = year - era * 400
            let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            days.append(Double(era * 146_097 + dayOfEra - 719_468))
        }
        return days
    }
}
