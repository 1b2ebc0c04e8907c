import CausalModel
import Foundation

/// A generalized linear mechanism (Nelder & Wedderburn 1972): a discrete variable whose
/// distribution's natural parameter is linear in unknown parameters,
///
///     y ~ Bernoulli(logistic(η))   or   y ~ BernoulliLogit(η)   (logistic family, y ∈ {0, 1})
///     y ~ Poisson(exp(η))                                        (Poisson family, y ∈ {0, 1, 2, …})
///     η = offset + Σₖ θₖ·fₖ
///
/// where `offset` and the features fₖ are expressions of the parents and θₖ declared
/// parameters (`y ~ Bernoulli(logistic(a + b * x))`). Its posterior is sampled by
/// `GeneralizedLinearPosterior`.
public struct GeneralizedLinearMechanism: Sendable {
    /// The distribution family and its canonical link.
    public enum Family: String, Sendable {
        /// y ∈ {0, 1}, P(y = 1) = logistic(η).
        case logistic
        /// y ∈ {0, 1, 2, …}, E y = exp(η).
        case poisson

        /// b(η) in the log-likelihood y·η − b(η): log(1 + e^η) (computed without overflow) or e^η.
        func cumulant(_ eta: Double) -> Double {
            switch self {
            case .logistic: return max(eta, 0) + log1p(exp(-abs(eta)))
            case .poisson: return exp(eta)
            }
        }

        /// The mean b′(η): logistic(η) or e^η.
        func mean(_ eta: Double) -> Double {
            switch self {
            case .logistic: return eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
            case .poisson: return exp(eta)
            }
        }

        /// The variance b″(η): logistic(η)·logistic(−η) or e^η.
        func variance(_ eta: Double) -> Double {
            switch self {
            case .logistic: return mean(eta) * mean(-eta)
            case .poisson: return exp(eta)
            }
        }

        /// Whether `y` is a value of the family (0 or 1; a whole number ≥ 0).
        func admits(_ y: Double) -> Bool {
            switch self {
            case .logistic: return y == 0 || y == 1
            case .poisson: return y >= 0 && y == y.rounded() && y.isFinite
            }
        }

        /// What `admits` requires, in words.
        var domain: String {
            switch self {
            case .logistic: return "0 or 1"
            case .poisson: return "a whole number ≥ 0 (a count)"
            }
        }
    }

    /// The variable whose mechanism this is.
    public let variable: String
    /// The family.
    public let family: Family
    /// The part of η that has no parameter.
    public let offset: Expr
    /// The coefficients' parameter names and their features, in order of first appearance.
    public let terms: [(parameter: String, feature: Expr)]

    /// The mechanism `variable` ~ family(η), η = `offset` + Σ θₖ·fₖ.
    init(variable: String, family: Family, offset: Expr, terms: [(parameter: String, feature: Expr)]) {
        self.variable = variable
        self.family = family
        self.offset = offset
        self.terms = terms
    }

    /// The automatic mechanism of `variable` on `parents` in `family`, with flat
    /// parameters named `variable_intercept`, `variable_parent`, …:
    /// η = y_intercept + Σ y_parent·parent.
    static func automatic(_ variable: String, parents: [String], family: Family) -> GeneralizedLinearMechanism {
        GeneralizedLinearMechanism(variable: variable, family: family, offset: .constant(0),
                                   terms: [("\(variable)_intercept", .constant(1))] + parents.map { ("\(variable)_\($0)", .variable($0)) })
    }

    /// The generalized linear form of `variable`'s equation in `model`, or nil when the
    /// equation is not one distribution of a family above, or reads no parameter. Throws
    /// `ModelError` naming the variable when it is such a distribution reading parameters
    /// but η is not linear in them.
    init?(variable: Variable, in model: ParametricModel) throws {
        guard case .noise(let termName) = variable.equation,
              let term = model.noiseTerms.first(where: { $0.name == termName }), !term.isDeclared, term.parameters.count == 1 else { return nil }
        let family: Family, eta: Expr
        switch (term.family, term.parameters[0]) {
        case (.bernoulli, .function(.logistic, let x)), (.bernoulliLogit, let x): (family, eta) = (.logistic, x)
        case (.poisson, .function(.exp, let x)): (family, eta) = (.poisson, x)
        default: return nil
        }
        let parameterNames = Set(model.parameters.map(\.name))
        guard !Set(eta.variables).isDisjoint(with: parameterNames) else { return nil }
        guard let form = LinearMechanism.linearForm(eta, parameters: parameterNames) else {
            throw ModelError("fitting a \(family.rawValue) mechanism needs its linear predictor η in "
                + "\(family == .logistic ? "Bernoulli(logistic(η))" : "Poisson(exp(η))") to be linear in its parameters, "
                + "such as 'a + b * x'", variable: variable.name)
        }
        self.init(variable: variable.name, family: family, offset: form.offset, terms: form.terms)
    }

    /// The equation with parameter values `values` (by name): Bernoulli(logistic(η)) or Poisson(exp(η)).
    func mechanism(_ values: [String: Double]) -> (equation: Expr, noise: [NoiseTerm]) {
        let eta = LinearMechanism.substituted(offset: offset, terms: terms, values: values)
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        let term = family == .logistic ? NoiseTerm(name: name, family: .bernoulli, parameters: [.function(.logistic, eta)])
            : NoiseTerm(name: name, family: .poisson, parameters: [.function(.exp, eta)])
        return (.noise(name), [term])
    }
}
