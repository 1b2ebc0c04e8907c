import CausalGraph

extension StructuralCausalModel {
    /// The causal diagram with hidden common causes made explicit: the variables
    /// and their arrows (`graph`), plus one latent node for each noise term that
    /// two or more equations read, with an arrow into each of them. Latent
    /// variables of the model stay latent. This is the graph for adjustment
    /// queries: a shared noise term is an unobserved confounder.
    public var causalDiagram: DirectedGraph {
        var readers: [String: [String]] = [:]
        for v in variables {
            for term in v.equation.noiseTerms { readers[term, default: []].append(v.name) }
        }
        let shared = noiseTerms.map(\.name).filter { (readers[$0]?.count ?? 0) > 1 }
        var edges = graph.edges.map { (from: graph.names[$0.from], to: graph.names[$0.to]) }
        for term in shared { edges += readers[term]!.map { (from: term, to: $0) } }
        let latent = Set(variables.filter(\.isLatent).map(\.name)).union(shared)
        // The names are unique and the graph is acyclic by construction of the model.
        return try! DirectedGraph(nodes: variableNames + shared, edges: edges, latent: latent)
    }
}
