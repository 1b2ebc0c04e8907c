extension BoostedTrees {
    /// Fits E[y | x] by boosting with squared loss once for each set of rows in `rowSets`
    /// (for instance all rows and the training part of every fold), sorting each column once
    /// for all the fits, and hands each fitted ensemble to `build` as plain arrays:
    /// F(x) = base + Σₘ treeₘ(x) over the trees starting at `roots`; node k is a leaf adding
    /// `value[k]` when `feature[k]` is −1, else a row goes to `firstChild[k] + 1` when
    /// x[feature[k]] > `threshold[k]` and to `firstChild[k]` otherwise (children come after
    /// their parent). The split points are the training bins' upper edges, so the arrays
    /// predict exactly as the binned ensemble. `columns` are the features, each as long as
    /// `target`. Throws `EstimationError` for invalid settings or a row set smaller than two leaves.
    public func fitRegressions<Ensemble>(
        columns: [[Double]], target: [Double], rowSets: [[Int]],
        build: (_ base: Double, _ roots: [Int], _ feature: [Int], _ threshold: [Double], _ firstChild: [Int], _ value: [Double]) throws
            -> Ensemble
    ) throws -> [Ensemble] {
        let features = Features(names: columns.indices.map { "x\($0)" }, columns: columns).sortingColumns()
        return try rowSets.map { rows in
            let ensemble = try TreeEnsemble(settings: self, features: features, target: target, rows: rows, loss: .squared)
            let threshold = ensemble.feature.indices.map { k -> Double in
                let f = ensemble.feature[k], bin = ensemble.splitBin[k]
                guard f >= 0 else { return 0 }
                let edges = ensemble.edges[f]
                return bin < edges.count ? edges[bin] : .greatestFiniteMagnitude
            }
            return try build(ensemble.base, ensemble.roots, ensemble.feature, threshold, ensemble.firstChild, ensemble.value)
        }
    }
}
