import BSTS
import Tabular

/// A holiday or known event of the impact model (bsts `AddRegressionHoliday`): its
/// occurrences as time points of the data, and a window of days around each, every day
/// with its own coefficient shared by all occurrences.
public struct ImpactEvent: Sendable, Equatable {
    /// The event's name.
    public var name: String
    /// Each occurrence's day, written as the data's time index writes it (a date such as
    /// 2023-07-04, a number), or a 1-based row number when the data have no time index.
    public var occurrences: [String]
    /// Days of the window before the day itself.
    public var daysBefore: Int
    /// Days of the window after the day itself.
    public var daysAfter: Int

    /// An event on the given days with a window of `daysBefore` + 1 + `daysAfter` days.
    public init(name: String, occurrences: [String], daysBefore: Int = 0, daysAfter: Int = 0) {
        self.name = name
        self.occurrences = occurrences
        self.daysBefore = daysBefore
        self.daysAfter = daysAfter
    }

    /// Reads a calendar file: a header row with the columns `event` and `date` (or `t`,
    /// `time`: the data's time index), and optionally `before` and `after` (days of the
    /// window, default 0); then one row per occurrence. Rows of one event are grouped in
    /// order of first appearance; they must agree on `before` and `after`. Errors name
    /// `option` (the command-line option), the file and the row.
    public static func calendar(path: String, option: String = "events") throws -> [ImpactEvent] {
        func failure(_ what: String) -> ImpactError {
            ImpactError.badOption(name: option, value: path, requirement: what)
        }
        let table: Table
        do { table = try CSVReader.read(path: path) } catch { throw failure("cannot be read: \(error)") }
        guard let eventColumn = table.index(of: "event") else { throw failure("has no column 'event'") }
        guard let timeColumn = table.names.firstIndex(where: TimeIndex.isTimeIndexName) else {
            throw failure("has no column 'date' (or 't', 'time') giving each occurrence's time point")
        }
        let names = labels(table.columns[eventColumn]), times = labels(table.columns[timeColumn])
        let before = try days(table, "before", failure), after = try days(table, "after", failure)
        var events: [ImpactEvent] = []
        for row in 0..<table.rowCount {
            let name = names[row], time = times[row]
            guard !name.isEmpty, !time.isEmpty else { throw failure("row \(row + 2): the event or its time point is empty") }
            if let k = events.firstIndex(where: { $0.name == name }) {
                guard events[k].daysBefore == before[row], events[k].daysAfter == after[row] else {
                    throw failure("row \(row + 2): event '\(name)' has another window (before/after) than on its first row")
                }
                events[k].occurrences.append(time)
            } else {
                events.append(ImpactEvent(name: name, occurrences: [time], daysBefore: before[row], daysAfter: after[row]))
            }
        }
        guard !events.isEmpty else { throw failure("lists no event") }
        return events
    }

    private static func labels(_ column: Column) -> [String] {
        switch column {
        case .text(let values): return values
        case .numeric(let values): return TimeIndex(name: "t", column: .numeric(values)).labels
        }
    }

    private static func days(_ table: Table, _ name: String, _ failure: (String) -> ImpactError) throws -> [Int] {
        guard let column = table.index(of: name) else { return [Int](repeating: 0, count: table.rowCount) }
        guard case .numeric(let values) = table.columns[column] else { throw failure("column '\(name)' is not numeric") }
        return try values.enumerated().map { row, x in
            guard x.isFinite, x >= 0, x == x.rounded(), x <= 366 else {
                throw failure("row \(row + 2): \(name) = \(x) must be a whole number of days from 0 to 366")
            }
            return Int(x)
        }
    }
}

extension ImpactData {
    /// `events` with each occurrence as a 0-based row of the table. Throws
    /// `ImpactError.badOption(name: option, …)` for a time point that is not among the data's.
    func eventTableRows(_ events: [ImpactEvent], option: String = "events") throws -> [EventPattern] {
        try events.map { event in
            let rows = try event.occurrences.map { text -> Int in
                let row: Int?
                if let timeIndex {
                    row = timeIndex.row(matching: Substring(text))
                } else {
                    row = Int(text).flatMap { (1...rowCount).contains($0) ? $0 - 1 : nil }
                }
                guard let row else {
                    let range = timeIndex.map { "\($0.labels.first ?? "") to \($0.labels.last ?? "")" } ?? "rows 1 to \(rowCount)"
                    throw ImpactError.badOption(name: option, value: text,
                                                requirement: "event '\(event.name)' falls outside the data's time points (\(range))")
                }
                return row
            }
            return EventPattern(name: event.name, rows: rows, daysBefore: event.daysBefore, daysAfter: event.daysAfter)
        }
    }

    /// `events` with each occurrence as a row of the modelled series (`modelRows`).
    func eventPatterns(_ events: [ImpactEvent], option: String = "events") throws -> [EventPattern] {
        try eventTableRows(events, option: option).map { $0.shifted(by: -modelRows.lowerBound) }
    }

    /// Every event of `specification` as rows of the modelled series: its calendar's, and
    /// those a refit carries already placed on the table's rows (`eventRows`).
    func eventPatterns(of specification: ImpactSpecification) throws -> [EventPattern] {
        try eventPatterns(specification.events) + specification.eventRows.map { $0.shifted(by: -modelRows.lowerBound) }
    }
}

extension EventPattern {
    /// The event with every occurrence moved by `offset` rows.
    func shifted(by offset: Int) -> EventPattern {
        EventPattern(name: name, rows: rows.map { $0 + offset }, daysBefore: daysBefore, daysAfter: daysAfter)
    }
}

extension ImpactSpecification {
    /// The specification of a refit on the table rows `rows` (0-based) of the one `data`
    /// prepared from this specification: its calendar carried onto the refit's own rows,
    /// numbered from `rows.lowerBound`. A refit sees the calendar as an analysis of only
    /// those rows would: occurrences on them, and no event left without one.
    func carryingEvents(of data: ImpactData, onto rows: ClosedRange<Int>) throws -> ImpactSpecification {
        var refit = self
        refit.eventRows = (try data.eventTableRows(events) + eventRows).compactMap { event in
            let kept = event.rows.filter(rows.contains)
            return kept.isEmpty ? nil : EventPattern(name: event.name, rows: kept, daysBefore: event.daysBefore,
                                                     daysAfter: event.daysAfter).shifted(by: -rows.lowerBound)
        }
        refit.events = []
        return refit
    }
}
