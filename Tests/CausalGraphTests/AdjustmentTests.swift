import Testing
@testable import CausalGraph

@Suite struct AdjustmentTests {
    /// Smoking → tar → cancer with a hidden genotype confounding smoking and cancer (Pearl 2009, §3.3.2).
    static func smoking() throws -> DirectedGraph {
        try DirectedGraph(nodes: ["smoking", "tar", "cancer", "genotype"],
                          edges: [("smoking", "tar"), ("tar", "cancer"), ("genotype", "smoking"), ("genotype", "cancer")],
                          latent: ["genotype"])
    }

    @Test func frontDoorSmokingTarCancer() throws {
        let g = try Self.smoking()
        #expect(try g.minimalBackDoorSets(treatment: "smoking", outcome: "cancer") == [])
        #expect(try g.frontDoorSet(treatment: "smoking", outcome: "cancer") == ["tar"])
        #expect(try g.satisfiesFrontDoor(treatment: "smoking", outcome: "cancer", mediators: ["tar"]))
        #expect(try !g.satisfiesFrontDoor(treatment: "smoking", outcome: "cancer", mediators: []))
        // A direct arrow smoking → cancer bypasses tar: no front-door set.
        let direct = try DirectedGraph(nodes: g.names, edges: g.edges.map { (g.names[$0.from], g.names[$0.to]) }
                                       + [("smoking", "cancer")], latent: ["genotype"])
        #expect(try direct.frontDoorSet(treatment: "smoking", outcome: "cancer") == nil)
        // Tar confounded with cancer by a second hidden cause breaks condition (iii).
        let confounded = try DirectedGraph(nodes: g.names + ["asbestos"],
                                           edges: g.edges.map { (g.names[$0.from], g.names[$0.to]) }
                                           + [("asbestos", "tar"), ("asbestos", "cancer")],
                                           latent: ["genotype", "asbestos"])
        #expect(try !confounded.satisfiesFrontDoor(treatment: "smoking", outcome: "cancer", mediators: ["tar"]))
        #expect(try confounded.frontDoorSet(treatment: "smoking", outcome: "cancer") == nil)
    }

    @Test func mediatorChain() throws {
        let g = try DirectedGraph(nodes: ["x", "m", "y"], edges: [("x", "m"), ("m", "y")])
        #expect(try g.minimalBackDoorSets(treatment: "x", outcome: "y") == [[]])
        #expect(try g.directedPaths(from: "x", to: "y").map(g.describe) == ["x → m → y"])
        #expect(try g.backDoorPaths(from: "x", to: "y").isEmpty)
        #expect(try g.frontDoorSet(treatment: "x", outcome: "y") == ["m"])
    }

    /// z → x → y with a hidden u → x, u → y: z is an instrument; conditioning on a
    /// common cause c of z and y turns a confounded z into a conditional instrument.
    @Test func instruments() throws {
        let iv = try DirectedGraph(nodes: ["z", "x", "y", "u"],
                                   edges: [("z", "x"), ("x", "y"), ("u", "x"), ("u", "y")], latent: ["u"])
        #expect(try iv.instruments(treatment: "x", outcome: "y") == ["z"])
        #expect(try iv.minimalBackDoorSets(treatment: "x", outcome: "y") == [])
        let conditional = try DirectedGraph(
            nodes: ["z", "x", "y", "u", "c"],
            edges: [("z", "x"), ("x", "y"), ("u", "x"), ("u", "y"), ("c", "z"), ("c", "y")], latent: ["u"])
        #expect(try conditional.instruments(treatment: "x", outcome: "y").isEmpty)
        #expect(try conditional.instruments(treatment: "x", outcome: "y", given: ["c"]) == ["z"])
        #expect(throws: GraphError.invalidQuery("cannot condition on the latent variable 'u'")) {
            try conditional.instruments(treatment: "x", outcome: "y", given: ["u"])
        }
    }

    /// The front-door search against every subset, read off the definition by the path oracle.
    @Test func frontDoorMatchesBruteForce() throws {
        var random = TestRandom(seed: 31_337)
        var found = 0, absent = 0
        for trial in 0..<500 {
            let dag = RandomDAG(nodes: 4 + trial % 4, density: 0.4, latentShare: 0.25, random: &random)
            let graph = try dag.graph()
            let oracle = PathOracle(dag)
            let n = dag.names.count
            // An effect to identify: y downstream of x.
            guard let x = (0..<n).first(where: { oracle.descendantsAndSelf($0).count > 1 }) else { continue }
            let downstream = oracle.descendantsAndSelf(x).subtracting([x]).sorted()
            let y = downstream[random.below(downstream.count)]
            let pool = (0..<n).filter { $0 != x && $0 != y && !dag.latent.contains($0) }
            let subsets = PathOracle.subsets(of: pool)
            for z in subsets {
                #expect(try graph.satisfiesFrontDoor(treatment: x, outcome: y, mediators: z)
                        == oracle.satisfiesFrontDoor(x, y, z), "trial \(trial): \(dag.edges) latent \(dag.latent) \(x)→\(y) Z \(z)")
            }
            let anyValid = subsets.contains { oracle.satisfiesFrontDoor(x, y, $0) }
            if let z = try graph.frontDoorSet(treatment: x, outcome: y) {
                #expect(oracle.satisfiesFrontDoor(x, y, Set(z)))
                for v in z { #expect(!oracle.satisfiesFrontDoor(x, y, Set(z).subtracting([v]))) }
                if !z.isEmpty { found += 1 }
            } else {
                #expect(!anyValid, "trial \(trial): a front-door set exists but none was found")
                absent += 1
            }
        }
        #expect(found > 25 && absent > 25)
    }

    /// Instruments against their definition, evaluated by the path oracle.
    @Test func instrumentsMatchTheDefinition() throws {
        var random = TestRandom(seed: 5)
        var total = 0
        for trial in 0..<200 {
            let dag = RandomDAG(nodes: 4 + trial % 4, density: 0.4, latentShare: 0.2, random: &random)
            let graph = try dag.graph()
            let oracle = PathOracle(dag)
            let n = dag.names.count
            let x = random.below(n), y = (x + 1 + random.below(n - 1)) % n
            let downstream = oracle.descendantsAndSelf(x)
            let w = Set((0..<n).filter { $0 != y && !downstream.contains($0) && !dag.latent.contains($0)
                && random.chance(0.3) })
            let withoutX = oracle.removingArrows(outOf: [x])
            let expected = (0..<n).filter { z in
                z != y && !w.contains(z) && !downstream.contains(z) && !dag.latent.contains(z)
                    && !oracle.dSeparated([z], [x], given: w) && withoutX.dSeparated([z], [y], given: w)
            }
            #expect(try graph.instruments(treatment: x, outcome: y, given: w) == expected, "trial \(trial)")
            total += expected.count
        }
        #expect(total > 20)
    }
}
