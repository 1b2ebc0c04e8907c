/// A stretch of the post-period summarised on its own (`--window C:D`): the effect
/// over the first week of a campaign, say, beside the whole post-period's.
public struct EffectWindow: Sendable {
    /// The window as written, `C:D`.
    public let text: String
    /// Its rows (0-based, inside the post-period).
    public let rows: ClosedRange<Int>
    /// The summary over the window (`EffectDraws.summary(over:alpha:)`).
    public let summary: ImpactSummary

    /// Reads `text` as a period of `result`'s table (time index values, or 1-based rows
    /// without one) and summarises it; throws `ImpactError.badPeriod` naming `--window`
    /// when it cannot be read or does not lie inside the post-period.
    public init(parsing text: String, result: ImpactResult) throws {
        let data = result.data
        let period = try ImpactPeriod(parsing: text, name: "--window", rowCount: data.rowCount, timeIndex: data.timeIndex)
        let rows = try period.rows(name: "--window", rowCount: data.rowCount, timeIndex: data.timeIndex)
        guard data.post.contains(rows.lowerBound), data.post.contains(rows.upperBound) else {
            throw ImpactError.badPeriod(period: "--window", text: text,
                                        reason: "it must lie inside the post-period (\(PeriodWording.span(data.post, data.timeIndex)))")
        }
        guard let draws = result.effectDraws else {
            throw ImpactError.badPeriod(period: "--window", text: text, reason: "the analysis kept no posterior draws")
        }
        self.text = text
        self.rows = rows
        summary = draws.summary(over: rows, alpha: result.alpha)
    }
}
