import Probability

/// A fitted ensemble: F(x) = F₀ + Σₘ treeₘ(x). Each round fits a tree to the
/// gradient gᵢ = yᵢ − ŷᵢ and Hessian hᵢ of the loss (squared: hᵢ = 1; logistic on the
/// log-odds scale: ŷᵢ = σ(Fᵢ), hᵢ = ŷᵢ(1 − ŷᵢ)), choosing splits that maximise
/// G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ), with leaves ν·G/(H + λ).
///
/// Trees split on the bins of the training rows (`BinnedFeatures`), so a prediction bins
/// its rows on the same edges and scores each `BinCells` cell once.
struct TreeEnsemble {
    /// The loss the ensemble minimises.
    enum Loss { case squared, logistic }

    /// F₀: the mean (squared) or the log-odds of the mean (logistic).
    let base: Double
    /// The bin edges of each feature, from the training rows.
    let edges: [[Double]]
    /// Nodes of every tree, flattened: `feature` is −1 at a leaf; an internal node sends
    /// x to `firstChild` when x's bin of `feature` is at most `splitBin` (x[feature] ≤
    /// edges[feature][splitBin]), else to `firstChild` + 1.
    private(set) var feature: [Int] = []
    private(set) var splitBin: [Int] = []
    private(set) var firstChild: [Int] = []
    private(set) var value: [Double] = []
    /// The root node of each tree.
    private(set) var roots: [Int] = []

    init(settings: BoostedTrees, features: Features, target: [Double], rows: [Int], loss: Loss) throws {
        try settings.validate()
        guard rows.count >= 2 * settings.minimumLeafSize else {
            throw EstimationError.tooFewObservations(
                estimator: "boosted trees", detail: "\(rows.count) rows; need at least \(2 * settings.minimumLeafSize)")
        }
        let y = rows.map { target[$0] }
        let mean = y.reduce(0, +) / Double(y.count)
        switch loss {
        case .squared: base = mean
        case .logistic: base = Logistic.logit(min(max(mean, 1e-6), 1 - 1e-6))
        }
        let binned = BinnedFeatures(features.sortedColumns, rows: rows, bins: settings.bins)
        edges = binned.edges
        var builder = TreeBuilder(settings: settings, binned: binned, target: y, base: base, loss: loss)
        for _ in 0..<settings.trees {
            let root = builder.growTree(into: &self)
            roots.append(root)
        }
    }

    /// Appends `count` leaves with value 0 and returns the index of the first.
    mutating func appendNodes(_ count: Int) -> Int {
        let first = feature.count
        feature += repeatElement(-1, count: count)
        splitBin += repeatElement(-1, count: count)
        firstChild += repeatElement(-1, count: count)
        value += repeatElement(0, count: count)
        return first
    }

    /// Makes `node` a leaf with this value.
    mutating func setLeaf(_ node: Int, value v: Double) { value[node] = v }

    /// Makes `node` split on `bin` of feature `f`, with children `first` and `first` + 1.
    mutating func setSplit(_ node: Int, feature f: Int, bin: Int, firstChild first: Int) {
        feature[node] = f
        splitBin[node] = bin
        firstChild[node] = first
    }

    /// F(x) for `rows` of `x` (the raw score; the log-odds for the logistic loss): each cell's
    /// F₀ + Σₘ treeₘ, summed in tree order, given to every row in it.
    func predict(_ x: Features, rows: [Int]) -> [Double] {
        let binned = BinnedFeatures(x.sortedColumns, rows: rows, edges: edges)
        let cells = BinCells(rows: rows.count, bins: binned.bins, binCounts: binned.binCounts)
        let cellCount = cells.count
        var cellScore = [Double](repeating: base, count: cellCount)
        cells.bins.withUnsafeBufferPointer { bins in
            feature.withUnsafeBufferPointer { feature in
                splitBin.withUnsafeBufferPointer { splitBin in
                    firstChild.withUnsafeBufferPointer { firstChild in
                        value.withUnsafeBufferPointer { value in
                            for c in 0..<cellCount {
                                var s = base
                                for root in roots {
                                    var node = root
                                    while feature[node] >= 0 {
                                        let bin = Int(bins[feature[node] * cellCount + c])
                                        node = firstChild[node] + (bin > splitBin[node] ? 1 : 0)
                                    }
                                    s += value[node]
                                }
                                cellScore[c] = s
                            }
                        }
                    }
                }
            }
        }
        return cells.cellOfRow.map { cellScore[$0] }
    }
}
