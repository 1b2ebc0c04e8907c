/// A causal diagram in dagitty's text syntax (dagitty.net, the R package `dagitty`):
///
///     dag {
///     smoking [exposure]
///     cancer [outcome]
///     genotype [latent]
///     smoking -> tar -> cancer
///     genotype -> { smoking cancer }
///     }
///
/// Statements are separated by white space, line breaks or `;`. A node is declared
/// by naming it, optionally with attributes in brackets (`[exposure]`, `[outcome]`,
/// `[latent]`; others such as `pos="1,2"` are kept as written); arrows `->` and `<-`
/// may be chained (`a -> b -> c`), and either end may be a group `{a b}` (every
/// member joined to every member of the other end). A graph-level attribute
/// (`bb="0,0,1,1"`) is skipped. Only directed acyclic graphs are read: an undirected
/// (`--`) or bidirected (`<->`) edge, a `pdag`/`mag` header, or a cycle is an error
/// naming the line (`DagittyError`).
///
/// `text` writes the canonical form: every node on its own line in order (with its
/// attributes), then one `a -> b` line per edge in order; reading it back gives an
/// equal value, and writing that gives the same text.
public struct DagittyGraph: Hashable, Sendable {
    /// One node: its name and its attributes, in the order written (`exposure`, `pos="1,2"`).
    public struct Node: Hashable, Sendable {
        /// The node's name.
        public let name: String
        /// Its attributes as written, without the brackets.
        public var attributes: [String]

        /// A node with attributes.
        public init(name: String, attributes: [String] = []) {
            self.name = name
            self.attributes = attributes
        }
    }

    /// A directed edge between two node names.
    public struct Edge: Hashable, Sendable {
        /// The cause.
        public let from: String
        /// The effect.
        public let to: String

        /// The edge `from -> to`.
        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// The nodes, in order of first mention.
    public let nodes: [Node]
    /// The edges, in order, without repeats.
    public let edges: [Edge]

    /// A graph from nodes and edges; throws `GraphError` for an edge naming an unknown node, or a cycle.
    public init(nodes: [Node], edges: [Edge]) throws {
        var seen = Set<Edge>()
        self.nodes = nodes
        self.edges = edges.filter { seen.insert($0).inserted }
        _ = try directedGraph().topologicalOrder()
    }

    /// The diagram of `graph` (latent nodes marked `latent`), with `exposures` and
    /// `outcomes` marked as such.
    public init(graph: DirectedGraph, exposures: [String] = [], outcomes: [String] = []) throws {
        let nodes = graph.names.enumerated().map { i, name in
            var attributes: [String] = []
            if exposures.contains(name) { attributes.append("exposure") }
            if outcomes.contains(name) { attributes.append("outcome") }
            if graph.isLatent[i] { attributes.append("latent") }
            return Node(name: name, attributes: attributes)
        }
        for name in exposures + outcomes where graph.index(of: name) == nil {
            throw GraphError.unknownNode(name: name, place: "the exposures and outcomes")
        }
        let edges = graph.names.indices.flatMap { i in
            graph.children(of: i).map { Edge(from: graph.names[i], to: graph.names[$0]) }
        }
        try self.init(nodes: nodes, edges: edges)
    }

    /// The names of the nodes marked `mark` (`exposure`, `outcome`, `latent`), in order.
    public func nodes(marked mark: String) -> [String] {
        nodes.filter { $0.attributes.contains(mark) }.map(\.name)
    }

    /// The diagram as a `DirectedGraph`, `latent` nodes latent.
    public func directedGraph() throws -> DirectedGraph {
        try DirectedGraph(nodes: nodes.map(\.name), edges: edges.map { ($0.from, $0.to) },
                          latent: Set(nodes(marked: "latent")))
    }

    /// The canonical text (see the type).
    public var text: String {
        func quoted(_ name: String) -> String {
            DagittyParser.isPlainName(name) ? name : "\"" + name + "\""
        }
        var lines = ["dag {"]
        for node in nodes {
            lines.append(node.attributes.isEmpty ? quoted(node.name) : "\(quoted(node.name)) [\(node.attributes.joined(separator: ","))]")
        }
        for edge in edges { lines.append("\(quoted(edge.from)) -> \(quoted(edge.to))") }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The diagram in dagitty text; errors name `file` and the line.
    public init(dagitty text: String, file: String = "graph.dagitty") throws {
        self = try DagittyParser(file: file).parse(text)
    }
}

/// A problem in a dagitty file, naming the file, line and column.
public struct DagittyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// The file, as given.
    public let file: String
    /// 1-based line and column.
    public let line: Int, column: Int

    /// An error at `line`, `column` of `file`.
    public init(_ message: String, file: String, line: Int, column: Int) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// "file:line:column: message".
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
