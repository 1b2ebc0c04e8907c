import Foundation
import MachineResources
import Probability
import Reporting

extension BayesianNetwork {
    /// The network as a structural causal model: every variable X with states
    /// x₀ … x_(K−1) becomes `X ~ Categorical(p₁, …, p_K)`, one uniform noise term U_X
    /// per unit thresholded by the noise convention (X = the smallest k with
    /// U_X ≤ c_k, the running sums of its table row; `NoiseConvention.swift`), so
    /// states are coded 0 … K−1 in the BIF's order. Each p_k is its table column as
    /// a decision tree over the parents (`ifelse(A == 0, …, ifelse(A == 1, …, …))`,
    /// the last state of a parent taking the `else` branch; a sub-tree whose rows all
    /// agree is one constant). Interventions, potential outcomes and exact-enumeration
    /// counterfactuals then work on it as on any model.
    ///
    /// Throws `ModelError` naming a variable on a cycle.
    public func structuralCausalModel() throws -> StructuralCausalModel {
        let counts = Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0.states.count) })
        var variables: [Variable] = []
        var terms: [NoiseTerm] = []
        for node in nodes {
            let radices = node.parents.map { counts[$0] ?? 1 }
            let parameters = node.states.indices.map { k in
                Self.decisionTree(parents: node.parents, radices: radices, depth: 0, configuration: 0) { node.table[$0][k] }
            }
            let term = NoiseTerm(name: NoiseTerm.inlineName(for: node.name, index: 0), family: .categorical, parameters: parameters)
            terms.append(term)
            variables.append(Variable(name: node.name, equation: .noise(term.name)))
        }
        return try StructuralCausalModel(variables: variables, noiseTerms: terms)
    }

    /// The value of `entry` (a function of the configuration number) as a decision
    /// tree on the parents from `depth` on, the parents before fixed at `configuration`.
    private static func decisionTree(parents: [String], radices: [Int], depth: Int, configuration: Int,
                                     entry: (Int) -> Double) -> Expr {
        guard depth < parents.count else { return .constant(entry(configuration)) }
        let branches = (0..<radices[depth]).map { s in
            decisionTree(parents: parents, radices: radices, depth: depth + 1,
                         configuration: configuration * radices[depth] + s, entry: entry)
        }
        guard let last = branches.last, branches.contains(where: { $0 != last }) else { return branches[0] }
        var tree = last
        for s in stride(from: branches.count - 2, through: 0, by: -1) {
            tree = .ifElse(condition: .binary(.equal, .variable(parents[depth]), .constant(Double(s))),
                           then: branches[s], otherwise: tree)
        }
        return tree
    }

    /// The discrete model `model` as a network: its conditional probability tables,
    /// read from the mechanisms by evaluating their parameters at every configuration
    /// of the parents. Every variable's equation must be one discrete noise term with
    /// finitely many values (Categorical, Bernoulli, BernoulliLogit, or Binomial with a
    /// constant n) whose parameters read only the parents. State k is coded k; its name
    /// is `states[variable]?[k]` when given (the BIF's names, for a round trip), else "k".
    /// A variable set to a constant c (an intervention) is a point mass on state c.
    /// A Categorical row whose weights do not sum to 1 is normalised.
    ///
    /// Throws `ModelError` naming the first variable that is not such a mechanism.
    public init(model: StructuralCausalModel, name: String = "unknown", states names: [String: [String]] = [:]) throws {
        var stateCounts: [String: Int] = [:]
        var nodes: [Node?] = Array(repeating: nil, count: model.variables.count)
        for v in model.evaluationOrder {
            let variable = model.variables[v]
            if case .constant(let c) = variable.equation {
                let count = names[variable.name]?.count ?? Int(max(0, min(c, 1e6))) + 1
                guard c >= 0, c < Double(count), c == c.rounded() else {
                    throw ModelError("is set to \(c.compactDescription), which is not one of its states", variable: variable.name)
                }
                let row = (0..<count).map { Double($0) == c ? 1.0 : 0.0 }
                stateCounts[variable.name] = count
                nodes[v] = Node(name: variable.name, states: names[variable.name] ?? row.indices.map { "\($0)" },
                                parents: [], table: [row])
                continue
            }
            guard case .noise(let termName) = variable.equation, let term = model.noiseTerm(named: termName) else {
                throw ModelError("its equation is not a single discrete noise term, so it has no probability table",
                                 variable: variable.name)
            }
            let parents = try model.parents(of: variable.name)
            let radices = parents.map { stateCounts[$0] ?? 0 }
            let configurations = radices.reduce((value: 1, overflow: false)) { product, radix in
                let next = product.value.multipliedReportingOverflow(by: radix)
                return (next.partialValue, product.overflow || next.overflow)
            }
            let rowBytes = 8 * max(1, stateCounts[variable.name] ?? 1)
            guard !configurations.overflow, MemoryBudget.fits(configurations.value, bytesEach: rowBytes) else {
                throw ModelError("its probability table would have more parent configurations than fit in memory",
                                 variable: variable.name)
            }
            var table: [[Double]] = []
            for configuration in 0..<configurations.value {
                var value: [String: Double] = [:]
                var rest = configuration
                for (parent, radix) in zip(parents, radices).reversed() {
                    value[parent] = Double(rest % radix)
                    rest /= radix
                }
                let parameters = term.parameters.map { p in
                    p.rewritten { e in if case .variable(let n) = e, let x = value[n] { return .constant(x) } else { return e } }
                        .constantValue ?? .nan
                }
                table.append(try Self.row(term.family, parameters, variable: variable.name))
            }
            stateCounts[variable.name] = table[0].count
            let stateNames = names[variable.name] ?? table[0].indices.map { "\($0)" }
            guard stateNames.count == table[0].count else {
                throw ModelError("\(stateNames.count) state names given for \(table[0].count) states", variable: variable.name)
            }
            nodes[v] = Node(name: variable.name, states: stateNames, parents: parents, table: table)
        }
        try self.init(name: name, nodes: nodes.compactMap { $0 })
    }

    /// One table row: the probabilities of the values 0, 1, … of a discrete family with parameters `p`.
    private static func row(_ family: DistributionFamily, _ p: [Double], variable: String) throws -> [Double] {
        guard family.isValid(p) else {
            throw ModelError("its \(family.rawValue) parameters are not valid constants for every configuration of its parents",
                             variable: variable)
        }
        switch family {
        case .categorical:
            let sum = p.reduce(0, +)
            return abs(sum - 1) <= rowSumTolerance ? p : p.map { $0 / sum }
        case .bernoulli: return [1 - p[0], p[0]]
        case .bernoulliLogit: return [1 - Logistic.value(p[0]), Logistic.value(p[0])]
        case .binomial:
            let d = try Binomial(trials: p[0], probability: p[1])
            return (0...d.trials).map { exp(d.logDensity(Double($0))) }
        default:
            throw ModelError("its \(family.rawValue) noise does not take finitely many values, so it has no probability table",
                             variable: variable)
        }
    }
}
