import CausalGraph
import Reporting

/// One endogenous variable: its name and its structural equation.
public struct Variable: Hashable, Sendable {
    /// The variable's name (a column of sampled data).
    public let name: String
    /// The structural equation: the variable's value as a function of its parents and noise.
    public let equation: Expr
    /// Whether the variable is unobserved (it is sampled, but graph queries never adjust for it).
    public let isLatent: Bool

    /// The variable `name` := `equation`, latent (unobserved) or not.
    public init(name: String, equation: Expr, isLatent: Bool = false) {
        self.name = name
        self.equation = equation
        self.isLatent = isLatent
    }
}

/// A structural causal model: variables in declaration order, each with a
/// structural equation over its parents and its own named exogenous noise terms.
///
/// X_j := f_j(pa(X_j), U_j), with the noise terms U mutually independent. The
/// causal graph is derived from the equations (an arrow from every variable an
/// equation reads to the variable it defines), never declared separately.
///
/// The initializer validates the model: variable names are unique; every
/// variable and noise term an equation reads is declared; the graph is acyclic
/// (a cycle is named); noise parameters that must be constant are constant, and
/// constant parameters are valid (a negative standard deviation is an error
/// naming the variable). Interventions (`intervening(_:)`) return new models.
public struct StructuralCausalModel: Hashable, Sendable {
    /// The variables, in declaration order.
    public let variables: [Variable]
    /// The exogenous noise terms, in order of first use.
    public let noiseTerms: [NoiseTerm]
    /// Variable indices in an order where parents come first (declaration order where possible).
    public let evaluationOrder: [Int]
    /// The causal graph over the variables (latent variables flagged).
    public let graph: DirectedGraph

    private let variableIndex: [String: Int]
    private let noiseIndex: [String: Int]

    /// A validated model. Throws `ModelError` naming the variable at fault.
    ///
    /// An equation may name a noise term as if it were a variable (`x = U + 1`
    /// with a declared term `U`); such names are read as the noise term.
    public init(variables declared: [Variable], noiseTerms: [NoiseTerm]) throws {
        guard !declared.isEmpty else { throw ModelError("the model has no variables") }
        let variableNames = Set(declared.map(\.name))
        let termNames = Set(noiseTerms.map(\.name))
        let variables = declared.map { v in
            Variable(name: v.name, equation: v.equation.rewritten { e in
                if case .variable(let n) = e, termNames.contains(n), !variableNames.contains(n) { return .noise(n) }
                return e
            }, isLatent: v.isLatent)
        }
        var variableIndex: [String: Int] = [:]
        for (i, v) in variables.enumerated() {
            guard !v.name.isEmpty else { throw ModelError("a variable has an empty name") }
            if variableIndex.updateValue(i, forKey: v.name) != nil {
                throw ModelError("declared twice", variable: v.name)
            }
        }
        var noiseIndex: [String: Int] = [:]
        for (i, term) in noiseTerms.enumerated() {
            if noiseIndex.updateValue(i, forKey: term.name) != nil {
                throw ModelError("is declared twice", noiseTerm: term.name)
            }
            if variableIndex[term.name] != nil {
                throw ModelError("has the same name as a variable", noiseTerm: term.name)
            }
        }
        var edges: [(from: String, to: String)] = []
        var firstReader: [String: String] = [:]
        for v in variables {
            for parent in Self.parents(of: v.equation, terms: { noiseIndex[$0].map { noiseTerms[$0] } }) {
                guard variableIndex[parent] != nil else {
                    let hint = Suggestion.hint(for: parent, among: Array(variableIndex.keys))
                    throw ModelError("reads unknown variable '\(parent)'\(hint)", variable: v.name)
                }
                edges.append((parent, v.name))
            }
            for name in v.equation.noiseTerms {
                guard noiseIndex[name] != nil else { throw ModelError("reads unknown noise term '\(name)'", variable: v.name) }
                if firstReader[name] == nil { firstReader[name] = v.name }
            }
        }
        for term in noiseTerms { try Self.validate(term, readBy: firstReader[term.name]) }
        let graph: DirectedGraph
        do {
            graph = try DirectedGraph(nodes: variables.map(\.name), edges: edges,
                                      latent: Set(variables.filter(\.isLatent).map(\.name)))
            evaluationOrder = try graph.topologicalOrder()
        } catch let error as GraphError {
            switch error {
            case .selfLoop(let name): throw ModelError("its equation reads itself", variable: name)
            case .cycle(let path): throw ModelError("\(error)", variable: path.first)
            default: throw ModelError("\(error)")
            }
        }
        self.variables = variables
        self.noiseTerms = noiseTerms
        self.graph = graph
        self.variableIndex = variableIndex
        self.noiseIndex = noiseIndex
    }

    /// The variables an equation reads: those in the expression and those in the
    /// parameters of the noise terms it reads (`Bernoulli(logistic(z))` reads z),
    /// in order of first appearance.
    static func parents(of equation: Expr, terms: (String) -> NoiseTerm?) -> [String] {
        var seen = equation.variables
        for name in equation.noiseTerms {
            for parameter in terms(name)?.parameters ?? [] {
                for v in parameter.variables where !seen.contains(v) { seen.append(v) }
            }
        }
        return seen
    }

    /// The parents of variable `name`: every variable its mechanism reads.
    public func parents(of name: String) throws -> [String] {
        try Self.parents(of: variable(named: name).equation, terms: noiseTerm(named:))
    }

    /// Checks a noise term's parameters: arity, constant shape parameters, constant
    /// parameters of declared (shared) terms, and the values of constant parameters.
    private static func validate(_ term: NoiseTerm, readBy variable: String?) throws {
        let family = term.family
        func failure(_ message: String) -> ModelError {
            term.isDeclared ? ModelError(message, noiseTerm: term.name) : ModelError(message, variable: variable ?? term.name)
        }
        guard family.arity.contains(term.parameters.count) else {
            throw failure("\(family.rawValue) takes \(family.parameterNames.joined(separator: ", ")), not \(term.parameters.count) argument(s)")
        }
        for i in family.shapeParameters where term.parameters[i].constantValue == nil {
            throw failure("\(family.rawValue) parameter \(family.parameterName(i)) must be a constant")
        }
        let constants = term.parameters.map(\.constantValue)
        if term.isDeclared, let i = constants.firstIndex(where: { $0 == nil }) {
            throw failure("the parameters of a declared noise term must be constants (\(family.parameterName(i)) is not)")
        }
        if constants.allSatisfy({ $0 != nil }), let violation = family.violation(constants.map { $0! }) {
            throw failure("\(violation)")
        }
        for i in term.parameters.indices where !term.parameters[i].noiseTerms.isEmpty {
            throw failure("\(family.rawValue) parameter \(family.parameterName(i)) may not contain another noise term")
        }
    }

    /// The index of the variable called `name`, if any.
    public func index(of name: String) -> Int? { variableIndex[name] }

    /// The variable called `name`, or an error naming it (with a likely intended name).
    public func variable(named name: String) throws -> Variable {
        guard let i = variableIndex[name] else { throw unknownVariable(name) }
        return variables[i]
    }

    /// The noise term called `name`, if any.
    public func noiseTerm(named name: String) -> NoiseTerm? { noiseIndex[name].map { noiseTerms[$0] } }

    /// The index of the noise term called `name`, if any.
    public func noiseTermIndex(of name: String) -> Int? { noiseIndex[name] }

    /// Variable names in declaration order.
    public var variableNames: [String] { variables.map(\.name) }

    /// The error for a name that is not a variable of this model.
    public func unknownVariable(_ name: String) -> ModelError {
        let hint = Suggestion.hint(for: name, among: variableNames)
        return ModelError("no variable named '\(name)' in the model\(hint)")
    }

    /// Models are equal when their variables (in order) and their noise terms
    /// (in any order: a term is known by its name) are equal.
    public static func == (a: StructuralCausalModel, b: StructuralCausalModel) -> Bool {
        a.variables == b.variables && Set(a.noiseTerms) == Set(b.noiseTerms)
    }

    /// Hashes the parts that `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(variables)
        hasher.combine(Set(noiseTerms))
    }
}
