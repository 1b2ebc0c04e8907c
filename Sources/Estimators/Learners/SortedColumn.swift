/// A column's values in increasing order and each row's position among them, computed
/// once (O(n log n)) so that binning any set of its rows takes O(n) (`BinnedFeatures`).
struct SortedColumn: Sendable {
    /// The values in increasing order.
    let values: [Double]
    /// The position in `values` of each row's value (rows with equal values in row order).
    let position: [Int]

    /// The sort order of `column`.
    init(_ column: [Double]) {
        let order = column.indices.sorted { column[$0] < column[$1] || (column[$0] == column[$1] && $0 < $1) }
        var position = [Int](repeating: 0, count: column.count)
        for (p, i) in order.enumerated() { position[i] = p }
        values = order.map { column[$0] }
        self.position = position
    }

    /// The sort order of a column of n copies of one value.
    init(constant value: Double, count n: Int) {
        values = [Double](repeating: value, count: n)
        position = Array(0..<n)
    }
}
