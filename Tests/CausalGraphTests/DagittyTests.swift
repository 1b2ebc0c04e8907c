import Testing
@testable import CausalGraph

@Suite struct DagittyTests {
    static let messy = """
        dag {
          bb="0,0,1,1"
          smoking [exposure,pos="1,2"]
          cancer [outcome]; genotype [latent]
          smoking -> tar -> cancer
          genotype -> {smoking cancer}
          cancer <- age -> smoking
          "blood pressure" <- age
        }
        """

    @Test func readsNodesMarksChainsAndGroups() throws {
        let g = try DagittyGraph(dagitty: Self.messy)
        #expect(g.nodes.map(\.name) == ["smoking", "cancer", "genotype", "tar", "age", "blood pressure"])
        #expect(g.nodes(marked: "exposure") == ["smoking"])
        #expect(g.nodes(marked: "outcome") == ["cancer"])
        #expect(g.nodes(marked: "latent") == ["genotype"])
        #expect(g.nodes[0].attributes == ["exposure", "pos=\"1,2\""])
        let edges = Set(g.edges.map { "\($0.from)>\($0.to)" })
        #expect(edges == ["smoking>tar", "tar>cancer", "genotype>smoking", "genotype>cancer", "age>cancer", "age>smoking",
                          "age>blood pressure"])
        let d = try g.directedGraph()
        #expect(d.isLatent == [false, false, true, false, false, false])
        #expect(try d.parents(of: "cancer") == ["tar", "genotype", "age"])
    }

    /// dagitty → graph → dagitty: the same diagram, and the canonical text is a fixed point.
    @Test func roundTripIsExact() throws {
        let g = try DagittyGraph(dagitty: Self.messy)
        let text = g.text
        let back = try DagittyGraph(dagitty: text)
        #expect(back == g)
        #expect(back.text == text)
        let viaGraph = try DagittyGraph(graph: try g.directedGraph(), exposures: ["smoking"], outcomes: ["cancer"])
        #expect(Set(viaGraph.edges) == Set(g.edges))
        #expect(viaGraph.nodes.map(\.name) == g.nodes.map(\.name))
        #expect(try DagittyGraph(dagitty: viaGraph.text) == viaGraph)
        let canonical = "dag {\na [exposure]\nb [outcome]\nu [latent]\na -> b\nu -> a\nu -> b\n}\n"
        #expect(try DagittyGraph(dagitty: canonical).text == canonical)
    }

    static func error(_ text: String) -> String {
        do {
            _ = try DagittyGraph(dagitty: text, file: "g.dagitty")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func edgesThatAreNotADAGAreErrorsNamingTheLine() {
        #expect(Self.error("dag {\n a -> b\n b -- c\n}").hasPrefix("g.dagitty:3:4: an undirected edge '--'"))
        #expect(Self.error("dag {\n a -> b\n c <-> b\n}").hasPrefix("g.dagitty:3:4: a bidirected edge '<->'"))
        #expect(Self.error("dag {\n a -> b\n b -> c -> a\n}") == "g.dagitty:3:9: the arrows form a cycle: a → b → c → a")
        #expect(Self.error("pdag {\n a -> b\n}").hasPrefix("g.dagitty:1:1: a 'pdag' is not a directed acyclic graph"))
        #expect(Self.error("dag {\n a -> a\n}") == "g.dagitty:2:4: 'a' has an arrow into itself")
        #expect(Self.error("dag {\n a -> \n}").hasPrefix("g.dagitty:3:1: expected a variable name"))
    }
}
