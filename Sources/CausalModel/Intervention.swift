/// An intervention on one variable: a function from model to model.
///
/// Pearl's do-operator replaces the variable's equation ("graph surgery"): the
/// intervened model's graph has no arrows into a hard-intervened variable.
public enum Intervention: Hashable, Sendable {
    /// do(X = x): X's equation becomes the constant x.
    case set(String, to: Double)
    /// X := f(pa(X), U) + δ: the mechanism is kept and shifted by δ.
    case shift(String, by: Double)
    /// X := g(…): a new mechanism. Noise terms that `equation` reads must be in
    /// `noise` (new terms) or already in the model.
    case replace(String, with: Expr, noise: [NoiseTerm])
    /// X ~ D(parameters): a stochastic policy, e.g. Bernoulli(0.3), with a fresh
    /// noise term named `U_do_X`.
    case policy(String, DistributionFamily, [Expr])

    /// A randomised experiment on a 0/1 variable: every unit is assigned 1 with
    /// `probability`, by a fresh coin that nothing else in the model reads,
    /// X ~ Bernoulli(probability). The stochastic policy
    /// `.policy(variable, .bernoulli, [.constant(probability)])`: the arrows into X are
    /// cut, so X is independent of every cause it had, and comparing the units with
    /// X = 1 and X = 0 estimates the average effect of X.
    ///
    ///     let experiment = try model.intervening(.randomised("banner"))
    public static func randomised(_ variable: String, probability: Double = 0.5) -> Intervention {
        .policy(variable, .bernoulli, [.constant(probability)])
    }

    /// The intervened variable.
    public var variable: String {
        switch self {
        case .set(let v, _), .shift(let v, _), .replace(let v, _, _), .policy(let v, _, _): return v
        }
    }
}

extension StructuralCausalModel {
    /// The model after all `interventions`, applied together (each to a different variable).
    ///
    /// Noise terms that no equation reads any more are dropped; the others keep
    /// their names, and so their random streams: sampling the intervened model
    /// with the same seed reuses every remaining unit's noise (same units,
    /// different action), which is what potential outcomes need.
    public func intervening(_ interventions: [Intervention]) throws -> StructuralCausalModel {
        var variables = self.variables
        var terms = noiseTerms
        var seen = Set<String>()
        for intervention in interventions {
            let name = intervention.variable
            guard let i = index(of: name) else { throw unknownVariable(name) }
            guard seen.insert(name).inserted else {
                throw ModelError("is intervened on more than once", variable: name)
            }
            let old = variables[i]
            let equation: Expr
            switch intervention {
            case .set(_, let value):
                guard value.isFinite else { throw ModelError("cannot be set to \(value)", variable: name) }
                equation = .constant(value)
            case .shift(_, let delta):
                guard delta.isFinite else { throw ModelError("cannot be shifted by \(delta)", variable: name) }
                equation = .binary(.add, old.equation, .constant(delta))
            case .replace(_, let expression, let newTerms):
                equation = expression
                terms += newTerms
            case .policy(_, let family, let parameters):
                let term = NoiseTerm(name: "U_do_\(name)", family: family, parameters: parameters)
                terms.append(term)
                equation = .noise(term.name)
            }
            variables[i] = Variable(name: name, equation: equation, isLatent: old.isLatent)
        }
        // A term is still read when an equation names it as a noise reference or,
        // not yet resolved, as a variable (the initializer resolves such names).
        let used = Set(variables.flatMap { $0.equation.noiseTerms + $0.equation.variables })
        return try StructuralCausalModel(variables: variables, noiseTerms: terms.filter { used.contains($0.name) })
    }

    /// The model after one intervention.
    public func intervening(_ intervention: Intervention) throws -> StructuralCausalModel {
        try intervening([intervention])
    }
}
