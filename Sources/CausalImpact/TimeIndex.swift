import Tabular

/// The column that names the time points of an impact analysis: a column
/// called `t`, `time` or `date` (any letter case). It may hold numbers or text
/// such as ISO dates, and periods may be given in its values instead of row numbers.
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

    /// The first 0-based row whose time point is written `text`, or (for a numeric
    /// index) equals the number `text`.
    func row(matching text: Substring) -> Int? {
        let trimmed = text.withoutSurroundingSpaces
        if let values {
            guard let x = Double(trimmed) else { return nil }
            return values.firstIndex(of: x)
        }
        return labels.firstIndex(of: trimmed)
    }

    private static func label(_ x: Double) -> String {
        if x.isNaN { return "NA" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }
}
