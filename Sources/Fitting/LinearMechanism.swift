import CausalModel

/// A mechanism that is linear in its unknown parameters with Gaussian noise:
///
///     y = offset + Σₖ θₖ·fₖ + Normal(0, σ)
///
/// where `offset` and every feature fₖ are expressions of the parents (no parameter
/// in them), θₖ are declared parameters and σ is a constant or a declared parameter.
/// `y = a + b * x * z + Normal(0, s)` has offset 0, features (1, x·z) and σ = s.
public struct LinearMechanism: Sendable {
    /// The variable whose mechanism this is.
    public let variable: String
    /// The part of the mean that has no parameter.
    public let offset: Expr
    /// The coefficients' parameter names and their features, in order of first appearance.
    public let terms: [(parameter: String, feature: Expr)]
    /// The noise scale: a number, or the name of a parameter.
    public let scale: Scale

    /// The name of the noise sd when it is a parameter.
    var scaleName: String? {
        if case .parameter(let name) = scale { return name }
        return nil
    }

    /// The noise scale σ of a linear mechanism.
    public enum Scale: Sendable, Equatable {
        /// A known σ.
        case known(Double)
        /// σ is the named parameter.
        case parameter(String)
    }

    /// The mechanism `variable` = `offset` + Σ θₖ·fₖ + Normal(0, `scale`).
    init(variable: String, offset: Expr, terms: [(parameter: String, feature: Expr)], scale: Scale) {
        self.variable = variable
        self.offset = offset
        self.terms = terms
        self.scale = scale
    }

    /// The automatic linear-Gaussian mechanism of `variable` on `parents`, with flat
    /// parameters named `variable_intercept`, `variable_parent`, … and sd `variable_sd`.
    static func automatic(_ variable: String, parents: [String]) -> LinearMechanism {
        LinearMechanism(variable: variable, offset: .constant(0),
                        terms: [("\(variable)_intercept", .constant(1))] + parents.map { ("\(variable)_\($0)", .variable($0)) },
                        scale: .parameter("\(variable)_sd"))
    }

    /// The equation with parameter values `values` (by name): offset + Σ θₖ·fₖ + Normal(0, σ).
    func mechanism(_ values: [String: Double]) -> (equation: Expr, noise: [NoiseTerm]) {
        let mean = Self.substituted(offset: offset, terms: terms, values: values)
        let sd: Double
        switch scale {
        case .known(let s): sd = s
        case .parameter(let name): sd = values[name] ?? .nan
        }
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        return (.binary(.add, mean, .noise(name)), [NoiseTerm(name: name, family: .normal, parameters: [.constant(0), .constant(sd)])])
    }

    /// The linear form of `variable`'s equation in `model`, or nil when its equation
    /// reads no parameter. Throws `ModelError` naming the variable when the equation
    /// reads parameters but is not of this form.
    public init?(variable: Variable, in model: ParametricModel) throws {
        let parameterNames = Set(model.parameters.map(\.name))
        var reads = Set(variable.equation.variables)
        for name in variable.equation.noiseTerms {
            for p in model.noiseTerms.first(where: { $0.name == name })?.parameters ?? [] { reads.formUnion(p.variables) }
        }
        guard !reads.isDisjoint(with: parameterNames) else { return nil }
        func failure(_ detail: String) -> ModelError {
            ModelError("fitting needs a mechanism linear in its parameters with one additive Normal noise term, "
                + "such as 'a + b * x + Normal(0, s)': \(detail)", variable: variable.name)
        }
        let summands = Self.summands(variable.equation)
        let noise = summands.filter { if case .noise = $0.expression { return true } else { return false } }
        guard noise.count == 1, noise[0].sign == 1, case .noise(let termName) = noise[0].expression,
              let term = model.noiseTerms.first(where: { $0.name == termName }), term.family == .normal, !term.isDeclared,
              Set(variable.equation.noiseTerms) == [termName] else {
            throw failure("its noise is not one added Normal(mean, sd) term")
        }
        let scale: Scale
        if let value = term.parameters[1].constantValue {
            scale = .known(value)
        } else if case .variable(let name) = term.parameters[1], parameterNames.contains(name) {
            scale = .parameter(name)
        } else {
            throw failure("the noise sd must be a number or a parameter")
        }
        let mean = summands.filter { if case .noise = $0.expression { return false } else { return true } }
            .reduce(term.parameters[0]) { sum, s in .binary(s.sign > 0 ? .add : .subtract, sum, s.expression) }
        guard let form = Self.linearForm(mean, parameters: parameterNames) else {
            throw failure("its mean is not linear in its parameters")
        }
        if case .parameter(let s) = scale, form.terms.contains(where: { $0.parameter == s }) {
            throw failure("parameter '\(s)' is both a coefficient and the noise sd")
        }
        self.variable = variable.name
        offset = form.offset
        terms = form.terms
        self.scale = scale
    }

    /// offset + Σ θₖ·fₖ with each θₖ replaced by its value in `values` (a feature 1 is left out).
    static func substituted(offset: Expr, terms: [(parameter: String, feature: Expr)], values: [String: Double]) -> Expr {
        let products = terms.map { term -> Expr in
            let value = Expr.constant(values[term.parameter] ?? .nan)
            if case .constant(1) = term.feature { return value }
            return .binary(.multiply, value, term.feature)
        }
        let summands = (offset.constantValue == 0 ? [] : [offset]) + products
        return summands.dropFirst().reduce(summands.first ?? .constant(0)) { .binary(.add, $0, $1) }
    }

    /// The expression as a signed sum of its top-level summands (through + − and unary −).
    private static func summands(_ e: Expr, sign: Double = 1) -> [(sign: Double, expression: Expr)] {
        switch e {
        case .binary(.add, let a, let b): return summands(a, sign: sign) + summands(b, sign: sign)
        case .binary(.subtract, let a, let b): return summands(a, sign: sign) + summands(b, sign: -sign)
        case .negate(let x): return summands(x, sign: -sign)
        default: return [(sign, e)]
        }
    }

    /// e = offset + Σ θₖ·fₖ with offset and fₖ free of parameters, or nil when e is not linear in them.
    static func linearForm(_ e: Expr, parameters: Set<String>) -> (offset: Expr, terms: [(parameter: String, feature: Expr)])? {
        let readsParameter = !Set(e.variables).isDisjoint(with: parameters)
        if !readsParameter { return (e, []) }
        switch e {
        case .variable(let name):
            return (.constant(0), [(name, .constant(1))])
        case .negate(let x):
            return linearForm(x, parameters: parameters).map { scaled($0, by: .constant(-1)) }
        case .binary(let op, let a, let b) where op == .add || op == .subtract:
            guard let left = linearForm(a, parameters: parameters), let right = linearForm(b, parameters: parameters) else { return nil }
            let r = op == .add ? right : scaled(right, by: .constant(-1))
            var terms = left.terms
            for (p, f) in r.terms {
                if let i = terms.firstIndex(where: { $0.parameter == p }) {
                    terms[i].feature = .binary(.add, terms[i].feature, f)
                } else {
                    terms.append((p, f))
                }
            }
            return (.binary(.add, left.offset, r.offset), terms)
        case .binary(.multiply, let a, let b):
            if Set(a.variables).isDisjoint(with: parameters) { return linearForm(b, parameters: parameters).map { scaled($0, by: a) } }
            if Set(b.variables).isDisjoint(with: parameters) { return linearForm(a, parameters: parameters).map { scaled($0, by: b) } }
            return nil
        case .binary(.divide, let a, let b) where Set(b.variables).isDisjoint(with: parameters):
            return linearForm(a, parameters: parameters).map { scaled($0, by: .binary(.divide, .constant(1), b)) }
        default:
            return nil
        }
    }

    private static func scaled(_ form: (offset: Expr, terms: [(parameter: String, feature: Expr)]),
                               by factor: Expr) -> (offset: Expr, terms: [(parameter: String, feature: Expr)]) {
        func times(_ x: Expr) -> Expr {
            if case .constant(1) = factor { return x }
            if case .constant(1) = x { return factor }
            return .binary(.multiply, factor, x)
        }
        return (times(form.offset), form.terms.map { ($0.parameter, times($0.feature)) })
    }
}
