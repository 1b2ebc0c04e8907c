/// A model with unknowns: declared parameters (`param b ~ Normal(0, 10)`) read by its
/// equations, and automatic mechanisms (`y = auto(x, z)`) whose family is chosen from
/// the data. It is what a model file with `param` or `auto` lines parses to; `whatif fit`
/// turns it into a `StructuralCausalModel` by giving every unknown a value
/// (`resolved(_:mechanisms:)`). Until then it cannot be sampled (`model()` says so).
///
/// Equations read a parameter as `.variable(name)`; an automatic mechanism is the
/// equation `.custom(ParametricModel.automatic, parents)`. The graph and the names are
/// validated as for any model (a parameter counts as a constant there).
public struct ParametricModel: Equatable, Sendable {
    /// The declared parameters, in declaration order.
    public let parameters: [ModelParameter]
    /// The variables, in declaration order (equations may read parameters).
    public let variables: [Variable]
    /// The noise terms (their parameters may read parameters too).
    public let noiseTerms: [NoiseTerm]

    /// The placeholder function of an automatic mechanism, `auto(x, z)`: its arguments
    /// are the parents; it is never evaluated (a model that still has one cannot be sampled).
    public static let automatic = ColumnFunction(name: "auto") { _, out in
        for i in out.indices { out[i] = .nan }
    }

    /// A validated parametric model: parameter names unique and distinct from
    /// variables and noise terms, and the model valid once parameters are read as constants.
    public init(parameters: [ModelParameter], variables: [Variable], noiseTerms: [NoiseTerm]) throws {
        var seen = Set(variables.map(\.name)).union(noiseTerms.map(\.name))
        for p in parameters {
            guard seen.insert(p.name).inserted else {
                throw ModelError("parameter '\(p.name)' has the name of another parameter, variable or noise term", location: p.location)
            }
            if case .normal(_, let sd) = p.prior, !(sd > 0 && sd.isFinite) {
                throw ModelError("parameter '\(p.name)': the prior's sd must be positive and finite", location: p.location)
            }
        }
        self.parameters = parameters
        self.variables = variables
        self.noiseTerms = noiseTerms
        structure = try Self.substituting(Dictionary(parameters.map { ($0.name, 1.0) }, uniquingKeysWith: { a, _ in a }),
                                          mechanisms: [:], variables: variables, noiseTerms: noiseTerms)
    }

    /// The graph and names of the model: the model with every parameter read as the
    /// constant 1 (a parameter may be a noise scale, so 1 rather than 0).
    public let structure: StructuralCausalModel

    /// Whether nothing is unknown: no parameter and no automatic mechanism.
    public var isFullySpecified: Bool { parameters.isEmpty && automaticVariables.isEmpty }

    /// The variables with an automatic mechanism, in declaration order, with their parents.
    public var automaticVariables: [(name: String, parents: [String])] {
        variables.compactMap { v in
            guard case .custom(let f, let arguments) = v.equation, f == Self.automatic else { return nil }
            return (v.name, arguments.flatMap(\.variables))
        }
    }

    /// The family asked for by name in an automatic mechanism (`y = auto(x, z; family = trees)`),
    /// by variable; a variable not here takes its family from the data.
    public var requestedFamilies: [String: AutomaticFamily] = [:]

    /// The parameter called `name`, if any.
    public func parameter(named name: String) -> ModelParameter? { parameters.first { $0.name == name } }


    /// The model itself when nothing is unknown; otherwise an error that names the
    /// unknowns and says to estimate them with `whatif fit`.
    public func model() throws -> StructuralCausalModel {
        guard isFullySpecified else {
            var unknowns: [String] = []
            if !parameters.isEmpty { unknowns.append("parameter(s) \(parameters.map(\.name).joined(separator: ", "))") }
            let automatic = automaticVariables.map(\.name)
            if !automatic.isEmpty { unknowns.append("automatic mechanism(s) of \(automatic.joined(separator: ", "))") }
            throw ModelError("the model has unknown \(unknowns.joined(separator: " and ")): estimate them from data with "
                + "'whatif fit MODEL DATA.csv --output FITTED.scm', then use FITTED.scm", location: parameters.first?.location)
        }
        return structure
    }

    /// The model with each parameter replaced by its value in `values` and each automatic
    /// mechanism by the equation (with its new noise terms) in `mechanisms`. Throws when
    /// a parameter or an automatic mechanism is left without a value.
    public func resolved(_ values: [String: Double],
                         mechanisms: [String: (equation: Expr, noise: [NoiseTerm])] = [:]) throws -> StructuralCausalModel {
        for p in parameters where values[p.name] == nil { throw ModelError("parameter '\(p.name)' has no value", location: p.location) }
        for v in automaticVariables where mechanisms[v.name] == nil { throw ModelError("its automatic mechanism has no equation", variable: v.name) }
        return try Self.substituting(values, mechanisms: mechanisms, variables: variables, noiseTerms: noiseTerms)
    }

    private static func substituting(_ values: [String: Double], mechanisms: [String: (equation: Expr, noise: [NoiseTerm])],
                                     variables: [Variable], noiseTerms: [NoiseTerm]) throws -> StructuralCausalModel {
        if values.isEmpty && mechanisms.isEmpty { return try StructuralCausalModel(variables: variables, noiseTerms: noiseTerms) }
        func substitute(_ e: Expr) -> Expr {
            e.rewritten { node in
                if case .variable(let name) = node, let value = values[name] { return .constant(value) }
                return node
            }
        }
        let resolvedVariables = variables.map { v in
            Variable(name: v.name, equation: mechanisms[v.name]?.equation ?? substitute(v.equation), isLatent: v.isLatent)
        }
        let resolvedTerms = noiseTerms.map {
            NoiseTerm(name: $0.name, family: $0.family, parameters: $0.parameters.map(substitute), isDeclared: $0.isDeclared)
        } + variables.flatMap { mechanisms[$0.name]?.noise ?? [] }
        return try StructuralCausalModel(variables: resolvedVariables, noiseTerms: resolvedTerms)
    }

    /// Models are equal when their parameters (names and priors, in order; not where
    /// they were declared), their variables and noise terms, and their requested families are equal.
    public static func == (a: ParametricModel, b: ParametricModel) -> Bool {
        a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.prior) == b.parameters.map(\.prior)
            && a.variables == b.variables && Set(a.noiseTerms) == Set(b.noiseTerms) && a.requestedFamilies == b.requestedFamilies
    }
}

/// A mechanism family an automatic mechanism may ask for by name, instead of letting the
/// data choose it: `y = auto(x, z; family = trees)`.
public enum AutomaticFamily: String, Sendable, CaseIterable {
    /// y = intercept + Σ βᵢ·parentᵢ + Normal(0, σ), flat priors (exact posterior).
    case linear
    /// y ~ Bernoulli(logistic(intercept + Σ βᵢ·parentᵢ)), for a 0/1 variable (MCMC).
    case logistic
    /// y ~ Poisson(exp(intercept + Σ βᵢ·parentᵢ)), for a count (MCMC).
    case poisson
    /// A table of P(y = k | parents) for each configuration of discrete parents, y a whole
    /// number from 0 to 9: Bernoulli for two levels, Categorical otherwise (Beta or
    /// Dirichlet(1, …, 1) priors, exact posterior).
    case table
    /// y = f(parents) + Normal(0, σ) with f a gradient-boosted regression ensemble, written
    /// to the fitted model as `y = trees(x, z) + Normal(0, σ)` (see `RegressionTrees`).
    case trees
}
