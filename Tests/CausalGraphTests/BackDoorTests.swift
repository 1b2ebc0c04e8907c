import Testing
@testable import CausalGraph

@Suite struct BackDoorTests {
    /// M-bias: x ← u1 → m ← u2 → y, x → y. m is a collider; adjusting for it opens x ← u1 → m ← u2 → y.
    @Test func mBias() throws {
        let g = try DirectedGraph(
            nodes: ["x", "y", "m", "u1", "u2"],
            edges: [("x", "y"), ("u1", "x"), ("u1", "m"), ("u2", "m"), ("u2", "y")])
        #expect(try g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: []))
        #expect(try !g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: ["m"]))
        #expect(try g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: ["m", "u1"]))
        #expect(try g.minimalBackDoorSets(treatment: "x", outcome: "y") == [[]])
    }

    /// Butterfly bias: as M-bias, plus m → x and m → y. Adjusting for m is needed
    /// but opens the collider, so it must be paired with u1 or u2.
    @Test func butterflyBias() throws {
        let g = try DirectedGraph(
            nodes: ["x", "y", "m", "u1", "u2"],
            edges: [("x", "y"), ("u1", "x"), ("u1", "m"), ("u2", "m"), ("u2", "y"), ("m", "x"), ("m", "y")])
        #expect(try !g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: []))
        #expect(try !g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: ["m"]))
        #expect(try g.minimalBackDoorSets(treatment: "x", outcome: "y") == [["m", "u1"], ["m", "u2"]])
        #expect(throws: GraphError.searchTooLarge("more than 1 minimal adjustment sets for the effect of 'x' on 'y'")) {
            try g.minimalBackDoorSets(treatment: "x", outcome: "y", limit: 1)
        }
        // With u1 and u2 unobserved, nothing works.
        let hidden = try DirectedGraph(nodes: g.names, edges: g.edges.map { (g.names[$0.from], g.names[$0.to]) },
                                       latent: ["u1", "u2"])
        #expect(try hidden.minimalBackDoorSets(treatment: "x", outcome: "y") == [])
    }

    /// Mediator chain x → m → y with a confounder c: m is a descendant of x and never allowed.
    @Test func mediatorIsNeverAnAdjustment() throws {
        let g = try DirectedGraph(nodes: ["c", "x", "m", "y"],
                                  edges: [("c", "x"), ("c", "y"), ("x", "m"), ("m", "y")])
        #expect(try g.minimalBackDoorSets(treatment: "x", outcome: "y") == [["c"]])
        #expect(try !g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: ["c", "m"]))
        #expect(throws: GraphError.invalidQuery("variable 'x' is in both the treatment and the adjustment set")) {
            try g.satisfiesBackDoor(treatment: "x", outcome: "y", adjustment: ["x"])
        }
    }

    /// Every returned set is valid and minimal, and every valid minimal set is
    /// returned, by brute force over all subsets on random graphs with latent nodes.
    @Test func minimalSetsMatchBruteForce() throws {
        var random = TestRandom(seed: 77)
        var nonTrivial = 0
        for trial in 0..<250 {
            let dag = RandomDAG(nodes: 4 + trial % 6, density: [0.3, 0.45, 0.6][trial % 3], latentShare: 0.2,
                                random: &random)
            let graph = try dag.graph()
            let oracle = PathOracle(dag)
            let n = dag.names.count
            let x = random.below(n)
            let y = (x + 1 + random.below(n - 1)) % n
            let pool = (0..<n).filter { $0 != x && $0 != y && !dag.latent.contains($0) }
            let isValid = oracle.backDoorCheck(x, y)
            let valid = PathOracle.subsets(of: pool).filter(isValid)
            let expected = PathOracle.minimal(valid)
            let found = try graph.minimalBackDoorSets(treatment: x, outcome: y)
            #expect(Set(found) == expected, "trial \(trial): \(dag.edges) latent \(dag.latent), x \(x) y \(y)")
            #expect(found.count == Set(found).count)
            for z in PathOracle.subsets(of: pool).prefix(64) {
                #expect(try graph.satisfiesBackDoor(treatment: x, outcome: y, adjustment: z)
                        == isValid(z), "trial \(trial): \(z)")
            }
            if expected.count > 1 || expected.first?.isEmpty == false { nonTrivial += 1 }
        }
        #expect(nonTrivial > 50)
    }
}
