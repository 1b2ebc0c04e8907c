/// Reads a period written `A:B` into an inclusive range of 0-based rows.
///
/// When the table has a time index, each bound is a value of it (a number,
/// date or time as written in that column), and nothing else: a plain integer
/// is never read as a row number then, since with a numeric index such as
/// 0…99 or years the two readings would disagree. Without a time index, each
/// bound is a 1-based row number. A bound that holds a colon itself (a time of
/// day) is fine as long as exactly one split of the text gives two known bounds.
enum Period {
    /// The 0-based rows of `text`; `period` ("pre-period" or "post-period") names it in errors.
    static func rows(_ text: String, period: String, rowCount: Int, timeIndex: TimeIndex?) throws -> ClosedRange<Int> {
        let colons = text.indices.filter { text[$0] == ":" }
        guard !colons.isEmpty else {
            throw ImpactError.badPeriod(period: period, text: text,
                                        reason: "expected START:END, the first and last rows (inclusive)")
        }
        var found: [(Int, Int)] = []
        for colon in colons {
            let start = text[..<colon], end = text[text.index(after: colon)...]
            if let a = row(start, rowCount: rowCount, timeIndex: timeIndex),
               let b = row(end, rowCount: rowCount, timeIndex: timeIndex),
               !found.contains(where: { $0 == (a, b) }) {
                found.append((a, b))
            }
        }
        guard found.count == 1, let (a, b) = found.first else {
            if found.count > 1 {
                throw ImpactError.badPeriod(period: period, text: text,
                                            reason: "ambiguous: it splits into START:END in more than one way")
            }
            throw ImpactError.badPeriod(period: period, text: text,
                                        reason: unknownBoundReason(text, colons: colons, rowCount: rowCount, timeIndex: timeIndex))
        }
        guard a <= b else {
            throw ImpactError.badPeriod(period: period, text: text, reason: "it ends (row \(b + 1)) before it starts (row \(a + 1))")
        }
        return a...b
    }

    /// The 0-based row that `bound` names, or nil.
    private static func row(_ bound: Substring, rowCount: Int, timeIndex: TimeIndex?) -> Int? {
        let text = bound.withoutSurroundingSpaces
        guard !text.isEmpty else { return nil }
        if let timeIndex { return timeIndex.row(matching: Substring(text)) }
        guard let n = Int(text), n >= 1, n <= rowCount else { return nil }
        return n - 1
    }

    private static func unknownBoundReason(_ text: String, colons: [String.Index], rowCount: Int, timeIndex: TimeIndex?) -> String {
        let colon = colons[colons.count / 2]
        let start = text[..<colon].withoutSurroundingSpaces, end = text[text.index(after: colon)...].withoutSurroundingSpaces
        let bad = row(Substring(start), rowCount: rowCount, timeIndex: timeIndex) == nil ? start : end
        if bad.isEmpty { return "expected START:END, the first and last rows (inclusive)" }
        guard let timeIndex, let first = timeIndex.labels.first, let last = timeIndex.labels.last else {
            return "'\(bad)' is not a row number (1 to \(rowCount))"
        }
        return "'\(bad)' is not a value of the time index '\(timeIndex.name)' (\(first) to \(last)); "
            + "with a time index, periods are given in its values, not in row numbers"
    }
}
