/// The histograms of the open nodes of one tree level: for node slot s, feature j and
/// bin b, the sums Σgᵢ and Σhᵢ and the number of the node's rows i in that bin, laid out
/// flat at entry (s·p + j)·K + b for p features and K the largest bin count.
///
/// Every entry adds its rows in increasing row order, whichever pass fills it.
struct NodeHistograms {
    /// The number of features p.
    let features: Int
    /// Entries per (slot, feature): the largest bin count K.
    let stride: Int
    /// Whether Σhᵢ is kept: under the squared loss hᵢ = 1 and the count is the sum.
    let keepsHessian: Bool
    /// Σgᵢ per entry.
    private(set) var gradient: [Double] = []
    /// Σhᵢ per entry (empty unless `keepsHessian`).
    private(set) var hessian: [Double] = []
    /// Row count per entry.
    private(set) var count: [Int] = []

    init(features: Int, stride: Int, keepsHessian: Bool) {
        self.features = features
        self.stride = stride
        self.keepsHessian = keepsHessian
    }

    /// The first entry of feature j in slot s.
    func offset(slot s: Int, feature j: Int) -> Int { (s * features + j) * stride }

    /// Σhᵢ of an entry.
    func hessianSum(_ entry: Int) -> Double { keepsHessian ? hessian[entry] : Double(count[entry]) }

    /// Empty histograms for `slots` nodes, reusing the storage.
    mutating func reset(slots: Int) {
        let entries = slots * features * stride
        NodeHistograms.zero(&gradient, entries)
        NodeHistograms.zero(&count, entries)
        if keepsHessian { NodeHistograms.zero(&hessian, entries) }
    }

    /// Copies the entries `bins` of feature j from slot s of `source` into slot `target`.
    mutating func copy(feature j: Int, bins: Range<Int>, from source: NodeHistograms, slot s: Int, to target: Int) {
        let from = source.offset(slot: s, feature: j), to = offset(slot: target, feature: j)
        for b in bins {
            gradient[to + b] = source.gradient[from + b]
            count[to + b] = source.count[from + b]
            if keepsHessian { hessian[to + b] = source.hessian[from + b] }
        }
    }

    /// Adds every row i whose cell is at an open node s with `wanted[s]` to the entry of its
    /// bin `bins[i]` of feature j: gᵢ = `gradients[i]`, hᵢ = `cellHessians[cell of i]`.
    mutating func accumulate(feature j: Int, bins: [UInt8], gradients: [Double], cellHessians: [Double],
                             cellOfRow: [Int], slotOfCell: [Int], wanted: [Bool]) {
        let keepsHessian = self.keepsHessian
        let offsets = wanted.indices.map { wanted[$0] ? offset(slot: $0, feature: j) : -1 }
        bins.withUnsafeBufferPointer { bins in
            gradients.withUnsafeBufferPointer { g in
                cellHessians.withUnsafeBufferPointer { h in
                    cellOfRow.withUnsafeBufferPointer { cellOfRow in
                        slotOfCell.withUnsafeBufferPointer { slotOfCell in
                            offsets.withUnsafeBufferPointer { offsets in
                                gradient.withUnsafeMutableBufferPointer { sumG in
                                    hessian.withUnsafeMutableBufferPointer { sumH in
                                        count.withUnsafeMutableBufferPointer { counts in
                                            for i in 0..<bins.count {
                                                let c = cellOfRow[i]
                                                let s = slotOfCell[c]
                                                guard s >= 0 else { continue }
                                                let base = offsets[s]
                                                guard base >= 0 else { continue }
                                                let e = base + Int(bins[i])
                                                sumG[e] += g[i]
                                                counts[e] += 1
                                                if keepsHessian { sumH[e] += h[c] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func zero<T: Numeric>(_ array: inout [T], _ entries: Int) {
        if array.count < entries {
            array = [T](repeating: 0, count: entries)
        } else {
            array.withUnsafeMutableBufferPointer { a in for e in 0..<entries { a[e] = 0 } }
        }
    }
}
