import Testing
@testable import CausalGraph

/// The plain-words graph report leads with the answer and keeps long path lists short.
@Suite struct GraphReportTests {
    /// t and y share k confounders c1…ck, and c1 also reaches y through a mediator m:
    /// k back-door paths of 3 nodes and one of 4.
    static func confounded(_ k: Int) throws -> DirectedGraph {
        let confounders = (1...k).map { "c\($0)" }
        let edges = confounders.flatMap { [($0, "t"), ($0, "y")] } + [("c1", "m"), ("m", "y"), ("t", "y")]
        return try DirectedGraph(nodes: confounders + ["m", "t", "y"], edges: edges)
    }

    @Test func theAnswerComesBeforeThePathsAndLongListsAreCut() throws {
        let report = try GraphReport(graph: Self.confounded(12), title: "g", query: .init(treatment: "t", outcome: "y"),
                                     maximumPaths: 5)
        let lines = try report.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sets = try #require(lines.firstIndex(of: "  minimal back-door adjustment sets:"))
        let paths = try #require(lines.firstIndex { $0.hasPrefix("  back-door paths") })
        #expect(sets < paths)
        #expect(lines[paths] == "  back-door paths (13; the 5 shortest):")
        let listed = lines[(paths + 1)...].prefix { $0.hasPrefix("    t ") }
        #expect(listed.count == 5)
        // Shortest first: the 4-node path through m is not among the five 3-node ones.
        #expect(!listed.contains { $0.contains("m") })
        #expect(lines[paths + 6] == "    … 8 more (--paths 13 lists them all)")
    }

    @Test func aShortListIsShownWhole() throws {
        let report = try GraphReport(graph: Self.confounded(2), title: "g", query: .init(treatment: "t", outcome: "y"))
        let text = try report.text()
        #expect(text.contains("  back-door paths (3):\n"))
        #expect(!text.contains(" more (--paths"))
    }

    @Test func aLatentTreatmentIsRefused() throws {
        let graph = try DirectedGraph(nodes: ["u", "y"], edges: [("u", "y")], latent: ["u"])
        #expect(throws: GraphError.self) {
            try GraphReport(graph: graph, title: "g", query: .init(treatment: "u", outcome: "y"))
        }
    }
}
