/// Answers d-separation queries on one acyclic graph, reusing its scratch space.
///
/// The "reachable" algorithm of Koller & Friedman (2009, Algorithm 3.1), the
/// linear-time form of Shachter's (1998) Bayes-ball: first mark the ancestors
/// of Z (Z included); then search over (node, direction) pairs from X, where
/// "up" means the trail arrived from a child and "down" from a parent:
///
/// - (v, up), v ∉ Z: continue up to every parent and down to every child;
/// - (v, down), v ∉ Z: continue down to every child (a chain or fork through v);
/// - (v, down), v an ancestor of Z: continue up to every parent (an active
///   v-structure: v is a collider with itself or a descendant in Z).
///
/// Every node reached, outside Z, is d-connected to X given Z; X and Y are
/// d-separated given Z when no node of Y is reached. Each (node, direction) is
/// visited once, so a query costs O(V + E) at worst and usually far less: the
/// marks are stamped with a query number instead of being cleared, so a query
/// only touches the part of the graph it explores.
///
///     var oracle = try DSeparation(graph)
///     oracle.isSeparated([x], [y], given: [z1, z2])
public struct DSeparation: Sendable {
    /// The graph being queried.
    public let graph: DirectedGraph
    private var query: UInt32 = 0
    private var inZ: [UInt32]
    private var ancestorOfZ: [UInt32]
    private var inY: [UInt32]
    /// Visit marks: `visited[2 * v]` arriving upwards, `visited[2 * v + 1]` downwards.
    private var visited: [UInt32]
    private var stack: [Int] = []

    /// A query engine for `graph`; throws `GraphError.cycle` when the graph is cyclic.
    public init(_ graph: DirectedGraph) throws {
        try graph.requireAcyclic()
        self.graph = graph
        let n = graph.nodeCount
        inZ = [UInt32](repeating: 0, count: n)
        ancestorOfZ = inZ
        inY = inZ
        visited = [UInt32](repeating: 0, count: 2 * n)
    }

    /// Whether every trail between X and Y is blocked by Z (X ⊥ Y | Z in the graph).
    ///
    /// X, Y and Z are node indices and should be pairwise disjoint (the name-based
    /// `DirectedGraph.isDSeparated` checks this). Stops as soon as Y is reached.
    public mutating func isSeparated(_ x: some Sequence<Int>, _ y: some Sequence<Int>, given z: some Sequence<Int>) -> Bool {
        begin(given: z)
        for v in y { inY[v] = query }
        return !search(from: x, stopAtY: true)
    }

    /// The nodes d-connected to X given Z: every node outside Z (and outside X)
    /// joined to some node of X by a trail that Z does not block, in index order.
    public mutating func reachable(from x: some Sequence<Int>, given z: some Sequence<Int>) -> [Int] {
        begin(given: z)
        let start = Array(x)
        _ = search(from: start, stopAtY: false)
        var isStart = [Bool](repeating: false, count: graph.nodeCount)
        for v in start { isStart[v] = true }
        return (0..<graph.nodeCount).filter { v in
            !isStart[v] && inZ[v] != query && (visited[2 * v] == query || visited[2 * v + 1] == query)
        }
    }

    /// Starts a new query: a fresh stamp, Z marked, and the ancestors of Z (Z included) marked.
    private mutating func begin(given z: some Sequence<Int>) {
        if query == UInt32.max {
            for i in inZ.indices { inZ[i] = 0; ancestorOfZ[i] = 0; inY[i] = 0 }
            for i in visited.indices { visited[i] = 0 }
            query = 0
        }
        query += 1
        stack.removeAll(keepingCapacity: true)
        for v in z where inZ[v] != query {
            inZ[v] = query
            ancestorOfZ[v] = query
            stack.append(v)
        }
        let offsets = graph.parentOffsets, parents = graph.parentTargets
        while let v = stack.popLast() {
            for k in offsets[v]..<offsets[v + 1] where ancestorOfZ[parents[k]] != query {
                ancestorOfZ[parents[k]] = query
                stack.append(parents[k])
            }
        }
    }

    /// Phase two of the reachable algorithm; returns true when `stopAtY` and a node of Y is reached.
    private mutating func search(from x: some Sequence<Int>, stopAtY: Bool) -> Bool {
        let parentOffsets = graph.parentOffsets, parents = graph.parentTargets
        let childOffsets = graph.childOffsets, children = graph.childTargets
        stack.removeAll(keepingCapacity: true)
        for v in x { stack.append(2 * v) }
        while let entry = stack.popLast() {
            guard visited[entry] != query else { continue }
            visited[entry] = query
            let v = entry >> 1, arrivedUp = entry & 1 == 0
            let blocked = inZ[v] == query
            if !blocked && stopAtY && inY[v] == query { return true }
            if arrivedUp {
                guard !blocked else { continue }
                for k in parentOffsets[v]..<parentOffsets[v + 1] where visited[2 * parents[k]] != query {
                    stack.append(2 * parents[k])
                }
                for k in childOffsets[v]..<childOffsets[v + 1] where visited[2 * children[k] + 1] != query {
                    stack.append(2 * children[k] + 1)
                }
            } else {
                if !blocked {
                    for k in childOffsets[v]..<childOffsets[v + 1] where visited[2 * children[k] + 1] != query {
                        stack.append(2 * children[k] + 1)
                    }
                }
                if ancestorOfZ[v] == query {
                    for k in parentOffsets[v]..<parentOffsets[v + 1] where visited[2 * parents[k]] != query {
                        stack.append(2 * parents[k])
                    }
                }
            }
        }
        return false
    }
}

extension DirectedGraph {
    /// Whether the named sets X and Y are d-separated given Z (Pearl 1988): every
    /// trail between them has a non-collider in Z or a collider that is neither in
    /// Z nor an ancestor of Z. Computed by the linear-time reachable algorithm
    /// (see `DSeparation`); for many queries on one graph, keep a `DSeparation`.
    ///
    /// Throws `GraphError.unknownNode`, `.invalidQuery` when X, Y and Z are
    /// not pairwise disjoint or X or Y is empty, and `.cycle` on a cyclic graph.
    public func isDSeparated(_ x: Set<String>, _ y: Set<String>, given z: Set<String> = []) throws -> Bool {
        let xs = try indices(of: x, place: "the first set of a d-separation query")
        let ys = try indices(of: y, place: "the second set of a d-separation query")
        let zs = try indices(of: z, place: "the conditioning set of a d-separation query")
        try requireDisjoint([("first set", xs), ("second set", ys), ("conditioning set", zs)])
        guard !xs.isEmpty, !ys.isEmpty else {
            throw GraphError.invalidQuery("a d-separation query needs two non-empty sets of variables")
        }
        var oracle = try DSeparation(self)
        return oracle.isSeparated(xs, ys, given: zs)
    }

    /// Throws `GraphError.invalidQuery` naming the first two roles that share a node.
    func requireDisjoint(_ sets: [(role: String, nodes: Set<Int>)]) throws {
        for i in sets.indices {
            for j in sets.indices where j > i {
                if let shared = sets[i].nodes.intersection(sets[j].nodes).min() {
                    throw GraphError.invalidQuery(
                        "variable '\(names[shared])' is in both the \(sets[i].role) and the \(sets[j].role)")
                }
            }
        }
    }
}
