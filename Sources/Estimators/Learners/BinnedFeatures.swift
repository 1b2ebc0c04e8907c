/// Features reduced to quantile bins for split finding: bin b of feature j holds the
/// values in (edge[b − 1], edge[b]].
///
/// The edges of a feature are the distinct values among its order statistics x₍⌊k·m/K⌋₊₁₎,
/// k = 1 … K − 1, of the m training rows (K bins), below the largest value; a feature whose
/// rows all share one value has no edge and a single bin.
struct BinnedFeatures {
    /// Bin of each training row, feature by feature.
    let bins: [[UInt8]]
    /// Upper edges of the bins (the last bin has no edge).
    let edges: [[Double]]

    /// The number of bins of each feature (its edges plus one).
    var binCounts: [Int] { edges.map { $0.count + 1 } }

    /// Bins of `rows` of `x` (in that order, repeats included) on edges taken from the same rows.
    init(_ x: Features, rows: [Int], bins count: Int) {
        var bins: [[UInt8]] = []
        var edges: [[Double]] = []
        for column in x.columns {
            let values = rows.map { column[$0] }
            let sorted = values.sorted()
            var e: [Double] = []
            for k in 1..<count {
                let candidate = sorted[min(sorted.count - 1, k * sorted.count / count)]
                if candidate < sorted[sorted.count - 1] && (e.last.map { candidate > $0 } ?? true) { e.append(candidate) }
            }
            bins.append(BinnedFeatures.bins(of: values, edges: e))
            edges.append(e)
        }
        self.bins = bins
        self.edges = edges
    }

    /// Bins of `rows` of `x` on the given edges (one array per column of `x`).
    init(_ x: Features, rows: [Int], edges: [[Double]]) {
        bins = zip(x.columns, edges).map { column, e in BinnedFeatures.bins(of: rows.map { column[$0] }, edges: e) }
        self.edges = edges
    }

    /// The bin of each value: the number of edges below it, by binary search.
    private static func bins(of values: [Double], edges: [Double]) -> [UInt8] {
        edges.withUnsafeBufferPointer { e in
            values.map { v in
                var low = 0, high = e.count
                while low < high {
                    let mid = (low + high) / 2
                    if e[mid] < v { low = mid + 1 } else { high = mid }
                }
                return UInt8(low)
            }
        }
    }
}
