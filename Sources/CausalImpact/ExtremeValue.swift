import Probability

/// The check for a value that is almost surely a data error: farther from the
/// median than `threshold` median absolute deviations (MAD). Real series have
/// spikes of tens of MADs (a sale, a holiday); a value a thousand MADs out is a
/// misplaced decimal point, a sentinel such as 9999999 or a unit mix-up.
enum ExtremeValue {
    /// How many MADs from the median make a value suspect.
    static let threshold = 1000.0

    /// The most extreme finite value among `values[rows]` when it lies beyond the
    /// threshold: its 0-based row and its distance in MADs. Nil when every value is
    /// within it, or when the MAD is 0 (more than half the values equal).
    static func find(in values: [Double], rows: ClosedRange<Int>) -> (row: Int, deviations: Double)? {
        let window = rows.clamped(to: 0...max(0, values.count - 1))
        let finite = window.filter { values.indices.contains($0) && values[$0].isFinite }
        guard finite.count >= 3 else { return nil }
        let median = Self.median(finite.map { values[$0] })
        let mad = Self.median(finite.map { abs(values[$0] - median) })
        guard mad > 0, let worst = finite.max(by: { abs(values[$0] - median) < abs(values[$1] - median) }) else { return nil }
        let deviations = abs(values[worst] - median) / mad
        return deviations > threshold ? (worst, deviations) : nil
    }

    /// The median of a non-empty array (type-7 quantile at ½, the usual median).
    private static func median(_ values: [Double]) -> Double {
        SampleQuantile.typeSeven(sorted: values.sorted(), 0.5)
    }
}
