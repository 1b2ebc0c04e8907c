import CausalModel

/// The name of an unknown number of a model, to be estimated from data (the DSL's
/// `param` line): `Param("b")` alone declares it with a flat prior,
/// `Param("b") ~ Normal(0, 10)` with a Normal prior. Equations read it by name, as
/// they read a variable: `"y" ~ "b" * "x" + Normal(0, "s")`.
public struct Param: Sendable {
    let name: String
    /// The parameter called `name`.
    public init(_ name: String) { self.name = name }
}

/// Declares a parameter with a prior; `prior` must be `Normal(mean, sd)` with two numbers.
public func ~ (parameter: Param, prior: Term) -> Statement {
    Statement(kind: .parameter(name: parameter.name, priors: [prior]))
}

/// An automatic mechanism (the model file's `auto(x, z)`): the variable's mechanism given
/// `parents`, its family chosen from the data when the model is fitted.
public func auto(_ parents: String...) -> Term {
    .custom(ParametricModel.automatic, parents.map { .name($0) })
}

extension ModelBuilder {
    /// A parameter declared with a flat prior.
    public static func buildExpression(_ parameter: Param) -> [Statement] {
        [Statement(kind: .parameter(name: parameter.name, priors: []))]
    }
}

extension Term {
    /// The prior `Normal(mean, sd)` this term states, or an error naming `parameter`.
    func parameterPrior(for parameter: String) throws -> ParameterPrior {
        guard case .distribution(.normal, let arguments) = self, arguments.count == 2,
              case .constant(let mean) = arguments[0], case .constant(let sd) = arguments[1] else {
            throw ModelError("parameter '\(parameter)': a prior is Normal(mean, sd) with two numbers")
        }
        return .normal(mean: mean, sd: sd)
    }
}
