import Testing
import Foundation
@testable import CausalGraph

@Suite struct DOTTests {
    static func pricing() throws -> DirectedGraph {
        try DirectedGraph(
            nodes: ["temperature", "price", "bookings", "demand \"shock\""],
            edges: [("temperature", "price"), ("price", "bookings"), ("temperature", "bookings"),
                    ("demand \"shock\"", "price"), ("demand \"shock\"", "bookings")],
            latent: ["demand \"shock\""])
    }

    @Test func plainGraphListsNodesAndEdgesInOrder() throws {
        let g = try DirectedGraph(nodes: ["a", "b"], edges: [("a", "b")])
        let dot = try g.dot()
        #expect(dot.hasPrefix("digraph \"causal graph\" {\n"))
        #expect(dot.contains("  n0 [label=\"a\"];\n  n1 [label=\"b\"];\n  n0 -> n1;\n}\n"))
        #expect(!dot.contains("Legend"))
    }

    @Test func rolesAreDrawnApartAndLatentArrowsDashed() throws {
        let g = try Self.pricing()
        let dot = try g.dot(highlighting: GraphHighlight(
            treatments: ["price"], outcomes: ["bookings"], adjustment: ["temperature"], title: "Pricing"))
        let line = { (id: String) in dot.split(separator: "\n").first { $0.hasPrefix("  \(id) [") }.map(String.init) ?? "" }
        #expect(line("n0").contains("shape=box") && line("n0").contains("#cbd5e8"))
        #expect(line("n1").contains("#b3e2cd") && line("n1").contains("penwidth=2.5"))
        #expect(line("n2").contains("peripheries=2") && line("n2").contains("#fdcdac"))
        #expect(line("n3").contains("style=\"dashed\"") && line("n3").contains("label=\"demand \\\"shock\\\"\""))
        #expect(dot.contains("  n3 -> n1 [style=dashed];") && dot.contains("  n0 -> n1;"))
        #expect(dot.contains("label=\"Pricing\""))
        // The legend shows exactly the roles present, in a fixed order.
        for label in ["treatment", "outcome", "adjusted for", "latent (unobserved)"] {
            #expect(dot.contains("[label=\"\(label)\""))
        }
        #expect(!dot.contains("set by do"))
        #expect(throws: GraphError.unknownNode(name: "rain", place: "the treatments")) {
            try g.dot(highlighting: GraphHighlight(treatments: ["rain"]))
        }
    }

    @Test func interventionRemovesArrowsIntoTheSetVariable() throws {
        let g = try Self.pricing()
        let dot = try g.interventionDOT(setting: ["price": "50"], highlighting: GraphHighlight(outcomes: ["bookings"]))
        #expect(dot.contains("n1 [label=\"price = 50\", shape=box, peripheries=2"))
        #expect(!dot.contains("-> n1"))
        #expect(dot.contains("n1 -> n2;") && dot.contains("n0 -> n2;"))
        #expect(dot.contains("[label=\"set by do( )\""))
        let intervened = try g.intervening(on: ["price"])
        #expect(Array(intervened.parents(of: 1)).isEmpty)
        #expect(intervened.edgeCount == g.edgeCount - 2)
    }

    @Test func summaryEncodesTheCommandLineShape() throws {
        let g = try Self.pricing()
        let summary = try GraphSummary(graph: g, treatment: "temperature", outcome: "bookings")
        #expect(summary.variables == ["temperature", "price", "bookings"])
        #expect(summary.latent == ["demand \"shock\""])
        #expect(summary.edges.first == ["temperature", "price"])
        #expect(summary.edges.count == 5)
        #expect(summary.adjustmentSets == [[]])
        let plain = GraphSummary(graph: try DirectedGraph(nodes: ["a", "b"], edges: [("a", "b")]))
        let json = plain.jsonText()
        #expect(json == "{\n  \"edges\" : [\n    [\n      \"a\",\n      \"b\"\n    ]\n  ],\n  \"variables\" : [\n    \"a\",\n    \"b\"\n  ]\n}\n")
        #expect(try JSONDecoder().decode(GraphSummary.self, from: Data(json.utf8)) == plain)
        #expect(try JSONDecoder().decode(GraphSummary.self, from: Data(summary.jsonText().utf8)) == summary)
    }
}
