/// Features reduced to quantile bins for split finding: bin b of feature j holds the
/// values in (edge[b − 1], edge[b]].
///
/// The edges of a feature are the distinct values among the order statistics x₍⌊k·m/K⌋₊₁₎,
/// k = 1 … K − 1, of its m training rows (K bins, repeated rows counted as often as they
/// appear), below the largest value; a feature whose rows all share one value has no edge
/// and a single bin.
///
/// Binning works on the column's sort order (`SortedColumn`), computed once for all the
/// fits on resamples and folds of the same data: counting how often each sorted position
/// is drawn gives the order statistics, and one walk along the sorted values gives every
/// position's bin, so binning costs O(n + m) for a column of n rows instead of a sort of
/// the m rows.
struct BinnedFeatures {
    /// Bin of each training row, feature by feature.
    let bins: [[UInt8]]
    /// Upper edges of the bins (the last bin has no edge).
    let edges: [[Double]]

    /// The number of bins of each feature (its edges plus one).
    var binCounts: [Int] { edges.map { $0.count + 1 } }

    /// Bins of `rows` (in that order, repeats included) of these columns, on at most `count`
    /// bins whose edges come from the same rows.
    init(_ columns: [SortedColumn], rows: [Int], bins count: Int) {
        edges = columns.map { BinnedFeatures.edges($0, rows: rows, bins: count) }
        bins = zip(columns, edges).map { BinnedFeatures.bins(of: rows, $0, edges: $1) }
    }

    /// Bins of `rows` of these columns on the given edges (one array per column).
    init(_ columns: [SortedColumn], rows: [Int], edges: [[Double]]) {
        self.edges = edges
        bins = zip(columns, edges).map { BinnedFeatures.bins(of: rows, $0, edges: $1) }
    }

    /// The edges of a column's `rows`: the distinct order statistics of rank ⌊k·m/K⌋ + 1,
    /// k = 1 … K − 1, below the largest value, found by walking the sorted positions with
    /// the number of times each is drawn.
    private static func edges(_ column: SortedColumn, rows: [Int], bins count: Int) -> [Double] {
        var drawn = [Int](repeating: 0, count: column.values.count)
        for r in rows { drawn[column.position[r]] += 1 }
        guard let last = drawn.lastIndex(where: { $0 > 0 }) else { return [] }
        let largest = column.values[last], m = rows.count
        var edges: [Double] = []
        var k = 1, below = 0
        for p in 0...last where drawn[p] > 0 {
            below += drawn[p]
            // Order statistics ⌊k·m/K⌋ (counting from 0) below `below` are this position's value.
            while k < count && k * m / count < below {
                let candidate = column.values[p]
                if candidate < largest && (edges.last.map { candidate > $0 } ?? true) { edges.append(candidate) }
                k += 1
            }
        }
        return edges
    }

    /// The bin of each of `rows`: the number of edges below its value, read from one walk
    /// along the sorted values.
    private static func bins(of rows: [Int], _ column: SortedColumn, edges: [Double]) -> [UInt8] {
        var binAt = [UInt8](repeating: 0, count: column.values.count)
        var b = 0
        for (p, v) in column.values.enumerated() {
            while b < edges.count && edges[b] < v { b += 1 }
            binAt[p] = UInt8(b)
        }
        return rows.map { binAt[column.position[$0]] }
    }
}
