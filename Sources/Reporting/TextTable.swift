/// An aligned table of text for people: columns padded to their widest cell.
///
///     let lines = TextTable(rows: [["name", "bias"], ["ipw", "0.12"]], leftAligned: 1).lines()
///     // ["name  bias", "ipw   0.12"]
///
/// A row with no cells is an empty line (a gap between groups of rows).
public struct TextTable: Sendable {
    /// The rows, the header (if any) first.
    public var rows: [[String]]
    /// How many leading columns are left-aligned; the rest are right-aligned except
    /// those in `leftAlignedColumns`.
    public var leftAligned: Int
    /// Further columns that are left-aligned (a column of words after the numbers).
    public var leftAlignedColumns: Set<Int> = []
    /// The space between two columns.
    public var gap: String
    /// What every line starts with.
    public var indent: String
    /// Whether the last column is padded and followed by the gap too (a fixed-width
    /// table, as R prints its summaries); otherwise trailing spaces are dropped.
    public var padsLastColumn: Bool
    /// Whether a rule of dashes, one run per column, follows the first row.
    public var rulesHeader: Bool

    /// A table of `rows`: by default left-aligned throughout, two spaces between columns.
    public init(rows: [[String]], leftAligned: Int = .max, gap: String = "  ", indent: String = "",
                padsLastColumn: Bool = false, rulesHeader: Bool = false) {
        self.rows = rows
        self.leftAligned = leftAligned
        self.gap = gap
        self.indent = indent
        self.padsLastColumn = padsLastColumn
        self.rulesHeader = rulesHeader
    }

    /// The table's lines, without line breaks.
    public func lines() -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { j in rows.map { $0.count > j ? $0[j].count : 0 }.max() ?? 0 }
        var lines: [String] = []
        for (i, row) in rows.enumerated() {
            if row.isEmpty {
                lines.append("")
            } else {
                let cells = row.enumerated().map { j, cell in
                    let isLeftAligned = j < leftAligned || leftAlignedColumns.contains(j)
                    // The last cell's trailing padding would only be trimmed again (and padding
                    // every row to one very long cell would cost rows × its length).
                    if isLeftAligned, j == row.count - 1, !padsLastColumn { return cell }
                    let pad = String(repeating: " ", count: widths[j] - cell.count)
                    return isLeftAligned ? cell + pad : pad + cell
                }
                var line = indent + cells.joined(separator: gap)
                if padsLastColumn {
                    line += gap
                } else {
                    while line.last == " " { line.removeLast() }
                }
                lines.append(line)
            }
            if i == 0, rulesHeader { lines.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: gap)) }
        }
        return lines
    }

    /// The table's lines joined, each ending in a line break.
    public func text() -> String { lines().map { $0 + "\n" }.joined() }
}
