/// A fitted gradient-boosted regression ensemble in plain arrays, F(x) = base + Σₘ treeₘ(x):
/// node k is a leaf adding `value[k]` when `feature[k]` is −1; otherwise a row goes to
/// `firstChild[k] + 1` when x[feature[k]] > `threshold[k]`, else to `firstChild[k]`.
/// Children come after their parent. (The split points are the training bins' upper edges,
/// so the arrays predict exactly as the binned ensemble.)
public struct FittedRegressionTrees: Sendable {
    /// F₀, the mean of the training targets.
    public let base: Double
    /// The root node of each tree.
    public let roots: [Int]
    /// The feature each node splits on (−1 at a leaf).
    public let feature: [Int]
    /// The split point of each inner node.
    public let threshold: [Double]
    /// The left child of each inner node (the right child is the next node).
    public let firstChild: [Int]
    /// The value each leaf adds.
    public let value: [Double]
}

extension BoostedTrees {
    /// Fits E[y | x] by boosting with squared loss once for each set of rows in `rowSets`
    /// (for instance all rows and the training part of every fold), sorting each column once
    /// for all the fits. `columns` are the features, each as long as `target`. Throws
    /// `EstimationError` for invalid settings or a row set smaller than two leaves.
    public func fitRegressions(columns: [[Double]], target: [Double], rowSets: [[Int]]) throws -> [FittedRegressionTrees] {
        let features = Features(names: columns.indices.map { "x\($0)" }, columns: columns).sortingColumns()
        return try rowSets.map { rows in
            let ensemble = try TreeEnsemble(settings: self, features: features, target: target, rows: rows, loss: .squared)
            let threshold = ensemble.feature.indices.map { k -> Double in
                let f = ensemble.feature[k], bin = ensemble.splitBin[k]
                guard f >= 0 else { return 0 }
                let edges = ensemble.edges[f]
                return bin < edges.count ? edges[bin] : .greatestFiniteMagnitude
            }
            return FittedRegressionTrees(base: ensemble.base, roots: ensemble.roots, feature: ensemble.feature, threshold: threshold,
                                         firstChild: ensemble.firstChild, value: ensemble.value)
        }
    }
}
