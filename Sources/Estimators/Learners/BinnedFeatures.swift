/// Features reduced to quantile bins for split finding: bin b of feature j holds the
/// values in (edge[b − 1], edge[b]].
struct BinnedFeatures {
    /// Bin of each training row, feature by feature.
    let bins: [[UInt8]]
    /// Upper edges of the bins (the last bin has no edge).
    let edges: [[Double]]

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
            bins.append(values.map { v in
                var low = 0, high = e.count
                while low < high {
                    let mid = (low + high) / 2
                    if e[mid] < v { low = mid + 1 } else { high = mid }
                }
                return UInt8(low)
            })
            edges.append(e)
        }
        self.bins = bins
        self.edges = edges
    }
}
