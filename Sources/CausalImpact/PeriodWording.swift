/// Periods in words, for the summary, the report and messages: rows, named by the
/// time index too when its labels differ from the row numbers.
enum PeriodWording {
    /// "rows 71 to 100 (30 points)", or with a time index whose labels differ from
    /// the row numbers, "date 2014-03-12 to 2014-04-10 (rows 71 to 100, 30 points)".
    static func describe(_ rows: ClosedRange<Int>, in data: ImpactData) -> String {
        let count = "\(rows.count) \(rows.count == 1 ? "point" : "points")"
        let rowText = "rows \(rows.lowerBound + 1) to \(rows.upperBound + 1)"
        guard let index = labelled(rows, data.timeIndex) else { return "\(rowText) (\(count))" }
        return "\(index.name) \(index.labels[rows.lowerBound]) to \(index.labels[rows.upperBound]) (\(rowText), \(count))"
    }

    /// "rows 60 to 100", or "date 2024-03-01 to 2024-04-10, rows 60 to 100".
    static func span(_ rows: ClosedRange<Int>, _ timeIndex: TimeIndex?) -> String {
        let rowText = "rows \(rows.lowerBound + 1) to \(rows.upperBound + 1)"
        guard let index = labelled(rows, timeIndex) else { return rowText }
        return "\(index.name) \(index.labels[rows.lowerBound]) to \(index.labels[rows.upperBound]), \(rowText)"
    }

    /// "row 70", or "date 2024-03-10, row 70".
    static func point(_ row: Int, _ timeIndex: TimeIndex?) -> String {
        guard let index = labelled(row...row, timeIndex) else { return "row \(row + 1)" }
        return "\(index.name) \(index.labels[row]), row \(row + 1)"
    }

    /// The time index when its labels at the ends of `rows` differ from the row numbers.
    private static func labelled(_ rows: ClosedRange<Int>, _ timeIndex: TimeIndex?) -> TimeIndex? {
        guard let index = timeIndex,
              index.labels[rows.lowerBound] != "\(rows.lowerBound + 1)" || index.labels[rows.upperBound] != "\(rows.upperBound + 1)"
        else { return nil }
        return index
    }
}
