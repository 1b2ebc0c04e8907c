@testable import CausalGraph

/// SplitMix64 (Steele, Lea & Flood 2014), a tiny deterministic generator for the tests.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability p.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// A random DAG: `n` nodes named v0…, each forward pair of a hidden random order
/// joined with probability `density`, so that index order is not topological;
/// each node latent with probability `latentShare`.
struct RandomDAG {
    let names: [String]
    let edges: [(Int, Int)]
    let latent: Set<Int>

    init(nodes n: Int, density: Double, latentShare: Double = 0, random: inout TestRandom) {
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, random.below(i + 1)) }
        var edges: [(Int, Int)] = []
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) where random.chance(density) { edges.append((order[i], order[j])) }
        }
        names = (0..<n).map { "v\($0)" }
        self.edges = edges
        latent = Set((0..<n).filter { _ in random.chance(latentShare) })
    }

    func graph() throws -> DirectedGraph {
        try DirectedGraph(nodes: names, edges: edges.map { (names[$0.0], names[$0.1]) },
                          latent: Set(latent.map { names[$0] }))
    }
}

/// The textbook definitions by brute force over every simple path, written apart
/// from the library: the oracle the fast algorithms are checked against.
struct PathOracle {
    let n: Int
    let edges: Set<[Int]>
    let latent: Set<Int>

    init(_ dag: RandomDAG) {
        n = dag.names.count
        edges = Set(dag.edges.map { [$0.0, $0.1] })
        latent = dag.latent
    }

    init(_ graph: DirectedGraph) {
        n = graph.nodeCount
        edges = Set(graph.edges.map { [$0.from, $0.to] })
        latent = graph.latentNodes
    }

    func arrow(_ a: Int, _ b: Int) -> Bool { edges.contains([a, b]) }

    func adjacent(_ a: Int, _ b: Int) -> Bool { arrow(a, b) || arrow(b, a) }

    /// v and everything reachable from it along arrows.
    func descendantsAndSelf(_ v: Int) -> Set<Int> {
        var seen: Set<Int> = [v]
        var frontier = [v]
        while let u = frontier.popLast() {
            for w in 0..<n where arrow(u, w) && seen.insert(w).inserted { frontier.append(w) }
        }
        return seen
    }

    /// Every simple path from a to b in the skeleton, as node lists.
    func paths(from a: Int, to b: Int) -> [[Int]] {
        var result: [[Int]] = []
        func extend(_ path: [Int]) {
            let last = path[path.count - 1]
            if last == b { result.append(path); return }
            for w in 0..<n where adjacent(last, w) && !path.contains(w) { extend(path + [w]) }
        }
        extend([a])
        return result
    }

    /// Whether a path is open given Z: each non-collider outside Z, each collider
    /// in Z or with a descendant in Z.
    func isOpen(_ path: [Int], given z: Set<Int>) -> Bool {
        for k in path.indices.dropFirst().dropLast() {
            let collider = arrow(path[k - 1], path[k]) && arrow(path[k + 1], path[k])
            if collider {
                if descendantsAndSelf(path[k]).isDisjoint(with: z) { return false }
            } else if z.contains(path[k]) {
                return false
            }
        }
        return true
    }

    func dSeparated(_ x: Set<Int>, _ y: Set<Int>, given z: Set<Int>) -> Bool {
        for a in x {
            for b in y where paths(from: a, to: b).contains(where: { isOpen($0, given: z) }) { return false }
        }
        return true
    }

    /// Pearl's back-door criterion, read off its definition: Z observed, no
    /// descendant of X in Z, every path from X to Y that starts with an arrow
    /// into X blocked.
    func satisfiesBackDoor(_ x: Int, _ y: Int, _ z: Set<Int>) -> Bool {
        backDoorCheck(x, y)(z)
    }

    /// `satisfiesBackDoor` for one pair, with the paths found once and reused for every Z.
    func backDoorCheck(_ x: Int, _ y: Int) -> (Set<Int>) -> Bool {
        let backDoorPaths = paths(from: x, to: y).filter { arrow($0[1], x) }
        let forbidden = latent.union(descendantsAndSelf(x))
        return { z in z.isDisjoint(with: forbidden) && !backDoorPaths.contains { isOpen($0, given: z) } }
    }

    /// Every subset of `pool`, as sets.
    static func subsets(of pool: [Int]) -> [Set<Int>] {
        (0..<(1 << pool.count)).map { mask in Set(pool.indices.filter { mask & (1 << $0) != 0 }.map { pool[$0] }) }
    }

    /// The inclusion-minimal members of `family` (no proper subset in the family).
    static func minimal(_ family: [Set<Int>]) -> Set<[Int]> {
        Set(family.filter { s in !family.contains { $0.count < s.count && $0.isSubset(of: s) } }.map { $0.sorted() })
    }
}

extension PathOracle {
    /// The same nodes with the arrows out of `nodes` deleted.
    func removingArrows(outOf nodes: Set<Int>) -> PathOracle {
        PathOracle(n: n, edges: edges.filter { !nodes.contains($0[0]) }, latent: latent)
    }

    init(n: Int, edges: Set<[Int]>, latent: Set<Int>) {
        self.n = n
        self.edges = edges
        self.latent = latent
    }

    /// Whether a path follows the arrows from its first node to its last.
    func isDirected(_ path: [Int]) -> Bool {
        path.indices.dropLast().allSatisfy { arrow(path[$0], path[$0 + 1]) }
    }

    /// Pearl's front-door criterion read off Definition 3.3.3, path by path for
    /// (i) and (ii); (iii) as Z ⊥ Y | X with the arrows out of Z deleted.
    func satisfiesFrontDoor(_ x: Int, _ y: Int, _ z: Set<Int>) -> Bool {
        guard z.isDisjoint(with: latent) else { return false }
        let all = paths(from: x, to: y)
        let intercepts = all.filter(isDirected).allSatisfy { !z.isDisjoint(with: $0) }
        let noBackDoorToZ = z.allSatisfy { m in
            !paths(from: x, to: m).contains { arrow($0[1], x) && isOpen($0, given: []) }
        }
        return intercepts && noBackDoorToZ && (z.isEmpty || removingArrows(outOf: z).dSeparated(z, [y], given: [x]))
    }
}
