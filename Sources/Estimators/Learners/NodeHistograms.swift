/// The histograms of the open nodes of one tree level: for node slot s, feature j and
/// bin b, the sums Σgᵢ and Σhᵢ and the number of the node's rows i in that bin, laid out
/// flat at entry (s·p + j)·K + b for p features and K the largest bin count.
///
/// The split search reads bins 0 … Kⱼ − 2 of feature j only (the last bin is everything
/// right of the last candidate), so the last bin's entries are never filled. Rows with
/// nothing to add go to one of `sinkCount` scratch entries past the end instead (by row
/// number modulo `sinkCount`), which keeps the adding loop free of branches and of long
/// chains of additions to one address.
struct NodeHistograms {
    /// Scratch entries after the last slot.
    static let sinkCount = 8

    /// The number of features p.
    let features: Int
    /// Entries per (slot, feature): the largest bin count K.
    let stride: Int
    /// Whether Σhᵢ is kept: under the squared loss hᵢ = 1 and the count is the sum.
    let keepsHessian: Bool
    /// The first scratch entry.
    private(set) var sink = 0
    /// Σgᵢ per entry.
    var gradient: [Double] = []
    /// Σhᵢ per entry (empty unless `keepsHessian`).
    var hessian: [Double] = []
    /// Row count per entry.
    var count: [Int] = []

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
        sink = slots * features * stride
        let entries = sink + NodeHistograms.sinkCount
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

    private static func zero<T: Numeric>(_ array: inout [T], _ entries: Int) {
        if array.count < entries {
            array = [T](repeating: 0, count: entries)
        } else {
            array.withUnsafeMutableBufferPointer { a in for e in 0..<entries { a[e] = 0 } }
        }
    }
}
