extension DirectedGraph {
    /// The nodes in an order where every parent comes before its children.
    ///
    /// Kahn's algorithm (1962) with ties broken by declaration order: among the
    /// nodes whose parents are all placed, the one declared first goes next, so a
    /// graph declared in a valid order keeps that order. Throws `GraphError.cycle`
    /// naming one directed cycle, as in "a → b → c → a", starting from its
    /// earliest-declared node. Computed once, when the graph is built.
    public func topologicalOrder() throws -> [Int] {
        switch ordering {
        case .acyclic(let order): return order
        case .cyclic(let cycle): throw GraphError.cycle((cycle + [cycle[0]]).map { names[$0] })
        }
    }

    /// Whether the graph has no directed cycle.
    public var isAcyclic: Bool {
        if case .acyclic = ordering { return true }
        return false
    }

    /// Throws `GraphError.cycle` unless the graph is acyclic; the causal queries start with it.
    func requireAcyclic() throws {
        _ = try topologicalOrder()
    }
}

/// The outcome of topological sorting: an order, or one cycle (indices along the
/// cycle's arrows, without repeating the first).
enum Ordering: Sendable {
    case acyclic([Int])
    case cyclic([Int])

    init(parentOffsets: [Int], childOffsets: [Int], childTargets: [Int], parentTargets: [Int]) {
        let n = parentOffsets.count - 1
        var waiting = (0..<n).map { parentOffsets[$0 + 1] - parentOffsets[$0] }
        var ready = MinHeap(capacity: n)
        for i in 0..<n where waiting[i] == 0 { ready.push(i) }
        var order: [Int] = []
        order.reserveCapacity(n)
        while let node = ready.pop() {
            order.append(node)
            for k in childOffsets[node]..<childOffsets[node + 1] {
                let child = childTargets[k]
                waiting[child] -= 1
                if waiting[child] == 0 { ready.push(child) }
            }
        }
        if order.count == n {
            self = .acyclic(order)
            return
        }
        // Every node left over still waits for a parent that is also left over, so
        // walking from parent to left-over parent must come back on itself.
        var step = [Int](repeating: -1, count: n)
        var walk: [Int] = []
        var node = waiting.firstIndex { $0 > 0 } ?? 0
        while step[node] < 0 {
            step[node] = walk.count
            walk.append(node)
            let parents = parentTargets[parentOffsets[node]..<parentOffsets[node + 1]]
            node = parents.first { waiting[$0] > 0 } ?? node
        }
        // walk[step[node]...] follows arrows backwards; reverse it to follow them forwards.
        let cycle = Array(walk[step[node]...].reversed())
        let start = cycle.indices.min { cycle[$0] < cycle[$1] } ?? 0
        self = .cyclic(Array(cycle[start...] + cycle[..<start]))
    }
}

/// A binary min-heap of node indices, for declaration-order tie-breaking.
struct MinHeap {
    private var items: [Int] = []

    init(capacity: Int) { items.reserveCapacity(capacity) }

    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent] > items[i] else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count && items[l] < items[smallest] { smallest = l }
            if r < items.count && items[r] < items[smallest] { smallest = r }
            if smallest == i { break }
            items.swapAt(i, smallest)
            i = smallest
        }
        return top
    }
}
