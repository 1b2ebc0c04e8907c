import Reporting

/// A graph as the command line's JSON reports it (`whatif graph --format json`):
///
///     {"variables": ["temperature", "price", "bookings"],
///      "edges": [["temperature", "price"], ["temperature", "bookings"], ["price", "bookings"]],
///      "adjustmentSets": [["temperature"]]}
///
/// `variables` lists the observed variables in declaration order; `latent`
/// (present only when there are any) the unobserved ones; `edges` every arrow
/// as [from, to], latent ones included, grouped by child in declaration order;
/// `adjustmentSets` (present only when asked) the minimal back-door sets, each
/// in declaration order; `instruments` (with them) each instrument with a set it
/// needs held fixed (`DirectedGraph.conditionalInstruments`), empty when none.
public struct GraphSummary: Decodable, Equatable, Sendable {
    /// Observed variables, in declaration order.
    public var variables: [String]
    /// Latent variables, in declaration order; nil when there are none.
    public var latent: [String]?
    /// Every arrow as [from, to].
    public var edges: [[String]]
    /// The minimal back-door adjustment sets, when asked for.
    public var adjustmentSets: [[String]]?
    /// The instruments for the same effect, when asked for.
    public var instruments: [Instrument]?

    /// An instrument and the variables it needs held fixed (none for a plain instrument).
    public struct Instrument: Decodable, Equatable, Sendable {
        /// The instrument.
        public var instrument: String
        /// The conditioning set, in declaration order.
        public var given: [String]
    }

    /// The summary of a graph, with adjustment sets and instruments when given.
    public init(graph: DirectedGraph, adjustmentSets: [[String]]? = nil, instruments: [Instrument]? = nil) {
        variables = graph.names.indices.filter { !graph.isLatent[$0] }.map { graph.names[$0] }
        let hidden = graph.names.indices.filter { graph.isLatent[$0] }.map { graph.names[$0] }
        latent = hidden.isEmpty ? nil : hidden
        edges = graph.edges.map { [graph.names[$0.from], graph.names[$0.to]] }
        self.adjustmentSets = adjustmentSets
        self.instruments = instruments
    }

    /// The summary of a graph with the minimal back-door sets and the instruments
    /// for the effect of `treatment` on `outcome` (see `DirectedGraph.minimalBackDoorSets`
    /// and `DirectedGraph.conditionalInstruments`).
    public init(graph: DirectedGraph, treatment: String, outcome: String) throws {
        self.init(graph: graph, adjustmentSets: try graph.minimalBackDoorSets(treatment: treatment, outcome: outcome),
                  instruments: try graph.conditionalInstruments(treatment: treatment, outcome: outcome)
                      .map { Instrument(instrument: $0.instrument, given: $0.given) })
    }
}

extension GraphSummary {
    /// The summary as `whatif graph --format json` writes it: keys sorted, absent
    /// parts (no latent variables, no query) left out.
    public func jsonText() -> String {
        var members: [(String, JSONValue)] = [
            ("variables", .strings(variables)),
            ("edges", .array(edges.map(JSONValue.strings))),
        ]
        if let latent { members.append(("latent", .strings(latent))) }
        if let adjustmentSets { members.append(("adjustmentSets", .array(adjustmentSets.map(JSONValue.strings)))) }
        if let instruments {
            members.append(("instruments", .array(instruments.map {
                .object(["instrument": .string($0.instrument), "given": .strings($0.given)])
            })))
        }
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }
}
