import Testing
@testable import CausalGraph

@Suite struct DSeparationTests {
    @Test func chainForkAndCollider() throws {
        let chain = try DirectedGraph(nodes: ["a", "b", "c"], edges: [("a", "b"), ("b", "c")])
        #expect(try !chain.isDSeparated(["a"], ["c"]))
        #expect(try chain.isDSeparated(["a"], ["c"], given: ["b"]))
        let fork = try DirectedGraph(nodes: ["a", "b", "c"], edges: [("b", "a"), ("b", "c")])
        #expect(try !fork.isDSeparated(["a"], ["c"]))
        #expect(try fork.isDSeparated(["a"], ["c"], given: ["b"]))
        let collider = try DirectedGraph(nodes: ["a", "b", "c", "d"], edges: [("a", "b"), ("c", "b"), ("b", "d")])
        #expect(try collider.isDSeparated(["a"], ["c"]))
        #expect(try !collider.isDSeparated(["a"], ["c"], given: ["b"]))
        // Conditioning on a descendant of the collider also opens it.
        #expect(try !collider.isDSeparated(["a"], ["c"], given: ["d"]))
    }

    @Test func rejectsBadQueries() throws {
        let g = try DirectedGraph(nodes: ["a", "b", "c"], edges: [("a", "b"), ("b", "c")])
        #expect(throws: GraphError.invalidQuery("variable 'b' is in both the second set and the conditioning set")) {
            try g.isDSeparated(["a"], ["b"], given: ["b"])
        }
        #expect(throws: GraphError.unknownNode(name: "q", place: "the conditioning set of a d-separation query")) {
            try g.isDSeparated(["a"], ["c"], given: ["q"])
        }
        #expect(throws: GraphError.invalidQuery("a d-separation query needs two non-empty sets of variables")) {
            try g.isDSeparated([], ["c"])
        }
        let cyclic = try DirectedGraph(nodes: ["a", "b"], edges: [("a", "b"), ("b", "a")])
        #expect(throws: GraphError.cycle(["a", "b", "a"])) { try cyclic.isDSeparated(["a"], ["b"]) }
    }

    /// The reachable algorithm against every simple path, on random DAGs with
    /// random conditioning sets (single nodes and sets for X and Y).
    @Test func agreesWithPathEnumerationOnRandomGraphs() throws {
        var random = TestRandom(seed: 20_240_611)
        var separatedCount = 0, queries = 0
        for trial in 0..<300 {
            let dag = RandomDAG(nodes: 3 + trial % 6, density: [0.25, 0.4, 0.6][trial % 3], random: &random)
            let graph = try dag.graph()
            let oracle = PathOracle(dag)
            var engine = try DSeparation(graph)
            let n = dag.names.count
            for _ in 0..<12 {
                var roles = (0..<n).map { _ in random.below(4) }   // 0: X, 1: Y, 2: Z, 3: none
                roles[random.below(n)] = 0
                if let other = (0..<n).first(where: { roles[$0] != 0 }) { roles[other] = 1 } else { continue }
                let x = Set((0..<n).filter { roles[$0] == 0 })
                let y = Set((0..<n).filter { roles[$0] == 1 })
                let z = Set((0..<n).filter { roles[$0] == 2 })
                let expected = oracle.dSeparated(x, y, given: z)
                #expect(engine.isSeparated(x, y, given: z) == expected, "trial \(trial): \(x) ⊥ \(y) | \(z)")
                let connected = Set(engine.reachable(from: x, given: z))
                for v in 0..<n where !x.contains(v) && !z.contains(v) {
                    #expect(connected.contains(v) == !oracle.dSeparated(x, [v], given: z), "trial \(trial): reach \(v)")
                }
                separatedCount += expected ? 1 : 0
                queries += 1
            }
        }
        // Both answers occur often enough for the comparison to mean something.
        #expect(separatedCount > queries / 10 && separatedCount < queries * 9 / 10)
    }
}
