import Probability

/// A fitted ensemble: F(x) = F₀ + Σₘ treeₘ(x). Each round fits a tree to the
/// gradient gᵢ = yᵢ − ŷᵢ and Hessian hᵢ of the loss (squared: hᵢ = 1; logistic on the
/// log-odds scale: ŷᵢ = σ(Fᵢ), hᵢ = ŷᵢ(1 − ŷᵢ)), choosing splits that maximise
/// G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ), with leaves ν·G/(H + λ).
struct TreeEnsemble {
    /// The loss the ensemble minimises.
    enum Loss { case squared, logistic }

    /// F₀: the mean (squared) or the log-odds of the mean (logistic).
    let base: Double
    /// Nodes of every tree, flattened: `feature` is −1 at a leaf; an internal node sends
    /// x to `left` when x[feature] ≤ threshold.
    private(set) var feature: [Int] = []
    private(set) var threshold: [Double] = []
    private(set) var left: [Int] = []
    private(set) var right: [Int] = []
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
        let binned = BinnedFeatures(features, rows: rows, bins: settings.bins)
        let builder = TreeBuilder(settings: settings, binned: binned, target: y, base: base, loss: loss)
        for _ in 0..<settings.trees {
            builder.prepareRound()
            let (g, h) = builder.sums()
            roots.append(builder.build(into: &self, start: 0, end: y.count, depth: 0, gradientSum: g, hessianSum: h))
        }
    }

    /// Appends a node and returns its index.
    mutating func appendNode(feature f: Int, threshold t: Double, value v: Double) -> Int {
        feature.append(f)
        threshold.append(t)
        left.append(-1)
        right.append(-1)
        value.append(v)
        return feature.count - 1
    }

    /// Sets the children of an internal node.
    mutating func link(_ node: Int, left l: Int, right r: Int) {
        left[node] = l
        right[node] = r
    }

    /// F(x) for `rows` of `x` (the raw score; the log-odds for the logistic loss).
    func predict(_ x: Features, rows: [Int]) -> [Double] {
        // Gather the rows into one row-major buffer so that descending a tree reads memory
        // that is already in cache.
        let p = x.columns.count
        var flat = [Double](repeating: 0, count: rows.count * p)
        flat.withUnsafeMutableBufferPointer { flat in
            for j in 0..<p {
                x.columns[j].withUnsafeBufferPointer { column in
                    for (r, i) in rows.enumerated() { flat[r * p + j] = column[i] }
                }
            }
        }
        var out = [Double](repeating: base, count: rows.count)
        flat.withUnsafeBufferPointer { flat in
            feature.withUnsafeBufferPointer { feature in
                threshold.withUnsafeBufferPointer { threshold in
                    left.withUnsafeBufferPointer { left in
                        right.withUnsafeBufferPointer { right in
                            value.withUnsafeBufferPointer { value in
                                for r in 0..<out.count {
                                    let row = r * p
                                    var s = base
                                    for root in roots {
                                        var node = root
                                        while feature[node] >= 0 {
                                            node = flat[row + feature[node]] <= threshold[node] ? left[node] : right[node]
                                        }
                                        s += value[node]
                                    }
                                    out[r] = s
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
