import CausalModel

/// A latent confounder U ~ N(0, 1) added to a model: a new unobserved variable, declared
/// first, that enters the treatment's and the outcome's mechanisms with coefficients γ_T and γ_Y.
///
/// - A mechanism that is an expression gains γ·U: X := f(pa(X), N) + γ·U.
/// - A 0/1 mechanism `Bernoulli(p)` or `BernoulliLogit(η)` gains γ·U on the logit scale:
///   `BernoulliLogit(η + γ·U)`, with η = logit(p) = log(p) − log(1 − p) (η read off directly
///   when p = logistic(η)). The noise term keeps its name, so its uniform variates are
///   the same: at γ = 0 every unit's draw is unchanged.
///
/// U reaches nothing else, so the treatment's effect on the outcome is unchanged; only the
/// association between them moves. Other mechanisms (a count, a draw as a whole right-hand
/// side of another family) are refused with an error naming the variable.
///
///     let confounded = try LatentConfounder(treatmentCoefficient: 0.5, outcomeCoefficient: 0.56)
///         .adding(to: model, treatment: "exposure", outcome: "spend")
public struct LatentConfounder: Sendable, Equatable {
    /// The coefficient γ_T of U in the treatment's mechanism.
    public var treatmentCoefficient: Double
    /// The coefficient γ_Y of U in the outcome's mechanism.
    public var outcomeCoefficient: Double
    /// The latent variable's name (and, prefixed with U_, its noise term's).
    public var name: String

    /// The default name of the added variable.
    public static let defaultName = "hidden_confounder"

    /// A confounder with the given coefficients.
    public init(treatmentCoefficient: Double, outcomeCoefficient: Double, name: String = LatentConfounder.defaultName) {
        self.treatmentCoefficient = treatmentCoefficient
        self.outcomeCoefficient = outcomeCoefficient
        self.name = name
    }

    /// `model` with U added. Throws `ModelError` when the name is taken or a mechanism
    /// cannot take U.
    public func adding(to model: StructuralCausalModel, treatment: String, outcome: String) throws -> StructuralCausalModel {
        guard model.index(of: name) == nil, model.noiseTerm(named: "U_" + name) == nil else {
            throw ModelError("the model already has a variable '\(name)'; name the latent confounder otherwise")
        }
        var terms = model.noiseTerms
        var variables = model.variables
        for (target, gamma) in [(treatment, treatmentCoefficient), (outcome, outcomeCoefficient)] {
            guard let i = model.index(of: target) else { throw model.unknownVariable(target) }
            let old = variables[i]
            guard gamma != 0 else { continue }
            guard gamma.isFinite else { throw ModelError("the latent confounder's coefficient \(gamma) is not a number", variable: target) }
            let shift = Expr.binary(.multiply, .constant(gamma), .variable(name))
            if case .noise(let termName) = old.equation, let j = terms.firstIndex(where: { $0.name == termName }),
               [.bernoulli, .bernoulliLogit].contains(terms[j].family) {
                let term = terms[j]
                guard !term.isDeclared else {
                    throw ModelError("its draw is a declared, shared noise term; the latent confounder cannot enter it", variable: target)
                }
                terms[j] = NoiseTerm(name: term.name, family: .bernoulliLogit,
                                     parameters: [.binary(.add, Self.logit(of: term), shift)])
            } else if case .noise(let termName) = old.equation, let family = model.noiseTerm(named: termName)?.family,
                      family.isDiscreteDraw {
                throw ModelError("its mechanism is a \(family.rawValue) draw; the latent confounder enters expressions and 0/1 draws only",
                                 variable: target)
            } else {
                variables[i] = Variable(name: old.name, equation: .binary(.add, old.equation, shift), isLatent: old.isLatent)
            }
        }
        let u = NoiseTerm(name: "U_" + name, family: .normal, parameters: [.constant(0), .constant(1)])
        return try StructuralCausalModel(variables: [Variable(name: name, equation: .noise(u.name), isLatent: true)] + variables,
                                         noiseTerms: [u] + terms)
    }

    /// η of a Bernoulli(p) or BernoulliLogit(η) term: η itself, the argument of p = logistic(η),
    /// or log(p) − log(1 − p).
    static func logit(of term: NoiseTerm) -> Expr {
        let p = term.parameters[0]
        if term.family == .bernoulliLogit { return p }
        if case .function(.logistic, let eta) = p { return eta }
        return .binary(.subtract, .function(.log, p), .function(.log, .binary(.subtract, .constant(1), p)))
    }
}

extension DistributionFamily {
    /// Whether a draw of this family is a count or a category (no additive shift makes sense).
    var isDiscreteDraw: Bool { [.binomial, .poisson, .categorical].contains(self) }
}
