import CausalGraph
import Probability
import Reporting

/// Pearl's twin network of a counterfactual query (Balke & Pearl 1994; Pearl,
/// *Causality*, §7.1.4): the factual world and the world under the
/// interventions drawn side by side, joined by the exogenous noise terms they
/// share. Counterfactual copies are named `X*`; each noise term is a latent node
/// with arrows into the variables that read it in either world.
///
/// A variable that is neither intervened on nor a descendant of one takes the
/// same value in both worlds (same equation, same noise), so by default it is
/// drawn once and both worlds read it (Pearl's merging of identical nodes).
/// d-separation in this graph decides counterfactual independencies, for
/// example whether Y_x is independent of X given the evidence.
public struct TwinNetwork: Sendable {
    /// Factual variables, counterfactual copies, then noise terms (latent).
    public let graph: DirectedGraph
    /// The counterfactual node of each variable: its copy `X*`, or the variable
    /// itself when it is shared by both worlds.
    public let counterfactualNode: [String: String]
    /// Intervened copies, with the text of the value they are set to (empty for
    /// interventions other than do(X = x)).
    public let interventions: [String: String]

    /// The twin network as Graphviz DOT: intervened copies drawn as set, the
    /// counterfactual node of `outcome` (when given) as the outcome, with `title`
    /// as the caption.
    public func dot(outcome: String? = nil, title: String? = nil) throws -> String {
        var highlight = GraphHighlight(interventions: interventions, title: title)
        if let outcome {
            guard let node = counterfactualNode[outcome] else {
                throw ModelError("no variable named '\(outcome)' in the twin network")
            }
            highlight.outcomes = [node]
        }
        return try graph.dot(highlighting: highlight)
    }

    /// The twin network as DOT with its caption in words: "Twin network: Y had do(X = 1)
    /// been done" for a query about `outcome`, "Twin network: the world where do(X = 1)"
    /// without one (interventions in the graph's order).
    public func captionedDOT(outcome: String? = nil) throws -> String {
        let variable = Dictionary(counterfactualNode.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let done = graph.names.compactMap { node in interventions[node].map { "do(\(variable[node] ?? node) = \($0))" } }
            .joined(separator: ", ")
        let subject = outcome.map { "\($0) had \(done) been done" } ?? "the world where \(done)"
        return try dot(outcome: outcome, title: "Twin network: \(subject)")
    }
}

extension StructuralCausalModel {
    /// The twin network of counterfactuals under `interventions`. With
    /// `mergingSharedVariables` (the default), variables that cannot differ
    /// between the worlds are drawn once.
    public func twinNetwork(doing interventions: [Intervention], mergingSharedVariables: Bool = true) throws -> TwinNetwork {
        let world = try intervening(interventions)
        let intervened = Set(interventions.map(\.variable))
        let changed = mergingSharedVariables
            ? world.graph.names(of: world.graph.descendants(of: try world.graph.indices(of: intervened, place: "the interventions")))
                .union(intervened)
            : Set(variableNames)
        var node: [String: String] = [:]
        for name in variableNames { node[name] = changed.contains(name) ? name + "*" : name }
        let copies = variables.filter { changed.contains($0.name) }
        var nodes = variableNames + copies.map { node[$0.name]! }
        var latent = Set(variables.filter(\.isLatent).map(\.name))
        latent.formUnion(copies.filter(\.isLatent).map { node[$0.name]! })
        var edges = graph.edges.map { (from: graph.names[$0.from], to: graph.names[$0.to]) }
        for copy in copies {
            for parent in try world.parents(of: copy.name) { edges.append((node[parent]!, node[copy.name]!)) }
        }
        var readers: [(term: String, node: String)] = []
        for v in variables { for term in v.equation.noiseTerms { readers.append((term, v.name)) } }
        for copy in copies {
            for term in try world.variable(named: copy.name).equation.noiseTerms { readers.append((term, node[copy.name]!)) }
        }
        var terms: [String] = []
        for (term, _) in readers where !terms.contains(term) { terms.append(term) }
        nodes += terms
        latent.formUnion(terms)
        edges += readers.map { (from: $0.term, to: $0.node) }
        let values = Dictionary(interventions.map { intervention -> (String, String) in
            if case .set(let name, let value) = intervention { return (node[name]!, value.compactDescription) }
            return (node[intervention.variable]!, "")
        }, uniquingKeysWith: { first, _ in first })
        do {
            let graph = try DirectedGraph(nodes: nodes, edges: edges, latent: latent)
            return TwinNetwork(graph: graph, counterfactualNode: node, interventions: values)
        } catch {
            throw ModelError("cannot draw the twin network: \(error)")
        }
    }
}
