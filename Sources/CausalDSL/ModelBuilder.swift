import CausalModel

precedencegroup EquationPrecedence {
    lowerThan: ComparisonPrecedence
    higherThan: AssignmentPrecedence
}

/// `"name" ~ right-hand side`: one structural equation (or, on a `Noise`, a
/// noise-term declaration).
infix operator ~ : EquationPrecedence

/// A line of a model: an equation, or a declaration of a shared noise term.
public struct Statement: Sendable {
    enum Kind: Sendable {
        case equation(name: String, term: Term, isLatent: Bool)
        case noise(name: String, term: Term)
        /// `priors` is empty for a flat prior, else holds the one prior.
        case parameter(name: String, priors: [Term])
    }
    let kind: Kind

    /// This equation's variable marked latent (unobserved).
    public var latent: Statement {
        guard case .equation(let name, let term, _) = kind else { return self }
        return Statement(kind: .equation(name: name, term: term, isLatent: true))
    }
}

/// The equation `name := term`.
public func ~ (name: String, term: Term) -> Statement {
    Statement(kind: .equation(name: name, term: term, isLatent: false))
}

/// The name of a noise term declared on its own, to be read by several
/// equations (a hidden common cause): `Noise("U") ~ Normal(0, 1)`.
public struct Noise: Sendable {
    let name: String
    /// The noise term called `name`.
    public init(_ name: String) { self.name = name }
}

/// Declares a shared noise term; `term` must be a single distribution with constant parameters.
public func ~ (noise: Noise, term: Term) -> Statement {
    Statement(kind: .noise(name: noise.name, term: term))
}

/// Gathers a model's statements; it only collects them (meaning lives in
/// `StructuralCausalModel`'s validating initializer). Supports `if`, `if/else`
/// and `for` loops, so a family of variables can be written once.
@resultBuilder
public enum ModelBuilder {
    /// One statement.
    public static func buildExpression(_ statement: Statement) -> [Statement] { [statement] }
    /// Statements in order.
    public static func buildBlock(_ parts: [Statement]...) -> [Statement] { parts.flatMap { $0 } }
    /// The statements of an `if` without `else`, when its condition holds.
    public static func buildOptional(_ part: [Statement]?) -> [Statement] { part ?? [] }
    /// The statements of the first branch of an `if`/`else`.
    public static func buildEither(first: [Statement]) -> [Statement] { first }
    /// The statements of the second branch of an `if`/`else`.
    public static func buildEither(second: [Statement]) -> [Statement] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[Statement]]) -> [Statement] { parts.flatMap { $0 } }
}

/// A structural causal model written in Swift:
///
///     let confounding = try SCM {
///         "temperature" ~ Normal(23, 3)
///         "price"       ~ 2 * "temperature" + Normal(0, 5)
///         "bookings"    ~ -1 * "price" + 5 * "temperature" + Normal(0, 5)
///     }
///
/// It compiles to the same `StructuralCausalModel` value as the model file with
/// the same lines, and is validated the same way (throws `ModelError`). A model
/// with unknowns (`Param`, `auto`) is an error here: build it with `ParametricSCM`.
public func SCM(@ModelBuilder _ statements: () -> [Statement]) throws -> StructuralCausalModel {
    try ParametricSCM(statements).model()
}

/// A model with unknowns written in Swift, the same value as the model file with the
/// same lines (`param b ~ Normal(0, 10)`, `y = auto(x, z)`):
///
///     let skeleton = try ParametricSCM {
///         Param("b") ~ Normal(0, 10)
///         Param("s")
///         "x" ~ Normal(0, 1)
///         "y" ~ "b" * "x" + Normal(0, "s")
///         "z" ~ auto("x", "y")
///     }
public func ParametricSCM(@ModelBuilder _ statements: () -> [Statement]) throws -> ParametricModel {
    var variables: [Variable] = []
    var terms: [NoiseTerm] = []
    var parameters: [ModelParameter] = []
    for statement in statements() {
        switch statement.kind {
        case let .equation(name, term, isLatent):
            var counter = 0
            let equation = term.lowered(for: name, counter: &counter, terms: &terms)
            variables.append(Variable(name: name, equation: equation, isLatent: isLatent))
        case let .noise(name, term):
            guard case .distribution(let family, let arguments) = term else {
                throw ModelError("a declared noise term must be a single distribution, such as Normal(0, 1)", variable: name)
            }
            var counter = 0
            var nested: [NoiseTerm] = []
            let parameters = arguments.map { $0.lowered(for: name, counter: &counter, terms: &nested) }
            terms.append(NoiseTerm(name: name, family: family, parameters: parameters, isDeclared: true))
        case let .parameter(name, priors):
            parameters.append(ModelParameter(name: name, prior: try priors.first?.parameterPrior(for: name) ?? .flat))
        }
    }
    return try ParametricModel(parameters: parameters, variables: variables, noiseTerms: terms)
}
