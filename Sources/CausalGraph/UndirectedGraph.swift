/// An undirected graph on `0..<count` with adjacency sets: the moral graph in
/// which minimal adjustment sets are found as minimal vertex separators. Memory
/// and the cost of each search are linear in the number of nodes and edges, so
/// a chain or a star of 10⁵ nodes is as cheap as it looks.
struct UndirectedGraph {
    private(set) var neighbours: [Set<Int>]
    let count: Int

    /// The graph on `count` nodes with no edges.
    init(count: Int) {
        self.count = count
        neighbours = [Set<Int>](repeating: [], count: count)
    }

    mutating func connect(_ u: Int, _ v: Int) {
        guard u != v else { return }
        neighbours[u].insert(v)
        neighbours[v].insert(u)
    }

    /// The connected component of `start` in the graph with the nodes marked in `removed` deleted
    /// (`start` itself is always in it).
    func component(of start: Int, avoiding removed: [Bool]) -> [Int] {
        var seen = removed
        seen[start] = true
        var component = [start]
        var next = 0
        while next < component.count {
            let u = component[next]
            next += 1
            for v in neighbours[u] where !seen[v] {
                seen[v] = true
                component.append(v)
            }
        }
        return component
    }

    /// The open neighbourhood N(C) of a set, sorted: nodes outside C adjacent to some node of C.
    func neighbourhood(of set: [Int]) -> [Int] {
        var inSet = [Bool](repeating: false, count: count)
        for u in set { inSet[u] = true }
        var result: Set<Int> = []
        for u in set { for v in neighbours[u] where !inSet[v] { result.insert(v) } }
        return result.sorted()
    }

    /// The graph in which the `forbidden` nodes may never be part of a separator:
    /// each connected region of forbidden nodes is replaced by a clique on its
    /// boundary, and the forbidden nodes are left isolated. A set S of allowed
    /// nodes separates two allowed nodes here exactly when it separates them in
    /// the original graph (a path through forbidden nodes becomes one edge).
    func eliminating(_ forbidden: [Bool]) -> UndirectedGraph {
        var result = UndirectedGraph(count: count)
        for u in 0..<count where !forbidden[u] {
            for v in neighbours[u] where !forbidden[v] { result.neighbours[u].insert(v) }
        }
        let allowed = forbidden.map { !$0 }
        var done = [Bool](repeating: false, count: count)
        for start in 0..<count where forbidden[start] && !done[start] {
            let region = component(of: start, avoiding: allowed)
            for u in region { done[u] = true }
            let boundary = neighbourhood(of: region)
            for (i, u) in boundary.enumerated() {
                for v in boundary[(i + 1)...] { result.connect(u, v) }
            }
        }
        return result
    }

    /// Every minimal a–b separator, sorted: each set S (without a and b) such that
    /// a and b are disconnected once S is deleted, and no proper subset of S does that.
    ///
    /// Kloks & Kratsch (1998), after Berry, Bordat & Cogis (1999): the separator
    /// closest to a is S₀ = N(C_b(N(a))), where C_b(W) is the component of b once
    /// W is deleted; from each separator S and each x ∈ S not adjacent to b, the
    /// set N(C_b(S ∪ N(x))) is again a minimal a–b separator, and every minimal
    /// a–b separator is reached this way. O(|S| · (n + m)) per separator S.
    /// Returns an empty list when a and b are adjacent, `[∅]` when they are not
    /// connected, and nil once more than `limit` separators have been found.
    func minimalSeparators(between a: Int, and b: Int, limit: Int) -> [[Int]]? {
        if neighbours[a].contains(b) { return [] }
        let none = [Bool](repeating: false, count: count)
        if !component(of: b, avoiding: none).contains(a) { return [[]] }
        func separator(removing removed: [Int]) -> [Int] {
            var mask = none
            for u in removed { mask[u] = true }
            return neighbourhood(of: component(of: b, avoiding: mask))
        }
        let first = separator(removing: Array(neighbours[a]))
        var found: Set<[Int]> = [first]
        var queue = [first]
        var next = 0
        while next < queue.count {
            let current = queue[next]
            next += 1
            for x in current where !neighbours[x].contains(b) {
                let candidate = separator(removing: current + Array(neighbours[x]))
                if found.insert(candidate).inserted {
                    if found.count > limit { return nil }
                    queue.append(candidate)
                }
            }
        }
        return queue
    }
}
