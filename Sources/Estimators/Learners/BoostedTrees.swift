import Foundation
import Probability

/// Settings of gradient-boosted regression trees (Friedman 2001, "Greedy function
/// approximation"), with second-order leaf values and an L2 penalty as in XGBoost
/// (Chen & Guestrin 2016) and histogram split finding on quantile bins (as LightGBM).
public struct BoostedTrees: Sendable, Equatable {
    /// Number of trees M.
    public var trees: Int
    /// Shrinkage ν applied to every tree.
    public var learningRate: Double
    /// Maximum depth of a tree (3 gives up to three-way interactions).
    public var maximumDepth: Int
    /// Minimum rows in a leaf.
    public var minimumLeafSize: Int
    /// Quantile bins per feature (2…256): candidate split points.
    public var bins: Int
    /// L2 penalty λ on leaf values: a leaf predicts ν·G/(H + λ).
    public var l2Regularisation: Double

    /// Settings with defaults of common practice (100 trees, ν = 0.1, depth 3, leaves of at
    /// least 20 rows, 32 bins, λ = 1 as XGBoost).
    public init(trees: Int = 100, learningRate: Double = 0.1, maximumDepth: Int = 3, minimumLeafSize: Int = 20,
                bins: Int = 32, l2Regularisation: Double = 1) {
        self.trees = trees
        self.learningRate = learningRate
        self.maximumDepth = maximumDepth
        self.minimumLeafSize = minimumLeafSize
        self.bins = bins
        self.l2Regularisation = l2Regularisation
    }

    /// Throws `invalidOption` for settings out of range.
    func validate() throws {
        let problems = [(trees >= 1, "trees = \(trees) must be at least 1"),
                        (learningRate > 0 && learningRate <= 1, "learning rate \(learningRate) must lie in (0, 1]"),
                        (maximumDepth >= 1, "maximum depth \(maximumDepth) must be at least 1"),
                        (minimumLeafSize >= 1, "minimum leaf size \(minimumLeafSize) must be at least 1"),
                        (bins >= 2 && bins <= 256, "bins = \(bins) must lie in 2…256"),
                        (l2Regularisation >= 0, "L2 penalty \(l2Regularisation) must be non-negative")]
        if let problem = problems.first(where: { !$0.0 }) {
            throw EstimationError.invalidOption(estimator: "boosted trees", detail: problem.1)
        }
    }
}

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

/// Features reduced to quantile bins for split finding: bin b of feature j holds the
/// values in (edge[b − 1], edge[b]].
private struct BinnedFeatures {
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

/// The mutable state of boosting: current scores, gradients, Hessians and the row
/// order that tree building partitions in place.
private final class TreeBuilder {
    let settings: BoostedTrees
    let binned: BinnedFeatures
    let target: [Double]
    let loss: TreeEnsemble.Loss
    var score: [Double]
    var gradient: [Double]
    var hessian: [Double]
    var positions: [Int]
    var histogramG: [Double]
    var histogramH: [Double]
    var histogramCount: [Int]

    init(settings: BoostedTrees, binned: BinnedFeatures, target: [Double], base: Double, loss: TreeEnsemble.Loss) {
        self.settings = settings
        self.binned = binned
        self.target = target
        self.loss = loss
        score = [Double](repeating: base, count: target.count)
        gradient = [Double](repeating: 0, count: target.count)
        hessian = [Double](repeating: 1, count: target.count)
        positions = Array(0..<target.count)
        histogramG = [Double](repeating: 0, count: settings.bins)
        histogramH = [Double](repeating: 0, count: settings.bins)
        histogramCount = [Int](repeating: 0, count: settings.bins)
    }

    /// Gradients and Hessians at the current scores.
    func prepareRound() {
        switch loss {
        case .squared:
            for i in target.indices { gradient[i] = target[i] - score[i] }
        case .logistic:
            for i in target.indices {
                let p = Logistic.value(score[i])
                gradient[i] = target[i] - p
                hessian[i] = p * (1 - p)
            }
        }
    }

    /// Σ gᵢ and Σ hᵢ over all rows.
    func sums() -> (Double, Double) { (gradient.reduce(0, +), hessian.reduce(0, +)) }

    /// Grows the subtree over positions[start..<end], whose gradients and Hessians sum
    /// to G and H; returns its root node.
    func build(into ensemble: inout TreeEnsemble, start: Int, end: Int, depth: Int,
               gradientSum g: Double, hessianSum h: Double) -> Int {
        let lambda = settings.l2Regularisation
        let count = end - start
        let minimum = settings.minimumLeafSize
        var best = (gain: 0.0, feature: -1, bin: -1, leftG: 0.0, leftH: 0.0)
        positions.withUnsafeBufferPointer { positions in
            gradient.withUnsafeBufferPointer { gradient in
                hessian.withUnsafeBufferPointer { hessian in
                    guard depth < settings.maximumDepth && count >= 2 * minimum else { return }
                    let parent = g * g / (h + lambda)
                    histogramG.withUnsafeMutableBufferPointer { sumG in
                        histogramH.withUnsafeMutableBufferPointer { sumH in
                            histogramCount.withUnsafeMutableBufferPointer { counts in
                                for j in binned.bins.indices where !binned.edges[j].isEmpty {
                                    let bins = binned.edges[j].count + 1
                                    for b in 0..<bins {
                                        sumG[b] = 0
                                        sumH[b] = 0
                                        counts[b] = 0
                                    }
                                    binned.bins[j].withUnsafeBufferPointer { column in
                                        if loss == .squared {  // every hᵢ is 1: the count is the Hessian sum
                                            for p in start..<end {
                                                let r = positions[p]
                                                let b = Int(column[r])
                                                sumG[b] += gradient[r]
                                                counts[b] += 1
                                            }
                                            for b in 0..<bins { sumH[b] = Double(counts[b]) }
                                        } else {
                                            for p in start..<end {
                                                let r = positions[p]
                                                let b = Int(column[r])
                                                sumG[b] += gradient[r]
                                                sumH[b] += hessian[r]
                                                counts[b] += 1
                                            }
                                        }
                                    }
                                    var gl = 0.0, hl = 0.0, cl = 0
                                    for b in 0..<(bins - 1) {
                                        gl += sumG[b]
                                        hl += sumH[b]
                                        cl += counts[b]
                                        guard cl >= minimum else { continue }
                                        guard count - cl >= minimum else { break }
                                        let gain = gl * gl / (hl + lambda) + (g - gl) * (g - gl) / (h - hl + lambda) - parent
                                        if gain > best.gain * (1 + 1e-12) + 1e-12 { best = (gain, j, b, gl, hl) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard best.feature >= 0 else {
            let leaf = settings.learningRate * g / (h + lambda)
            positions.withUnsafeBufferPointer { positions in
                score.withUnsafeMutableBufferPointer { score in
                    for p in start..<end { score[positions[p]] += leaf }
                }
            }
            return ensemble.appendNode(feature: -1, threshold: 0, value: leaf)
        }
        // Partition positions[start..<end]: rows in bins ≤ best.bin first.
        var i = start
        binned.bins[best.feature].withUnsafeBufferPointer { column in
            positions.withUnsafeMutableBufferPointer { positions in
                var k = end - 1
                while i <= k {
                    if Int(column[positions[i]]) <= best.bin {
                        i += 1
                    } else {
                        positions.swapAt(i, k)
                        k -= 1
                    }
                }
            }
        }
        let node = ensemble.appendNode(feature: best.feature, threshold: binned.edges[best.feature][best.bin], value: 0)
        let l = build(into: &ensemble, start: start, end: i, depth: depth + 1, gradientSum: best.leftG, hessianSum: best.leftH)
        let r = build(into: &ensemble, start: i, end: end, depth: depth + 1,
                      gradientSum: g - best.leftG, hessianSum: h - best.leftH)
        ensemble.link(node, left: l, right: r)
        return node
    }
}
