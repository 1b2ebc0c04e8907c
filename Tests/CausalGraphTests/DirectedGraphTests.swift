import Testing
@testable import CausalGraph

@Suite struct DirectedGraphTests {
    /// temperature → price → bookings, temperature → bookings, with a latent demand shock.
    static func confounding() throws -> DirectedGraph {
        try DirectedGraph(
            nodes: ["temperature", "price", "bookings", "shock"],
            edges: [("temperature", "price"), ("price", "bookings"), ("temperature", "bookings"),
                    ("shock", "price"), ("shock", "bookings")],
            latent: ["shock"])
    }

    @Test func keepsDeclarationOrderAndAdjacency() throws {
        let g = try Self.confounding()
        #expect(g.names == ["temperature", "price", "bookings", "shock"])
        #expect(g.nodeCount == 4 && g.edgeCount == 5)
        #expect(Array(g.parents(of: 2)) == [1, 0, 3])
        #expect(Array(g.children(of: 0)) == [1, 2])
        #expect(try g.parents(of: "bookings") == ["price", "temperature", "shock"])
        #expect(try g.children(of: "shock") == ["price", "bookings"])
        #expect(g.isLatent == [false, false, false, true])
        #expect(g.latentNodes == [3])
        #expect(g.hasEdge(from: 0, to: 1) && !g.hasEdge(from: 1, to: 0))
    }

    @Test func repeatedEdgesCountOnce() throws {
        let g = try DirectedGraph(nodes: ["a", "b"], edges: [("a", "b"), ("a", "b")])
        #expect(g.edgeCount == 1)
        #expect(g.edges.map { [$0.from, $0.to] } == [[0, 1]])
    }

    @Test func rejectsBadDeclarations() {
        #expect(throws: GraphError.duplicateNode(name: "a")) {
            try DirectedGraph(nodes: ["a", "b", "a"], edges: [])
        }
        #expect(throws: GraphError.unknownNode(name: "c", place: "edge a → c")) {
            try DirectedGraph(nodes: ["a", "b"], edges: [("a", "c")])
        }
        #expect(throws: GraphError.unknownNode(name: "z", place: "the latent variables")) {
            try DirectedGraph(nodes: ["a"], edges: [], latent: ["z"])
        }
        #expect(throws: GraphError.selfLoop(name: "b")) {
            try DirectedGraph(nodes: ["a", "b"], edges: [("b", "b")])
        }
    }

    @Test func errorMessagesNameThePlace() {
        #expect(GraphError.unknownNode(name: "c", place: "edge a → c").description == "unknown variable 'c' in edge a → c")
        #expect(GraphError.cycle(["a", "b", "a"]).description == "the graph has a cycle: a → b → a")
    }

    @Test func topologicalOrderPrefersDeclarationOrder() throws {
        // Declared out of order: c must come after a and b; d is free.
        let g = try DirectedGraph(nodes: ["c", "d", "b", "a"], edges: [("a", "b"), ("b", "c"), ("a", "c")])
        let order = try g.topologicalOrder()
        #expect(order.map { g.names[$0] } == ["d", "a", "b", "c"])
        #expect(g.isAcyclic)
        // Declaration order is kept wherever the arrows allow it.
        #expect(try Self.confounding().topologicalOrder() == [0, 3, 1, 2])
        let h = try DirectedGraph(nodes: ["x", "y", "z"], edges: [("x", "y"), ("y", "z")])
        #expect(try h.topologicalOrder() == [0, 1, 2])
    }

    @Test func topologicalOrderRespectsEveryEdge() throws {
        let g = try Self.confounding()
        let order = try g.topologicalOrder()
        var position = [Int](repeating: 0, count: g.nodeCount)
        for (k, node) in order.enumerated() { position[node] = k }
        #expect(Set(order) == Set(0..<g.nodeCount))
        for edge in g.edges { #expect(position[edge.from] < position[edge.to]) }
    }

    @Test func cycleIsNamedAsAPath() throws {
        let g = try DirectedGraph(
            nodes: ["start", "a", "b", "c", "end"],
            edges: [("start", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("c", "end")])
        #expect(!g.isAcyclic)
        #expect(throws: GraphError.cycle(["a", "b", "c", "a"])) { try g.topologicalOrder() }
        let two = try DirectedGraph(nodes: ["y", "x"], edges: [("x", "y"), ("y", "x")])
        #expect(throws: GraphError.cycle(["y", "x", "y"])) { try two.topologicalOrder() }
    }

    @Test func cycleDownstreamOfAnotherIsFound() throws {
        // The cycle d → e → d hangs below an acyclic part; nodes after it wait too.
        let g = try DirectedGraph(nodes: ["a", "b", "d", "e", "f"],
                                  edges: [("a", "b"), ("b", "d"), ("d", "e"), ("e", "d"), ("e", "f")])
        #expect(throws: GraphError.cycle(["d", "e", "d"])) { try g.topologicalOrder() }
    }

    @Test func ancestorsAndDescendants() throws {
        let g = try Self.confounding()
        #expect(g.ancestors(of: [2]) == [0, 1, 3])
        #expect(g.ancestors(of: [1]) == [0, 3])
        #expect(g.ancestors(of: [0]).isEmpty)
        #expect(g.descendants(of: [0]) == [1, 2])
        #expect(g.descendants(of: [2]).isEmpty)
        // A member of the set is included only when it is an ancestor of another member.
        #expect(g.ancestors(of: [1, 2]) == [0, 1, 3])
        #expect(try g.ancestors(of: ["bookings"]) == ["temperature", "price", "shock"])
        #expect(try g.descendants(of: ["shock"]) == ["price", "bookings"])
        #expect(throws: GraphError.unknownNode(name: "rain", place: "an ancestors query")) {
            try g.ancestors(of: ["rain"])
        }
    }

    @Test func graphsCompareByStructure() throws {
        let a = try Self.confounding()
        let b = try Self.confounding()
        let c = try DirectedGraph(nodes: a.names, edges: [("temperature", "price")], latent: ["shock"])
        #expect(a == b)
        #expect(a != c)
    }
}
