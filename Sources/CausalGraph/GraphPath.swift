/// A path in a graph: distinct nodes, each adjacent to the next, arrows in
/// either direction.
public struct GraphPath: Hashable, Sendable {
    /// The nodes, from the first end to the other.
    public let nodes: [Int]
    /// `pointsForward[k]` is true when the arrow between `nodes[k]` and
    /// `nodes[k + 1]` points from `nodes[k]` to `nodes[k + 1]`.
    public let pointsForward: [Bool]

    /// Whether the interior node `nodes[k]` (0 < k < count − 1) is a collider,
    /// with both arrows pointing into it (→ nodes[k] ←).
    public func isCollider(at k: Int) -> Bool { pointsForward[k - 1] && !pointsForward[k] }
}

extension DirectedGraph {
    /// Every directed path X → … → Y, in depth-first order (children in the
    /// order of their edges). Only ancestors of Y are explored, so every branch
    /// ends in a path: O(paths × V). Throws `GraphError.searchTooLarge` past
    /// `limit` paths and `.cycle` on a cyclic graph.
    public func directedPaths(from x: Int, to y: Int, limit: Int = 10_000) throws -> [GraphPath] {
        try requireAcyclic()
        let leadsToY = ancestorMask(ofAndIncluding: [y])
        var search = PathSearch(graph: self, target: y, limit: limit, kind: "directed paths")
        try search.extend(from: x) { v in
            self.children(of: v).filter { leadsToY[$0] }.map { ($0, true) }
        }
        return search.found
    }

    /// Every back-door path between X and Y: each path that starts with an arrow
    /// into X (X ← …), whatever the directions further on (Pearl 2009, §3.3.1).
    /// A step is taken only when Y can still be reached without revisiting the
    /// path, so every branch ends in a path: O(paths × V × (V + E)). Throws
    /// `GraphError.searchTooLarge` past `limit` paths and `.cycle` on a cyclic graph.
    public func backDoorPaths(from x: Int, to y: Int, limit: Int = 10_000) throws -> [GraphPath] {
        try requireAcyclic()
        var search = PathSearch(graph: self, target: y, limit: limit, kind: "back-door paths")
        try search.extend(from: x) { v in
            v == x ? self.parents(of: x).map { ($0, false) }
                : self.parents(of: v).map { ($0, false) } + self.children(of: v).map { ($0, true) }
        }
        return search.found
    }

    /// Whether Z blocks the path: some interior non-collider is in Z, or some
    /// collider is neither in Z nor an ancestor of a node of Z (Pearl 2009, Definition 1.2.3).
    public func isBlocked(_ path: GraphPath, by z: Set<Int>) -> Bool {
        let opensColliders = ancestorMask(ofAndIncluding: z)
        return path.nodes.indices.dropFirst().dropLast().contains { k in
            path.isCollider(at: k) ? !opensColliders[path.nodes[k]] : z.contains(path.nodes[k])
        }
    }

    /// The path written with arrows, as in "price ← temperature → bookings".
    public func describe(_ path: GraphPath) -> String {
        var text = names[path.nodes[0]]
        for k in path.pointsForward.indices {
            text += (path.pointsForward[k] ? " → " : " ← ") + names[path.nodes[k + 1]]
        }
        return text
    }

    /// `directedPaths` between named variables.
    public func directedPaths(from x: String, to y: String, limit: Int = 10_000) throws -> [GraphPath] {
        try directedPaths(from: node(x, place: "a path query"), to: node(y, place: "a path query"), limit: limit)
    }

    /// `backDoorPaths` between named variables.
    public func backDoorPaths(from x: String, to y: String, limit: Int = 10_000) throws -> [GraphPath] {
        try backDoorPaths(from: node(x, place: "a path query"), to: node(y, place: "a path query"), limit: limit)
    }

    /// `isBlocked` with a set of names.
    public func isBlocked(_ path: GraphPath, by names: Set<String>) throws -> Bool {
        isBlocked(path, by: try indices(of: names, place: "the blocking set"))
    }
}

/// Depth-first enumeration of simple paths to a target, pruned so that every
/// branch explored can still reach the target without revisiting the path.
private struct PathSearch {
    let graph: DirectedGraph
    let target: Int
    let limit: Int
    let kind: String
    var found: [GraphPath] = []
    private var nodes: [Int] = []
    private var forward: [Bool] = []
    private var onPath: [Bool]

    init(graph: DirectedGraph, target: Int, limit: Int, kind: String) {
        self.graph = graph
        self.target = target
        self.limit = limit
        self.kind = kind
        onPath = [Bool](repeating: false, count: graph.nodeCount)
    }

    /// Extends the current path from `start` with the steps `next(v)` offers,
    /// as (neighbour, whether the arrow points to the neighbour).
    mutating func extend(from start: Int, _ next: (Int) -> [(Int, Bool)]) throws {
        nodes = [start]
        onPath[start] = true
        try grow(next)
    }

    private mutating func grow(_ next: (Int) -> [(Int, Bool)]) throws {
        let last = nodes[nodes.count - 1]
        if last == target && nodes.count > 1 {
            guard found.count < limit else {
                throw GraphError.searchTooLarge(
                    "more than \(limit) \(kind) from '\(graph.names[nodes[0]])' to '\(graph.names[target])'")
            }
            found.append(GraphPath(nodes: nodes, pointsForward: forward))
            return
        }
        for (v, pointsForward) in next(last) where !onPath[v] && canReachTarget(from: v) {
            nodes.append(v)
            forward.append(pointsForward)
            onPath[v] = true
            try grow(next)
            onPath[v] = false
            nodes.removeLast()
            forward.removeLast()
        }
    }

    /// Whether the target is reachable from v in the skeleton without touching the path.
    private func canReachTarget(from v: Int) -> Bool {
        var seen = onPath
        seen[v] = true
        var stack = [v]
        while let u = stack.popLast() {
            if u == target { return true }
            for w in graph.parents(of: u) where !seen[w] { seen[w] = true; stack.append(w) }
            for w in graph.children(of: u) where !seen[w] { seen[w] = true; stack.append(w) }
        }
        return false
    }
}
