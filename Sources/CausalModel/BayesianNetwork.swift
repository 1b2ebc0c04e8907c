import Reporting

/// A discrete Bayesian network: named variables with finitely many named states,
/// each with a conditional probability table given its parents — the content of a
/// BIF file (the bnlearn repository's format; `BIFParser`, `BayesianNetwork+BIF.swift`).
///
/// P(X = x_k | pa(X) = c) = `table[c][k]`, where the parent configuration c is
/// numbered in mixed radix with the *last* parent varying fastest (the order of the
/// rows of a BIF table): c = ((s₁·K₂ + s₂)·K₃ + s₃)… for parent states s₁, s₂, s₃
/// with K₂, K₃ states. `structuralCausalModel()` turns the network into a structural
/// causal model (one uniform noise term per variable); `init(model:states:)` reads a
/// discrete model back.
public struct BayesianNetwork: Hashable, Sendable {
    /// One variable: its states, its parents and its table.
    public struct Node: Hashable, Sendable {
        /// The variable's name.
        public let name: String
        /// Its state names, in order: state k is coded k (0-based) in the model and its samples.
        public let states: [String]
        /// Its parents, in the order of the table's configurations.
        public let parents: [String]
        /// One row of probabilities (one per state) for each parent configuration (see the type).
        public let table: [[Double]]

        /// A node; `BayesianNetwork.init(name:nodes:)` checks it against the others.
        public init(name: String, states: [String], parents: [String], table: [[Double]]) {
            self.name = name
            self.states = states
            self.parents = parents
            self.table = table
        }
    }

    /// How far a table row's sum may be from 1 (published networks round their
    /// probabilities, so rows sum to 1 only within a few units in the last printed digit).
    public static let rowSumTolerance = 1e-3

    /// The network's name (`network NAME { }` in BIF).
    public let name: String
    /// The variables, in declaration order.
    public let nodes: [Node]

    /// A checked network. Throws `ModelError` naming the variable when a name is
    /// declared twice, a variable has no state or a state twice, a parent is not a
    /// variable, a table has the wrong number of rows or of entries in a row, a
    /// probability is negative or not finite, or a row does not sum to 1 (within
    /// `rowSumTolerance`). Cycles are found when the model is built
    /// (`structuralCausalModel()`).
    public init(name: String, nodes: [Node]) throws {
        var stateCounts: [String: Int] = [:]
        for node in nodes {
            guard !node.states.isEmpty else { throw ModelError("has no states", variable: node.name) }
            guard Set(node.states).count == node.states.count else { throw ModelError("lists a state twice", variable: node.name) }
            guard stateCounts.updateValue(node.states.count, forKey: node.name) == nil else {
                throw ModelError("is declared twice", variable: node.name)
            }
        }
        for node in nodes {
            var rows = 1
            for parent in node.parents {
                guard let count = stateCounts[parent] else {
                    throw ModelError("its table names parent '\(parent)', which is not a declared variable", variable: node.name)
                }
                let product = rows.multipliedReportingOverflow(by: count)
                guard !product.overflow else {
                    throw ModelError("its table has more parent configurations than can be counted", variable: node.name)
                }
                rows = product.partialValue
            }
            guard node.table.count == rows else {
                throw ModelError("its table has \(node.table.count) rows, but its parents have \(rows) configurations",
                                 variable: node.name)
            }
            for (c, row) in node.table.enumerated() {
                if let problem = Self.problem(with: row, states: node.states.count) {
                    throw ModelError("table row \(c + 1): \(problem)", variable: node.name)
                }
            }
        }
        self.name = name
        self.nodes = nodes
    }

    /// What is wrong with a table row of a variable with `states` states, or nil:
    /// its length, a probability that is negative or not finite, or a sum other than 1.
    static func problem(with row: [Double], states: Int) -> String? {
        guard row.count == states else { return "has \(row.count) probabilities for \(states) states" }
        if let bad = row.first(where: { !($0 >= 0 && $0.isFinite) }) { return "probability \(bad) is not in [0, 1]" }
        let sum = row.reduce(0, +)
        guard abs(sum - 1) <= rowSumTolerance else { return "the probabilities sum to \(NumberFormatting.significant(sum, digits: 6)), not 1" }
        return nil
    }

    /// The node called `name`, if any.
    public func node(named name: String) -> Node? { nodes.first { $0.name == name } }

    /// State names by variable.
    public var stateNames: [String: [String]] {
        Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0.states) })
    }
}
