import CausalGraph
import Foundation
import WhatIf

/// d-separation and adjustment-set queries on random DAGs, with networkx's
/// `is_d_separator` on the same graph and queries as the peer.
///
///     swift run -c release WhatIfBenchmarks graph
struct GraphBenchmarks: BenchmarkSuite {
    let name = "graph"

    /// Nodes of the d-separation graph.
    static let nodes = 1_000
    /// Parents drawn for each node (fewer for the first few).
    static let parentsPerNode = 3
    /// Queries per timed run.
    static let queries = 10_000
    /// Queries given to networkx (about 3.6 ms each there).
    static let peerQueries = 1_000

    func run(quick: Bool) throws {
        let random = RandomStream(seed: 2024, path: [0x6772_6170_68])   // "graph"
        let dag = Self.randomDAG(nodes: Self.nodes, parentsPerNode: Self.parentsPerNode, random: random)
        let graph = try DirectedGraph(nodes: dag.names, edges: dag.edges.map { (dag.names[$0.0], dag.names[$0.1]) })
        let repetitions = quick ? 3 : 9
        // Random queries are nearly all d-connected (the search stops at Y); conditioning
        // on X's parents and asking about a non-descendant is always separated (the
        // search exhausts everything reachable), so both ends are timed.
        let workloads = [
            ("random Z of 1–4 nodes", Self.randomQueries(count: Self.queries, nodes: Self.nodes, random: random)),
            ("Z = parents of X, Y a non-descendant", Self.separatedQueries(count: Self.queries, graph: graph, random: random)),
        ]
        print("\(Self.nodes)-node random DAG, \(graph.edgeCount) edges, \(Self.queries) queries per workload "
              + "(single X and Y); median of \(repetitions) runs; networkx on the first \(Self.peerQueries), once")
        var rows: [[String]] = []
        for (workload, queries) in workloads {
            var engine = try DSeparation(graph)
            var separated = 0
            let engineSeconds = Stopwatch.median(repetitions: repetitions) {
                separated = 0
                for q in queries where engine.isSeparated([q.x], [q.y], given: q.z) { separated += 1 }
            }
            let named = queries.map { (Set([dag.names[$0.x]]), Set([dag.names[$0.y]]), Set($0.z.map { dag.names[$0] })) }
            var namedSeparated = 0
            let namedSeconds = try Stopwatch.median(repetitions: repetitions) {
                namedSeparated = 0
                for (x, y, z) in named where try graph.isDSeparated(x, y, given: z) { namedSeparated += 1 }
            }
            guard namedSeparated == separated else { throw BenchmarkFailure("the two query paths disagree") }
            let count = Double(queries.count)
            rows.append([workload, "reused DSeparation", String(format: "%.4f", engineSeconds),
                         String(format: "%.2f", engineSeconds / count * 1e6), "\(separated)/\(queries.count)"])
            rows.append([workload, "isDSeparated by name", String(format: "%.4f", namedSeconds),
                         String(format: "%.2f", namedSeconds / count * 1e6), "\(namedSeparated)/\(queries.count)"])
            let sample = Array(queries.prefix(Self.peerQueries))
            if let peer = Self.networkx(dag: dag, queries: sample) {
                rows.append([workload, "networkx is_d_separator", "",
                             String(format: "%.2f", peer.seconds / Double(sample.count) * 1e6),
                             "\(peer.separated)/\(sample.count)"])
            } else {
                rows.append([workload, "networkx is_d_separator", "unavailable", "", ""])
            }
        }
        printTable(["workload", "how", "total s", "µs/query", "separated"], rows)
        print("")
        try adjustmentSets(random: random, repetitions: repetitions)
    }

    /// Minimal back-door sets for random treatment–outcome pairs (outcome downstream of treatment).
    private func adjustmentSets(random: RandomStream, repetitions: Int) throws {
        var rows: [[String]] = []
        for (nodes, parents) in [(50, 2), (200, 2)] {
            let dag = Self.randomDAG(nodes: nodes, parentsPerNode: parents, random: random)
            let graph = try DirectedGraph(nodes: dag.names, edges: dag.edges.map { (dag.names[$0.0], dag.names[$0.1]) })
            var pairs: [(Int, Int)] = []
            while pairs.count < 100 {
                let x = random.uniformInt(below: nodes)
                let downstream = graph.descendants(of: [x]).sorted()
                if !downstream.isEmpty { pairs.append((x, downstream[random.uniformInt(below: downstream.count)])) }
            }
            var sets = 0, largest = 0
            let seconds = try Stopwatch.median(repetitions: repetitions) {
                sets = 0
                largest = 0
                for (x, y) in pairs {
                    let found = try graph.minimalBackDoorSets(treatment: x, outcome: y, limit: 1_000_000)
                    sets += found.count
                    largest = max(largest, found.count)
                }
            }
            rows.append(["\(nodes) nodes, \(graph.edgeCount) edges", String(format: "%.4f", seconds),
                         String(format: "%.2f", seconds / Double(pairs.count) * 1e3), "\(sets)",
                         String(format: "%.2f", seconds / Double(max(sets, 1)) * 1e6), "\(largest)"])
        }
        print("All minimal back-door sets, 100 random (treatment, descendant) pairs; median of \(repetitions) runs")
        printTable(["graph", "total s", "ms/pair", "sets", "µs/set", "most for a pair"], rows)
    }

    /// A random DAG on `0..<nodes`: node i draws min(i, parentsPerNode) distinct parents among 0..<i.
    static func randomDAG(nodes: Int, parentsPerNode: Int, random: RandomStream) -> (names: [String], edges: [(Int, Int)]) {
        var edges: [(Int, Int)] = []
        for child in 1..<nodes {
            var chosen = Set<Int>()
            while chosen.count < min(child, parentsPerNode) { chosen.insert(random.uniformInt(below: child)) }
            edges += chosen.sorted().map { ($0, child) }
        }
        return ((0..<nodes).map { "v\($0)" }, edges)
    }

    /// Random queries: distinct X and Y, and 1–4 conditioning nodes distinct from both.
    static func randomQueries(count: Int, nodes: Int, random: RandomStream) -> [(x: Int, y: Int, z: [Int])] {
        (0..<count).map { _ in
            let x = random.uniformInt(below: nodes)
            var y = random.uniformInt(below: nodes - 1)
            if y >= x { y += 1 }
            var z = Set<Int>()
            let size = 1 + random.uniformInt(below: 4)
            while z.count < size {
                let v = random.uniformInt(below: nodes)
                if v != x && v != y { z.insert(v) }
            }
            return (x, y, z.sorted())
        }
    }

    /// Queries known to be separated: Z = the parents of X, Y a random node that
    /// is not X's descendant nor its parent (the local Markov property).
    static func separatedQueries(count: Int, graph: DirectedGraph, random: RandomStream) -> [(x: Int, y: Int, z: [Int])] {
        var queries: [(x: Int, y: Int, z: [Int])] = []
        while queries.count < count {
            let x = random.uniformInt(below: graph.nodeCount)
            let parents = Array(graph.parents(of: x))
            let excluded = graph.descendants(of: [x]).union(parents).union([x])
            guard excluded.count < graph.nodeCount else { continue }
            var y = random.uniformInt(below: graph.nodeCount)
            while excluded.contains(y) { y = random.uniformInt(below: graph.nodeCount) }
            queries.append((x, y, parents))
        }
        return queries
    }

    /// networkx's answer to the same queries (seconds for all of them), or nil without Python/networkx.
    static func networkx(dag: (names: [String], edges: [(Int, Int)]), queries: [(x: Int, y: Int, z: [Int])])
        -> (seconds: Double, separated: Int)? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-graph-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let edges = dag.edges.map { "\($0.0) \($0.1)" }.joined(separator: "\n")
            let lines = queries.map { "\($0.x) \($0.y) " + $0.z.map(String.init).joined(separator: " ") }
            try edges.write(to: folder.appendingPathComponent("edges.txt"), atomically: true, encoding: .utf8)
            try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("queries.txt"), atomically: true, encoding: .utf8)
            try networkxScript.write(to: folder.appendingPathComponent("peer.py"), atomically: true, encoding: .utf8)
        } catch { return nil }
        guard let output = shell("cd '\(folder.path)' && python3 peer.py \(dag.names.count)") else { return nil }
        let fields = output.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let seconds = Double(fields[0]), let separated = Int(fields[1]) else { return nil }
        return (seconds, separated)
    }

    static let networkxScript = """
        import sys, time
        import networkx as nx
        g = nx.DiGraph()
        g.add_nodes_from(range(int(sys.argv[1])))
        g.add_edges_from(tuple(map(int, line.split())) for line in open("edges.txt") if line.strip())
        queries = [list(map(int, line.split())) for line in open("queries.txt") if line.strip()]
        test = getattr(nx, "is_d_separator", None) or nx.d_separated
        start = time.perf_counter()
        separated = sum(1 for q in queries if test(g, {q[0]}, {q[1]}, set(q[2:])))
        print(time.perf_counter() - start, separated)
        """
}
