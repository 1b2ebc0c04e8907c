/// What a graph picture marks, by variable name: the roles in a causal query.
///
/// Roles are drawn so that they differ in shape and line as well as colour
/// (they stay readable in grey): treatment a bold green ellipse, outcome a bold
/// orange double ellipse, adjustment set a blue box, latent variables dashed
/// with grey text (and dashed arrows out of them), intervened variables a grey
/// double box labelled with the value they are set to.
public struct GraphHighlight: Equatable, Sendable {
    /// Treatment variables.
    public var treatments: Set<String>
    /// Outcome variables.
    public var outcomes: Set<String>
    /// Variables in an adjustment set.
    public var adjustment: Set<String>
    /// Variables set by do(X = x), with the text of the value (for example
    /// "50"); an empty text shows do(X) without a value.
    public var interventions: [String: String]
    /// A caption above the picture.
    public var title: String?
    /// Whether to draw a legend of the roles that appear.
    public var showsLegend: Bool

    /// Marks for the given roles; every argument is optional.
    public init(treatments: Set<String> = [], outcomes: Set<String> = [], adjustment: Set<String> = [],
                interventions: [String: String] = [:], title: String? = nil, showsLegend: Bool = true) {
        self.treatments = treatments
        self.outcomes = outcomes
        self.adjustment = adjustment
        self.interventions = interventions
        self.title = title
        self.showsLegend = showsLegend
    }
}

extension DirectedGraph {
    /// The graph in the Graphviz DOT language, laid out left to right, nodes in
    /// declaration order and edges grouped by child, so the same graph always
    /// gives the same text. Node identifiers are `n0, n1, …` (by index) and
    /// names appear only as quoted labels, so any name is safe.
    ///
    /// Throws `GraphError.unknownNode` when a highlighted name is not a node.
    /// To draw an intervention, draw the intervened graph (see
    /// `interventionDOT(setting:highlighting:)`).
    public func dot(highlighting highlight: GraphHighlight = GraphHighlight()) throws -> String {
        let roles = try nodeRoles(highlight)
        var lines = ["digraph \"causal graph\" {"]
        var graphAttributes = ["rankdir=LR", "fontname=\"Helvetica\"", "nodesep=0.4", "ranksep=0.6"]
        if let title = highlight.title {
            graphAttributes += ["label=\(DOTStyle.quoted(title))", "labelloc=t", "fontsize=16"]
        }
        lines.append("  graph [\(graphAttributes.joined(separator: ", "))];")
        lines.append("  node [\(DOTStyle.defaultNode)];")
        lines.append("  edge [\(DOTStyle.defaultEdge)];")
        for v in 0..<nodeCount {
            var label = names[v]
            if let value = highlight.interventions[names[v]] {
                label = value.isEmpty ? "do(\(names[v]))" : "\(names[v]) = \(value)"
            }
            let style = roles[v].map(\.attributes).joined(separator: ", ")
            lines.append("  n\(v) [label=\(DOTStyle.quoted(label))\(style.isEmpty ? "" : ", " + style)];")
        }
        for (from, to) in edges {
            lines.append("  n\(from) -> n\(to)\(isLatent[from] ? " [style=dashed]" : "");")
        }
        let present = Set(roles.joined())
        if highlight.showsLegend && !present.isEmpty {
            lines += DOTStyle.legend(for: NodeRole.allCases.filter(present.contains))
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The picture of do(X = x): the graph with every arrow into the intervened
    /// variables removed, those variables drawn as set to their values.
    /// `values` maps each intervened name to the text of its value.
    public func interventionDOT(setting values: [String: String],
                                highlighting highlight: GraphHighlight = GraphHighlight()) throws -> String {
        var marked = highlight
        marked.interventions.merge(values) { _, new in new }
        return try intervening(on: Set(values.keys)).dot(highlighting: marked)
    }

    /// The roles of each node, most specific last (it sets the shape and colours).
    private func nodeRoles(_ highlight: GraphHighlight) throws -> [[NodeRole]] {
        var roles = (0..<nodeCount).map { isLatent[$0] ? [NodeRole.latent] : [] }
        let marked: [(NodeRole, Set<String>, String)] = [
            (.adjustment, highlight.adjustment, "the adjustment set"),
            (.treatment, highlight.treatments, "the treatments"),
            (.outcome, highlight.outcomes, "the outcomes"),
            (.intervened, Set(highlight.interventions.keys), "the interventions"),
        ]
        for (role, names, place) in marked {
            for v in try indices(of: names, place: place) { roles[v].append(role) }
        }
        return roles
    }
}

/// A role a node can play in a picture, with its drawing.
enum NodeRole: CaseIterable {
    case treatment, outcome, adjustment, latent, intervened

    /// The DOT attributes of the role (later roles override earlier ones).
    var attributes: String {
        switch self {
        case .latent: return "style=\"dashed\", fontcolor=\"#666666\", color=\"#666666\""
        case .adjustment: return "shape=box, style=\"rounded,filled\", fillcolor=\"#cbd5e8\", color=\"#7570b3\", penwidth=1.5"
        case .treatment: return "style=filled, fillcolor=\"#b3e2cd\", color=\"#1b9e77\", penwidth=2.5"
        case .outcome: return "peripheries=2, style=filled, fillcolor=\"#fdcdac\", color=\"#d95f02\", penwidth=1.5"
        case .intervened: return "shape=box, peripheries=2, style=filled, fillcolor=\"#dddddd\", color=\"#333333\", penwidth=1.5"
        }
    }

    /// The legend's wording for the role.
    var legendLabel: String {
        switch self {
        case .treatment: return "treatment"
        case .outcome: return "outcome"
        case .adjustment: return "adjusted for"
        case .latent: return "latent (unobserved)"
        case .intervened: return "set by do( )"
        }
    }
}

/// Shared pieces of the DOT text.
enum DOTStyle {
    static let defaultNode = "shape=ellipse, style=filled, fillcolor=\"white\", color=\"#333333\", fontname=\"Helvetica\", fontsize=12"
    static let defaultEdge = "color=\"#444444\", arrowsize=0.8"

    /// A DOT string literal: quotes and backslashes escaped, newlines as \n.
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": continue
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// A boxed legend with one sample node per role, stacked.
    static func legend(for roles: [NodeRole]) -> [String] {
        var lines = ["  subgraph cluster_legend {",
                     "    label=\"Legend\"; fontsize=11; style=rounded; color=\"#999999\";"]
        for (k, role) in roles.enumerated() {
            lines.append("    legend\(k) [label=\(quoted(role.legendLabel)), fontsize=10, \(role.attributes)];")
        }
        lines.append("    { rank=same; \(roles.indices.map { "legend\($0);" }.joined(separator: " ")) }")
        lines.append("  }")
        return lines
    }
}
