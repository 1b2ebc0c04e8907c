/// A directed graph over named nodes, the causal diagram of a model.
///
/// Nodes are numbered `0..<nodeCount` in declaration order and every algorithm
/// works on these indices; names are looked up only at the edges of the API.
/// Parents and children are kept in compressed sparse row form (one offset array
/// and one flat target array per direction), so walking a neighbourhood touches
/// one contiguous buffer.
///
/// A node may be *latent* (unobserved): it takes part in every graphical query
/// (paths, d-separation) but never appears in an adjustment set, an instrument
/// or a listed conditional independence. A latent node with two observed children
/// is a hidden common cause of them.
///
/// Construction checks names (no duplicates, no unknown endpoints, no self-loops).
/// Acyclicity is checked by `topologicalOrder()`, which names a cycle when there
/// is one; the causal queries (d-separation, adjustment) throw the same
/// `GraphError.cycle` on a cyclic graph.
///
///     let g = try DirectedGraph(
///         nodes: ["temperature", "price", "bookings"],
///         edges: [("temperature", "price"), ("temperature", "bookings"), ("price", "bookings")])
///     try g.topologicalOrder()   // [0, 1, 2]
public struct DirectedGraph: Sendable {
    /// Node names, in declaration order; a node's index is its position here.
    public let names: [String]
    /// Whether each node is latent (unobserved), by index.
    public let isLatent: [Bool]

    /// `parentTargets[parentOffsets[i]..<parentOffsets[i + 1]]` are the parents of node i.
    let parentOffsets: [Int]
    let parentTargets: [Int]
    /// `childTargets[childOffsets[i]..<childOffsets[i + 1]]` are the children of node i.
    let childOffsets: [Int]
    let childTargets: [Int]
    let indexByName: [String: Int]
    /// A topological order (smallest index first among ready nodes), or a cycle.
    let ordering: Ordering

    /// A graph from node names in declaration order, directed edges `(from, to)`
    /// and the names of the latent nodes.
    ///
    /// A repeated edge counts once; parents keep the order in which their edges
    /// are first given. Throws `GraphError.duplicateNode`, `.unknownNode` (an edge
    /// endpoint or latent name that is not a node) or `.selfLoop`.
    /// Complexity: O(V + E) expected.
    public init(nodes: [String], edges: [(from: String, to: String)], latent: Set<String> = []) throws {
        var indexByName: [String: Int] = [:]
        indexByName.reserveCapacity(nodes.count)
        for (i, name) in nodes.enumerated() where indexByName.updateValue(i, forKey: name) != nil {
            throw GraphError.duplicateNode(name: name)
        }
        var pairs: [(from: Int, to: Int)] = []
        pairs.reserveCapacity(edges.count)
        for (from, to) in edges {
            let place = "edge \(from) → \(to)"
            guard let f = indexByName[from] else { throw GraphError.unknownNode(name: from, place: place) }
            guard let t = indexByName[to] else { throw GraphError.unknownNode(name: to, place: place) }
            guard f != t else { throw GraphError.selfLoop(name: from) }
            pairs.append((f, t))
        }
        var isLatent = [Bool](repeating: false, count: nodes.count)
        for name in latent.sorted() {
            guard let i = indexByName[name] else { throw GraphError.unknownNode(name: name, place: "the latent variables") }
            isLatent[i] = true
        }
        self.init(names: nodes, isLatent: isLatent, indexByName: indexByName, edges: pairs)
    }

    /// Builds the adjacency from validated index pairs, dropping repeats.
    init(names: [String], isLatent: [Bool], indexByName: [String: Int], edges: [(from: Int, to: Int)]) {
        let n = names.count
        var seen = Set<Int64>()
        seen.reserveCapacity(edges.count)
        let unique = edges.filter { seen.insert(Int64($0.from) * Int64(n) + Int64($0.to)).inserted }
        (parentOffsets, parentTargets) = Self.compressedRows(count: n, unique.map { ($0.to, $0.from) })
        (childOffsets, childTargets) = Self.compressedRows(count: n, unique.map { ($0.from, $0.to) })
        self.names = names
        self.isLatent = isLatent
        self.indexByName = indexByName
        ordering = Ordering(parentOffsets: parentOffsets, childOffsets: childOffsets, childTargets: childTargets,
                            parentTargets: parentTargets)
    }

    /// Offsets and targets of the rows of `pairs` (row, target), keeping input order within a row.
    private static func compressedRows(count n: Int, _ pairs: [(Int, Int)]) -> ([Int], [Int]) {
        var offsets = [Int](repeating: 0, count: n + 1)
        for (row, _) in pairs { offsets[row + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var targets = [Int](repeating: 0, count: pairs.count)
        for (row, target) in pairs {
            targets[fill[row]] = target
            fill[row] += 1
        }
        return (offsets, targets)
    }

    /// The number of nodes.
    public var nodeCount: Int { names.count }

    /// The number of distinct edges.
    public var edgeCount: Int { parentTargets.count }

    /// The index of the node called `name`, or nil.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The indices of the named nodes; throws `GraphError.unknownNode` naming
    /// `place` (for example "treatment") when a name is not a node.
    public func indices(of names: some Sequence<String>, place: String) throws -> Set<Int> {
        var result = Set<Int>()
        for name in names {
            result.insert(try node(name, place: place))
        }
        return result
    }

    /// The names of the nodes at `indices`.
    public func names(of indices: some Sequence<Int>) -> Set<String> {
        Set(indices.map { names[$0] })
    }

    /// The parents of node `i`, in the order their edges were first given.
    public func parents(of i: Int) -> ArraySlice<Int> { parentTargets[parentOffsets[i]..<parentOffsets[i + 1]] }

    /// The children of node `i`, in the order their edges were first given.
    public func children(of i: Int) -> ArraySlice<Int> { childTargets[childOffsets[i]..<childOffsets[i + 1]] }

    /// Whether there is an edge `from → to`.
    public func hasEdge(from: Int, to: Int) -> Bool { children(of: from).contains(to) }

    /// Every edge as `(from, to)` indices, grouped by child in index order,
    /// each child's parents in the order given.
    public var edges: [(from: Int, to: Int)] {
        (0..<nodeCount).flatMap { child in parents(of: child).map { (from: $0, to: child) } }
    }

    /// The latent nodes' indices.
    public var latentNodes: Set<Int> { Set(isLatent.indices.filter { isLatent[$0] }) }
}

extension DirectedGraph: Equatable {
    /// Two graphs are equal when they have the same names in the same order, the
    /// same latent flags and the same parents, in the same order.
    public static func == (a: DirectedGraph, b: DirectedGraph) -> Bool {
        a.names == b.names && a.isLatent == b.isLatent
            && a.parentOffsets == b.parentOffsets && a.parentTargets == b.parentTargets
    }
}
