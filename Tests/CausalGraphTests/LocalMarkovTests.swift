import Testing
@testable import CausalGraph

@Suite struct LocalMarkovTests {
    @Test func chainAndCollider() throws {
        let g = try DirectedGraph(nodes: ["a", "b", "c", "d"], edges: [("a", "b"), ("b", "c"), ("a", "d"), ("c", "d")])
        let statements = try g.localMarkovIndependencies().map(g.describe)
        #expect(statements == ["c ⊥ a | b", "d ⊥ b | a, c"])
        let collider = try DirectedGraph(nodes: ["x", "y", "z"], edges: [("x", "z"), ("y", "z")])
        #expect(try collider.localMarkovIndependencies().map(collider.describe) == ["x ⊥ y", "y ⊥ x"])
    }

    /// A latent parent: m ← u → y with x → m and w → y. Given its observed parent
    /// x, m is still tied to y through u, so no statement about m may name y; y's
    /// statement conditions on its observed parent w only.
    @Test func latentParentsKeepOnlyWhatStillHolds() throws {
        let g = try DirectedGraph(nodes: ["x", "m", "y", "w", "u"],
                                  edges: [("x", "m"), ("u", "m"), ("u", "y"), ("w", "y")], latent: ["u"])
        let statements = try g.localMarkovIndependencies().map(g.describe)
        #expect(statements == ["x ⊥ y, w", "m ⊥ w | x", "y ⊥ x | w", "w ⊥ x, m"])
    }

    /// Without latent variables each statement is V ⊥ ND(V) ∖ Pa(V) | Pa(V) read off the
    /// definition; with them each listed pair is d-separated by the path oracle and
    /// each left-out observed non-descendant is not.
    @Test func matchesTheDefinitionOnRandomGraphs() throws {
        var random = TestRandom(seed: 99)
        for trial in 0..<120 {
            let dag = RandomDAG(nodes: 3 + trial % 6, density: 0.4, latentShare: trial % 2 == 0 ? 0 : 0.25,
                                random: &random)
            let graph = try dag.graph()
            let oracle = PathOracle(dag)
            var expected: [ConditionalIndependence] = []
            for v in 0..<dag.names.count where !dag.latent.contains(v) {
                let parents = Set((0..<dag.names.count).filter { oracle.arrow($0, v) })
                let given = parents.subtracting(dag.latent)
                let others = (0..<dag.names.count).filter {
                    !oracle.descendantsAndSelf(v).contains($0) && !parents.contains($0) && !dag.latent.contains($0)
                }
                let independent = dag.latent.isEmpty ? others
                    : others.filter { oracle.dSeparated([v], [$0], given: given) }
                if !independent.isEmpty {
                    expected.append(ConditionalIndependence(variable: v, independentOf: independent, given: given.sorted()))
                }
            }
            #expect(try graph.localMarkovIndependencies() == expected, "trial \(trial)")
        }
    }
}
