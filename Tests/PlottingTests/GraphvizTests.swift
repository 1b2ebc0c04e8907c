import CausalGraph
import Foundation
import Testing
@testable import Plotting

@Suite struct GraphvizTests {
    @Test func missingDotIsATypedError() {
        #expect(throws: GraphvizError.notInstalled(searched: ["/nonexistent/bin"])) {
            try Graphviz.locate(environment: ["PATH": "/nonexistent/bin"])
        }
        let message = GraphvizError.notInstalled(searched: []).description
        #expect(message.contains("Graphviz 'dot' was not found") && message.contains("DOT output"))
    }

    @Test func rejectedInputReportsGraphvizMessage() throws {
        guard let graphviz = try? Graphviz.locate() else { return }   // Graphviz absent: nothing to run
        #expect {
            try graphviz.svg(fromDOT: "digraph { a -> }")
        } throws: { error in
            guard case let GraphvizError.failed(status, message)? = error as? GraphvizError else { return false }
            return status != 0 && message.contains("syntax error")
        }
    }

    @Test func rendersAHighlightedGraphToSVG() throws {
        guard let graphviz = try? Graphviz.locate() else { return }   // Graphviz absent: nothing to run
        let graph = try DirectedGraph(nodes: ["smoking", "tar", "cancer", "genotype"],
                                      edges: [("smoking", "tar"), ("tar", "cancer"),
                                              ("genotype", "smoking"), ("genotype", "cancer")],
                                      latent: ["genotype"])
        let svg = try graphviz.svg(of: graph, highlighting: GraphHighlight(
            treatments: ["smoking"], outcomes: ["cancer"], adjustment: ["tar"]))
        #expect(svg.contains("<svg"))
        for name in ["smoking", "tar", "cancer", "genotype", "Legend"] { #expect(svg.contains(">\(name)</text>")) }
        // One drawn edge per arrow, between the right nodes.
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == 4)
        #expect(svg.contains("<title>n3&#45;&gt;n0</title>"))
    }
}
