extension StructuralCausalModel {
    /// P(A = a | parents of A) for a = 0, 1, …, as expressions over A's parents, when A's
    /// mechanism gives them: a `Categorical(w₁, …, w_K)` draw alone (wₐ₊₁ / Σw: a softmax
    /// when the weights are exp(scoreₐ)), a `Bernoulli(p)` or `BernoulliLogit(η)` draw
    /// alone (1 − p, p), or a rule without noise (1{rule = a} for a = 0 … `actions` − 1).
    /// The draw's noise term must be A's own (read by no other equation). Nil otherwise.
    /// `actions` (K) sets how many probabilities a rule gets; a draw's family sets its own.
    public func actionProbabilities(of action: String, actions: Int) throws -> [Expr]? {
        let equation = try variable(named: action).equation
        if equation.noiseTerms.isEmpty {
            return (0..<actions).map { .binary(.equal, equation, .constant(Double($0))) }
        }
        guard case .noise(let name) = equation, let term = noiseTerm(named: name), isOwnNoise(name, of: action) else { return nil }
        switch term.family {
        case .categorical:
            let total = term.parameters.dropFirst().reduce(term.parameters[0]) { .binary(.add, $0, $1) }
            return term.parameters.map { .binary(.divide, $0, total) }
        case .bernoulli, .bernoulliLogit:
            let p = term.family == .bernoulli ? term.parameters[0] : .function(.logistic, term.parameters[0])
            return [.binary(.subtract, .constant(1), p), p]
        default:
            return nil
        }
    }

    /// The number of values of `action`'s draw: K for `Categorical(w₁, …, w_K)`, 2 for
    /// `Bernoulli` and `BernoulliLogit`; nil for any other mechanism.
    public func actionCount(of action: String) throws -> Int? {
        guard case .noise(let name) = try variable(named: action).equation, let term = noiseTerm(named: name) else { return nil }
        switch term.family {
        case .categorical: return term.parameters.count
        case .bernoulli, .bernoulliLogit: return 2
        default: return nil
        }
    }

    /// E[V | parents of V] as an expression over V's parents, when V's equation is affine
    /// in its noise terms (each enters only through +, −, and × or ÷ by noise-free
    /// factors), each term is V's own and its family has a mean in closed form
    /// (Normal, Bernoulli, BernoulliLogit, Binomial, Poisson, Uniform, Laplace,
    /// Exponential, Gamma, Beta): the equation with every noise term replaced by its
    /// mean. So `Y ~ Bernoulli(logistic(η))` gives logistic(η) and
    /// `Y = 2 * X + Normal(0, 1)` gives 2 * X + 0. Nil otherwise.
    public func conditionalMean(of name: String) throws -> Expr? {
        let equation = try variable(named: name).equation
        guard equation.isAffineInNoise else { return nil }
        var means: [String: Expr] = [:]
        for term in equation.noiseTerms {
            guard isOwnNoise(term, of: name), let noise = noiseTerm(named: term), let mean = noise.meanExpression else { return nil }
            means[term] = mean
        }
        return equation.rewritten { e in
            if case .noise(let term) = e, let mean = means[term] { return mean }
            return e
        }
    }

    /// Whether no variable but `variable` reads the noise term `term`.
    func isOwnNoise(_ term: String, of variable: String) -> Bool {
        !variables.contains { $0.name != variable && $0.equation.noiseTerms.contains(term) }
    }
}

extension NoiseTerm {
    /// E[U] as an expression of the term's parameters, for the families with a closed form.
    var meanExpression: Expr? {
        let p = parameters
        func half(_ x: Expr) -> Expr { .binary(.multiply, .constant(0.5), x) }
        switch family {
        case .normal, .laplace, .bernoulli, .poisson: return p[0]
        case .bernoulliLogit: return .function(.logistic, p[0])
        case .binomial, .gamma: return .binary(.multiply, p[0], p[1])
        case .uniform: return half(.binary(.add, p[0], p[1]))
        case .exponential: return .binary(.divide, .constant(1), p[0])
        case .beta: return .binary(.divide, p[0], .binary(.add, p[0], p[1]))
        case .logNormal, .studentT, .categorical: return nil
        }
    }
}

extension Expr {
    /// Whether the expression is affine in its noise terms: noise enters only through
    /// +, − and negation, or multiplied or divided by factors without noise.
    var isAffineInNoise: Bool {
        if noiseTerms.isEmpty { return true }
        switch self {
        case .noise: return true
        case .negate(let x): return x.isAffineInNoise
        case .binary(.add, let a, let b), .binary(.subtract, let a, let b): return a.isAffineInNoise && b.isAffineInNoise
        case .binary(.multiply, let a, let b):
            return (a.noiseTerms.isEmpty && b.isAffineInNoise) || (b.noiseTerms.isEmpty && a.isAffineInNoise)
        case .binary(.divide, let a, let b): return b.noiseTerms.isEmpty && a.isAffineInNoise
        default: return false
        }
    }
}
