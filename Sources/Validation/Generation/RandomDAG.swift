import Probability

/// A random directed acyclic graph over nodes 0 … n−1: each node's parents, and the
/// causal order the graph was drawn in (every arrow goes from earlier to later in it).
public struct RandomDAG: Hashable, Sendable {
    /// The parents of each node, in increasing order.
    public let parents: [[Int]]
    /// A topological order (a random permutation: node numbers carry no order information).
    public let causalOrder: [Int]

    /// The number of nodes.
    public var nodeCount: Int { parents.count }
    /// The number of arrows.
    public var edgeCount: Int { parents.reduce(0) { $0 + $1.count } }

    /// The children of each node, in increasing order.
    public var children: [[Int]] {
        var out = [[Int]](repeating: [], count: parents.count)
        for (j, ps) in parents.enumerated() { for i in ps { out[i].append(j) } }
        return out.map { $0.sorted() }
    }

    /// A graph of `family` with `nodes` nodes and `expectedDegree` neighbours per node on
    /// average (see `RandomModelSpecification.GraphFamily`), drawn from `stream`.
    public init(_ family: RandomModelSpecification.GraphFamily, nodes n: Int, expectedDegree d: Double, stream: RandomStream) {
        var order = Array(0..<n)
        stream.shuffle(&order)
        var parents = [[Int]](repeating: [], count: n)
        switch family {
        case .erdosRenyi:
            let p = n > 1 ? min(1, d / Double(n - 1)) : 0
            for b in 0..<n {
                for a in 0..<b where stream.uniform() < p { parents[order[b]].append(order[a]) }
            }
        case .scaleFree:
            let m = max(1, Int(min(d / 2, Double(n)).rounded()))
            var degree = [Double](repeating: 0, count: n)
            for t in 1..<max(1, n) {
                var candidates = Array(order[0..<t])
                for _ in 0..<min(m, t) {
                    let total = candidates.reduce(0) { $0 + degree[$1] + 1 }
                    var u = stream.uniform() * total
                    var pick = candidates.count - 1
                    for (k, c) in candidates.enumerated() {
                        u -= degree[c] + 1
                        if u < 0 { pick = k; break }
                    }
                    let parent = candidates.remove(at: pick)
                    parents[order[t]].append(parent)
                    degree[parent] += 1
                    degree[order[t]] += 1
                }
            }
        }
        self.parents = parents.map { $0.sorted() }
        causalOrder = order
    }
}
