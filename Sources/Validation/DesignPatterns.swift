import CausalModel

/// A sharp regression-discontinuity design read from a treatment equation:
/// T = 1{X ≥ c}.
public struct SharpDiscontinuity: Sendable, Equatable {
    /// The running variable X.
    public var runningVariable: String
    /// The cutoff c.
    public var cutoff: Double

    /// A design from its running variable and cutoff.
    public init(runningVariable: String, cutoff: Double) {
        self.runningVariable = runningVariable
        self.cutoff = cutoff
    }

    /// The design a treatment equation states, if it is one of
    /// `X >= c`, `X > c`, `c <= X`, `c < X`, `step(X - c)`, `step(X + a)` (c = −a)
    /// or `step(X)` (c = 0), with c a constant. (For a continuous X, `>` and `≥`
    /// differ on a set of probability zero.)
    public init?(treatmentEquation equation: Expr) {
        switch equation {
        case .binary(.greaterOrEqual, .variable(let x), let c), .binary(.greater, .variable(let x), let c),
             .binary(.lessOrEqual, let c, .variable(let x)), .binary(.less, let c, .variable(let x)):
            guard let cutoff = c.constantValue else { return nil }
            self.init(runningVariable: x, cutoff: cutoff)
        case .function(.step, .variable(let x)):
            self.init(runningVariable: x, cutoff: 0)
        case .function(.step, .binary(.subtract, .variable(let x), let c)):
            guard let cutoff = c.constantValue else { return nil }
            self.init(runningVariable: x, cutoff: cutoff)
        case .function(.step, .binary(.add, .variable(let x), let a)):
            guard let shift = a.constantValue else { return nil }
            self.init(runningVariable: x, cutoff: -shift)
        default:
            return nil
        }
    }
}

/// A 2×2 difference-in-differences design read from a treatment equation:
/// T = G × P, the product of a group indicator and a period indicator.
///
/// The 2×2 contrast is symmetric in the two factors (the interaction coefficient
/// of y = a + b·G + c·P + τ·G·P does not change when G and P swap), so the first
/// factor is called the group and the second the period.
public struct TwoByTwoDesign: Sendable, Equatable {
    /// The treated-group indicator G.
    public var group: String
    /// The post-period indicator P.
    public var period: String

    /// A design from its group and period columns.
    public init(group: String, period: String) {
        self.group = group
        self.period = period
    }

    /// The design a treatment equation states, if it is `G * P` with two different variables.
    public init?(treatmentEquation equation: Expr) {
        guard case .binary(.multiply, .variable(let g), .variable(let p)) = equation, g != p else { return nil }
        self.init(group: g, period: p)
    }
}

/// A fuzzy regression-discontinuity design read from a treatment's mechanism: the
/// treatment's equation, or the parameters of a noise term only it reads, hold one
/// indicator 1{X ≥ c} (any form `SharpDiscontinuity` reads) without being it, so the
/// probability of treatment may jump at c, e.g. `T ~ Bernoulli(0.1 + 0.6 * (X >= c))`.
///
/// The model with the indicator held at 1 or 0 (`forcing(_:in:)`) gives each unit's
/// treatment just above and just below the cutoff from the same noise, T⁺ and T⁻;
/// the estimand of fuzzy RD is then E[(T⁺ − T⁻)·δ | X = c] / E[T⁺ − T⁻ | X = c]
/// (Hahn, Todd & Van der Klaauw 2001), the average effect among compliers at c.
public struct FuzzyDiscontinuity: Sendable, Equatable {
    /// The cutoff rule the treatment's mechanism holds.
    public var rule: SharpDiscontinuity

    /// The design the mechanism of `treatment` in `model` states, if any: one rule (one
    /// running variable and cutoff, in any of its forms) appears in it, and it is not
    /// the whole equation.
    public init?(treatment: String, in model: StructuralCausalModel) {
        guard let variable = try? model.variable(named: treatment),
              SharpDiscontinuity(treatmentEquation: variable.equation) == nil else { return nil }
        var rules: [SharpDiscontinuity] = []
        for expression in [variable.equation] + Self.exclusiveNoise(of: treatment, in: model).flatMap(\.parameters) {
            expression.visit { part in
                if let rule = SharpDiscontinuity(treatmentEquation: part) { rules.append(rule) }
            }
        }
        guard let first = rules.first, rules.allSatisfy({ $0 == first }) else { return nil }
        rule = first
    }

    /// The model in which the treatment's mechanism reads `value` (0 or 1) in place of
    /// every form of the indicator; its noise terms keep their names, so every unit
    /// keeps its noise.
    public func forcing(_ value: Double, treatment: String, in model: StructuralCausalModel) throws -> StructuralCausalModel {
        let replace = { (part: Expr) in SharpDiscontinuity(treatmentEquation: part) == rule ? Expr.constant(value) : part }
        let exclusive = Set(Self.exclusiveNoise(of: treatment, in: model).map(\.name))
        let variables = model.variables.map { v in
            v.name == treatment ? Variable(name: v.name, equation: v.equation.rewritten(replace), isLatent: v.isLatent) : v
        }
        let terms = model.noiseTerms.map { term in
            exclusive.contains(term.name)
                ? NoiseTerm(name: term.name, family: term.family, parameters: term.parameters.map { $0.rewritten(replace) },
                            isDeclared: term.isDeclared)
                : term
        }
        return try StructuralCausalModel(variables: variables, noiseTerms: terms)
    }

    /// The noise terms the treatment's equation reads that no other equation reads.
    private static func exclusiveNoise(of treatment: String, in model: StructuralCausalModel) -> [NoiseTerm] {
        guard let equation = try? model.variable(named: treatment).equation else { return [] }
        let elsewhere = Set(model.variables.filter { $0.name != treatment }.flatMap { $0.equation.noiseTerms })
        return equation.noiseTerms.filter { !elsewhere.contains($0) }.compactMap { model.noiseTerm(named: $0) }
    }
}
