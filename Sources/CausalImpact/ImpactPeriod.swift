import Foundation
import Tabular

/// A stretch of the series of an impact analysis, first and last time points
/// included: a range of rows, or of values of the table's time index.
///
///     ImpactSpecification(pre: .rows(1...70), post: .rows(71...100))
///     ImpactSpecification(pre: .labels("2024-01-01", "2024-03-10"), post: .labels("2024-03-11", "2024-03-31"))
///     ImpactSpecification(pre: .times(1990...2009), post: .times(2010...2015))
///
/// Rows are numbered from 1 whether or not the table has a time index. The time
/// index is the column called `t`, `time` or `date` (`TimeIndex`). The command
/// line's `START:END` text is read into a period by `ImpactPeriod(parsing:…)`.
public enum ImpactPeriod: Sendable, Equatable {
    /// Rows, numbered from 1.
    case rows(ClosedRange<Int>)
    /// Values of a numeric time index (years, day numbers …).
    case times(ClosedRange<Double>)
    /// Values of a time index as written in its column (ISO dates, times of day …).
    case labels(String, String)
    /// Days of a time index of ISO dates (`yyyy-MM-dd`), from the first to the last day (UTC).
    case days(Date, Date)

    /// The period as the command line writes it, `START:END`.
    public var text: String {
        switch self {
        case .rows(let r): return "\(r.lowerBound):\(r.upperBound)"
        case .times(let r): return "\(r.lowerBound.compactDescription):\(r.upperBound.compactDescription)"
        case .labels(let a, let b): return "\(a):\(b)"
        case .days(let a, let b): return "\(Self.isoDay(a)):\(Self.isoDay(b))"
        }
    }

    /// The 0-based rows of the period in a table of `rowCount` rows with `timeIndex`;
    /// `name` ("pre-period" or "post-period") names it in errors.
    func rows(name: String, rowCount: Int, timeIndex: TimeIndex?) throws -> ClosedRange<Int> {
        let bounds: (String, String)
        switch self {
        case .rows(let r):
            guard r.lowerBound >= 1, r.upperBound <= rowCount else {
                let bad = r.lowerBound >= 1 ? r.upperBound : r.lowerBound
                throw ImpactError.badPeriod(period: name, text: text, reason: "'\(bad)' is not a row number (1 to \(rowCount))")
            }
            return (r.lowerBound - 1)...(r.upperBound - 1)
        case .times(let r): bounds = (r.lowerBound.compactDescription, r.upperBound.compactDescription)
        case .labels(let a, let b): bounds = (a, b)
        case .days(let a, let b): bounds = (Self.isoDay(a), Self.isoDay(b))
        }
        guard let timeIndex else {
            throw ImpactError.badPeriod(period: name, text: text, reason: "the table has no time index (a column named t, "
                + "time or date) to find these values in; give the period in rows")
        }
        for bound in [bounds.0, bounds.1] where timeIndex.row(matching: Substring(bound)) == nil {
            throw ImpactError.badPeriod(period: name, text: text, reason: Self.unknownValue(bound, in: timeIndex))
        }
        let a = timeIndex.row(matching: Substring(bounds.0))!, b = timeIndex.row(matching: Substring(bounds.1))!
        guard a <= b else {
            throw ImpactError.badPeriod(period: name, text: text, reason: "it ends (\(PeriodWording.point(b, timeIndex))) before it starts (\(PeriodWording.point(a, timeIndex)))")
        }
        return a...b
    }

    /// Reads `START:END` as the command line takes it: values of `timeIndex` when the
    /// table has one (a plain integer is then never a row number, since with a numeric
    /// index such as 0…99 or years the two readings would disagree), 1-based row
    /// numbers otherwise. A bound that holds a colon itself (a time of day) is fine as
    /// long as exactly one split of the text gives two known bounds.
    public init(parsing text: String, name: String, rowCount: Int, timeIndex: TimeIndex?) throws {
        let colons = text.indices.filter { text[$0] == ":" }
        guard !colons.isEmpty else {
            throw ImpactError.badPeriod(period: name, text: text, reason: "expected START:END, the first and last rows (inclusive)")
        }
        var found: [(Int, Int)] = []
        for colon in colons {
            let start = text[..<colon], end = text[text.index(after: colon)...]
            if let a = Self.row(start, rowCount: rowCount, timeIndex: timeIndex),
               let b = Self.row(end, rowCount: rowCount, timeIndex: timeIndex),
               !found.contains(where: { $0 == (a, b) }) {
                found.append((a, b))
            }
        }
        guard found.count == 1, let (a, b) = found.first else {
            if found.count > 1 {
                throw ImpactError.badPeriod(period: name, text: text, reason: "ambiguous: it splits into START:END in more than one way")
            }
            throw ImpactError.badPeriod(period: name, text: text,
                                        reason: Self.unknownBoundReason(text, colons: colons, rowCount: rowCount, timeIndex: timeIndex))
        }
        guard a <= b else {
            throw ImpactError.badPeriod(period: name, text: text, reason: "it ends (\(PeriodWording.point(b, timeIndex))) before it starts (\(PeriodWording.point(a, timeIndex)))")
        }
        if let values = timeIndex?.values {
            self = .times(values[a]...values[b])
        } else if let timeIndex {
            self = .labels(timeIndex.labels[a], timeIndex.labels[b])
        } else {
            self = .rows((a + 1)...(b + 1))
        }
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
        guard let timeIndex else { return "'\(bad)' is not a row number (1 to \(rowCount))" }
        return unknownValue(bad, in: timeIndex) + "; with a time index, periods are given in its values, not in row numbers"
    }

    private static func unknownValue(_ bad: String, in timeIndex: TimeIndex) -> String {
        guard let first = timeIndex.labels.first, let last = timeIndex.labels.last else { return "'\(bad)' is not a time point" }
        return "'\(bad)' is not a value of the time index '\(timeIndex.name)' (\(first) to \(last))"
    }

    /// `date` as an ISO day, `yyyy-MM-dd`, in UTC.
    private static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
