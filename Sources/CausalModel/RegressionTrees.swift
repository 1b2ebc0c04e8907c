/// A fitted ensemble of regression trees, as a model's `trees(x, z)` reads it: the
/// additive prediction F(x) = F₀ + Σₘ treeₘ(x) of gradient boosting (Friedman 2001).
///
/// The nodes of all trees are stored flattened. Node k is a leaf when `feature[k]` is −1
/// and then adds `value[k]`; otherwise it sends a row to `firstChild[k] + 1` when
/// x[feature[k]] > `threshold[k]` and to `firstChild[k]` otherwise (x ≤ threshold, or a
/// missing value).
/// Children come after their parent (`firstChild[k] > k`), so every walk ends at a leaf.
public struct RegressionTrees: Sendable, Equatable {
    /// The names of the inputs, in the order of `feature`'s indices.
    public let inputs: [String]
    /// F₀, the prediction before any tree.
    public let base: Double
    /// The root node of each tree.
    public let roots: [Int]
    /// The input each node splits on (−1 at a leaf).
    public let feature: [Int]
    /// The split point of each node (unused at a leaf).
    public let threshold: [Double]
    /// The left child of each node; the right child is the next node (unused at a leaf).
    public let firstChild: [Int]
    /// The value a leaf adds (unused at an inner node).
    public let value: [Double]

    /// An ensemble, validated so that every walk from a root ends at a leaf: node arrays
    /// of one length, roots and children in range, children after their parent, split
    /// inputs in range, every number finite. Throws `ModelError` naming the first fault.
    public init(inputs: [String], base: Double, roots: [Int], feature: [Int], threshold: [Double], firstChild: [Int],
                value: [Double]) throws {
        let n = feature.count
        guard threshold.count == n, firstChild.count == n, value.count == n else {
            throw ModelError("the node arrays have different lengths (feature \(n), threshold \(threshold.count), "
                + "firstChild \(firstChild.count), value \(value.count))")
        }
        guard base.isFinite else { throw ModelError("the base value is not a finite number") }
        if let bad = roots.first(where: { !(0..<n).contains($0) }) { throw ModelError("root \(bad) is not a node (there are \(n))") }
        for k in 0..<n {
            if feature[k] < 0 {
                guard value[k].isFinite else { throw ModelError("leaf \(k) has a value that is not a finite number") }
                continue
            }
            guard feature[k] < inputs.count else {
                throw ModelError("node \(k) splits on input \(feature[k]), but there are \(inputs.count) inputs")
            }
            guard firstChild[k] > k, firstChild[k] < n - 1 else {
                throw ModelError("node \(k) has its first child at \(firstChild[k]): both children must come after it, among \(n) nodes")
            }
            guard !threshold[k].isNaN else { throw ModelError("node \(k) has a split point that is not a number") }
        }
        self.inputs = inputs
        self.base = base
        self.roots = roots
        self.feature = feature
        self.threshold = threshold
        self.firstChild = firstChild
        self.value = value
    }

    /// F(x) for one row of inputs.
    public func prediction(_ x: [Double]) -> Double {
        var s = base
        for root in roots {
            var node = root
            while feature[node] >= 0 { node = firstChild[node] + (x[feature[node]] > threshold[node] ? 1 : 0) }
            s += value[node]
        }
        return s
    }

    /// F over columns: `out[i]` = F(columns[0][i], columns[1][i], …).
    public func predict(_ columns: [UnsafeBufferPointer<Double>], into out: UnsafeMutableBufferPointer<Double>) {
        feature.withUnsafeBufferPointer { feature in
            threshold.withUnsafeBufferPointer { threshold in
                firstChild.withUnsafeBufferPointer { firstChild in
                    value.withUnsafeBufferPointer { value in
                        for i in out.indices {
                            var s = base
                            for root in roots {
                                var node = root
                                while feature[node] >= 0 {
                                    node = firstChild[node] + (columns[feature[node]][i] > threshold[node] ? 1 : 0)
                                }
                                s += value[node]
                            }
                            out[i] = s
                        }
                    }
                }
            }
        }
    }

    /// The ensemble as the column function of an equation, `trees(x, z)`: its arguments are
    /// the inputs in order. (Column functions compare by name, so two ensembles are equal
    /// expressions; an equation holds at most one.)
    public var columnFunction: ColumnFunction {
        let ensemble = self
        return ColumnFunction(name: Self.functionName) { columns, out in ensemble.predict(columns, into: out) }
    }

    /// The name of the ensemble's function in the model language.
    public static let functionName = "trees"
}
