/// Periods in words, for the summary and the report.
enum PeriodWording {
    /// "rows 71 to 100 (30 points)", or with a time index whose labels differ from
    /// the row numbers, "date 2014-03-12 to 2014-04-10 (rows 71 to 100, 30 points)".
    static func describe(_ rows: ClosedRange<Int>, in data: ImpactData) -> String {
        let count = "\(rows.count) \(rows.count == 1 ? "point" : "points")"
        let rowText = "rows \(rows.lowerBound + 1) to \(rows.upperBound + 1)"
        guard let index = data.timeIndex,
              index.labels[rows.lowerBound] != "\(rows.lowerBound + 1)" || index.labels[rows.upperBound] != "\(rows.upperBound + 1)"
        else { return "\(rowText) (\(count))" }
        return "\(index.name) \(index.labels[rows.lowerBound]) to \(index.labels[rows.upperBound]) (\(rowText), \(count))"
    }
}
