/// Rows grouped into cells by their bins. Trees split on bins, so rows whose bins agree
/// on every feature follow the same path through every tree and get the same score:
/// scores, σ(score) and the routing of rows to nodes need computing once per cell.
///
/// With bin counts K₁ … K_p, cell c = Σⱼ bⱼ·Πₖ₍ₖ<ⱼ₎Kₖ (mixed radix) when Πⱼ Kⱼ is at most the
/// number of rows, which covers the common case of one or two covariates (33 or 66 cells
/// for 32 bins and a 0/1 treatment). Otherwise each row is its own cell, and per-cell work
/// costs what per-row work would.
struct BinCells {
    /// The cell of each row.
    let cellOfRow: [Int]
    /// The bin of each cell, feature-major: bins[j·count + c] is feature j's bin in cell c.
    let bins: [UInt8]
    /// The number of cells.
    let count: Int

    /// Cells of `rows` rows with these bins (one array of `rows` per feature) and the
    /// features' bin counts.
    init(rows: Int, bins rowBins: [[UInt8]], binCounts: [Int]) {
        var combinations = 1
        for k in binCounts where combinations <= rows {
            let (product, overflow) = combinations.multipliedReportingOverflow(by: k)
            combinations = overflow ? rows + 1 : product
        }
        guard combinations <= rows else {
            cellOfRow = Array(0..<rows)
            bins = Array(rowBins.joined())
            count = rows
            return
        }
        var cellOfRow = [Int](repeating: 0, count: rows)
        var bins: [UInt8] = []
        var radix = 1
        for (column, k) in zip(rowBins, binCounts) {
            column.withUnsafeBufferPointer { column in
                cellOfRow.withUnsafeMutableBufferPointer { cell in
                    for i in 0..<rows { cell[i] += Int(column[i]) * radix }
                }
            }
            bins += (0..<combinations).map { UInt8($0 / radix % k) }
            radix *= k
        }
        self.cellOfRow = cellOfRow
        self.bins = bins
        count = combinations
    }
}
