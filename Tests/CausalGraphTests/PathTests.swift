import Testing
@testable import CausalGraph

@Suite struct PathTests {
    /// temperature → price → bookings, temperature → bookings, price → margin ← bookings.
    @Test func listsAndDescribesPaths() throws {
        let g = try DirectedGraph(
            nodes: ["temperature", "price", "bookings", "margin"],
            edges: [("temperature", "price"), ("price", "bookings"), ("temperature", "bookings"),
                    ("price", "margin"), ("bookings", "margin")])
        let directed = try g.directedPaths(from: "temperature", to: "bookings").map(g.describe)
        #expect(directed == ["temperature → price → bookings", "temperature → bookings"])
        let backDoor = try g.backDoorPaths(from: "price", to: "bookings")
        #expect(backDoor.map(g.describe) == ["price ← temperature → bookings"])
        #expect(try !g.isBlocked(backDoor[0], by: Set<String>()))
        #expect(try g.isBlocked(backDoor[0], by: ["temperature"]))
        // price → margin ← bookings is not back-door; its collider blocks it until margin is conditioned on.
        let viaMargin = try g.directedPaths(from: "price", to: "margin")
        #expect(viaMargin.map(g.describe) == ["price → bookings → margin", "price → margin"])
        #expect(throws: GraphError.searchTooLarge("more than 1 directed paths from 'temperature' to 'bookings'")) {
            try g.directedPaths(from: "temperature", to: "bookings", limit: 1)
        }
    }

    /// Directed and back-door paths, and blocking, against plain enumeration of every simple path.
    @Test func agreeWithPathEnumerationOnRandomGraphs() throws {
        var random = TestRandom(seed: 4242)
        for trial in 0..<150 {
            let dag = RandomDAG(nodes: 3 + trial % 6, density: [0.3, 0.5][trial % 2], random: &random)
            let graph = try dag.graph()
            let oracle = PathOracle(dag)
            let n = dag.names.count
            let x = random.below(n), y = (x + 1 + random.below(n - 1)) % n
            let all = oracle.paths(from: x, to: y)
            #expect(Set(try graph.directedPaths(from: x, to: y).map(\.nodes)) == Set(all.filter(oracle.isDirected)))
            let backDoor = try graph.backDoorPaths(from: x, to: y)
            #expect(Set(backDoor.map(\.nodes)) == Set(all.filter { oracle.arrow($0[1], x) }), "trial \(trial)")
            let z = Set((0..<n).filter { $0 != x && $0 != y && random.chance(0.4) })
            for path in backDoor {
                #expect(graph.isBlocked(path, by: z) == !oracle.isOpen(path.nodes, given: z))
                for k in path.pointsForward.indices {
                    #expect(oracle.arrow(path.nodes[k], path.nodes[k + 1]) == path.pointsForward[k])
                }
            }
        }
    }
}
