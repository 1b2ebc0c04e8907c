/// An undirected graph on `0..<count` with bit-set neighbourhoods: the moral
/// graph in which minimal adjustment sets are found as minimal vertex separators.
struct UndirectedGraph {
    private(set) var neighbours: [NodeBitSet]
    let count: Int

    /// The graph on `count` nodes with no edges.
    init(count: Int) {
        self.count = count
        neighbours = [NodeBitSet](repeating: NodeBitSet(capacity: count), count: count)
    }

    mutating func connect(_ u: Int, _ v: Int) {
        guard u != v else { return }
        neighbours[u].insert(v)
        neighbours[v].insert(u)
    }

    /// The connected component of `start` in the graph with the `removed` nodes deleted.
    func component(of start: Int, avoiding removed: NodeBitSet) -> NodeBitSet {
        var seen = removed
        var component = NodeBitSet(capacity: count)
        seen.insert(start)
        component.insert(start)
        var stack = [start]
        while let u = stack.popLast() {
            for k in seen.words.indices {
                var fresh = neighbours[u].words[k] & ~seen.words[k]
                seen.words[k] |= fresh
                component.words[k] |= fresh
                while fresh != 0 {
                    stack.append(k * 64 + fresh.trailingZeroBitCount)
                    fresh &= fresh - 1
                }
            }
        }
        return component
    }

    /// The open neighbourhood N(C) of a set: nodes outside C adjacent to some node of C.
    func neighbourhood(of set: NodeBitSet) -> NodeBitSet {
        var result = NodeBitSet(capacity: count)
        for u in set.members { result.formUnion(neighbours[u]) }
        for k in result.words.indices { result.words[k] &= ~set.words[k] }
        return result
    }

    /// The graph in which the `forbidden` nodes may never be part of a separator:
    /// each connected region of forbidden nodes is replaced by a clique on its
    /// boundary, and the forbidden nodes are left isolated. A set S of allowed
    /// nodes separates two allowed nodes here exactly when it separates them in
    /// the original graph (a path through forbidden nodes becomes one edge).
    func eliminating(_ forbidden: NodeBitSet) -> UndirectedGraph {
        var result = self
        var allowed = NodeBitSet(capacity: count)
        for u in 0..<count where !forbidden.contains(u) { allowed.insert(u) }
        var done = NodeBitSet(capacity: count)
        for start in forbidden.members where !done.contains(start) {
            let region = component(of: start, avoiding: allowed)
            done.formUnion(region)
            let boundary = neighbourhood(of: region)
            for u in boundary.members { result.neighbours[u].formUnion(boundary) }
        }
        for u in 0..<count {
            if forbidden.contains(u) {
                result.neighbours[u] = NodeBitSet(capacity: count)
            } else {
                for k in allowed.words.indices { result.neighbours[u].words[k] &= allowed.words[k] }
                result.neighbours[u].remove(u)
            }
        }
        return result
    }

    /// Every minimal a–b separator: each set S (without a and b) such that a and b
    /// are disconnected once S is deleted, and no proper subset of S does that.
    ///
    /// Kloks & Kratsch (1998), after Berry, Bordat & Cogis (1999): the separator
    /// closest to a is S₀ = N(C_b(N(a))), where C_b(W) is the component of b once
    /// W is deleted; from each separator S and each x ∈ S not adjacent to b, the
    /// set N(C_b(S ∪ N(x))) is again a minimal a–b separator, and every minimal
    /// a–b separator is reached this way. O(n³) per separator with bit sets.
    /// Returns an empty list when a and b are adjacent, `[∅]` when they are not
    /// connected, and nil once more than `limit` separators have been found.
    func minimalSeparators(between a: Int, and b: Int, limit: Int) -> [NodeBitSet]? {
        if neighbours[a].contains(b) { return [] }
        let none = NodeBitSet(capacity: count)
        if !component(of: b, avoiding: none).contains(a) { return [none] }
        let first = neighbourhood(of: component(of: b, avoiding: neighbours[a]))
        var found: Set<NodeBitSet> = [first]
        var queue = [first]
        var next = 0
        while next < queue.count {
            let separator = queue[next]
            next += 1
            for x in separator.members where !neighbours[x].contains(b) {
                var removed = separator
                removed.formUnion(neighbours[x])
                let candidate = neighbourhood(of: component(of: b, avoiding: removed))
                if found.insert(candidate).inserted {
                    if found.count > limit { return nil }
                    queue.append(candidate)
                }
            }
        }
        return queue
    }
}
