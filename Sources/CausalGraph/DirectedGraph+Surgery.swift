extension DirectedGraph {
    /// The graph with every arrow out of `nodes` removed (Pearl's G with X
    /// underlined, written G_X̲), used by the back-door and instrument criteria.
    public func removingEdges(outOf nodes: Set<Int>) -> DirectedGraph {
        keepingEdges { from, _ in !nodes.contains(from) }
    }

    /// The graph with every arrow into `nodes` removed (G with X overlined, G_X̄):
    /// the graph of the hard intervention do(X = x), in which X no longer listens
    /// to its causes.
    public func removingEdges(into nodes: Set<Int>) -> DirectedGraph {
        keepingEdges { _, to in !nodes.contains(to) }
    }

    /// The graph of the hard intervention do(X = x) on the named variables:
    /// every arrow into them removed. Throws `GraphError.unknownNode`.
    public func intervening(on names: Set<String>) throws -> DirectedGraph {
        removingEdges(into: try indices(of: names, place: "the intervention"))
    }

    /// The same nodes with only the edges for which `keep(from, to)` holds.
    private func keepingEdges(_ keep: (Int, Int) -> Bool) -> DirectedGraph {
        DirectedGraph(names: names, isLatent: isLatent, indexByName: indexByName,
                      edges: edges.filter { keep($0.from, $0.to) })
    }
}
