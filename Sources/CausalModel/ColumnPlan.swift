/// A structural equation compiled for column-wise evaluation over a block of rows.
///
/// Compilation resolves names to indices and folds every linear part of an
/// equation, including Normal noise with constant parameters (the noise
/// convention's mean + sd·ε, `DistributionFamily.normalValue`), into one affine node c + Σ wᵢ·columnᵢ that is evaluated in a single fused pass.
/// `bookings = -1 * price + 5 * temperature + Normal(0, 5)` becomes
/// `affine(0, [(-1, price), (5, temperature), (5, ε_bookings)])`.
indirect enum ColumnPlan: Sendable {
    case constant(Double)
    /// A variable's column (by index in the model).
    case variable(Int)
    /// A noise term's base variates ε (by index in the compiled noise list).
    case epsilon(Int)
    /// c + Σ wᵢ·termᵢ.
    case affine(Double, [AffineTerm])
    case function(MathFunction, ColumnPlan)
    case binary(BinaryOperator, ColumnPlan, ColumnPlan)
    case ifElse(ColumnPlan, ColumnPlan, ColumnPlan)
    /// A noise term's value: its family's transform of ε with parameters per row.
    case noise(Int, DistributionFamily, [ColumnPlan])
    case custom(ColumnFunction, [ColumnPlan])
}

/// One weighted term of an affine node.
struct AffineTerm: Sendable {
    let weight: Double
    let plan: ColumnPlan
}

/// Turns expressions into `ColumnPlan`s for one model.
struct ColumnPlanCompiler {
    let variableIndex: (String) -> Int?
    let noiseIndex: (String) -> Int?
    let noiseTerm: (String) -> NoiseTerm?

    func compile(_ expr: Expr) -> ColumnPlan {
        if let c = expr.constantValue { return .constant(c) }
        if let (constant, terms) = linearForm(expr), !isBareLeaf(constant, terms) {
            return .affine(constant, terms.map { AffineTerm(weight: $0.0, plan: compileLeaf($0.1)) })
        }
        return compileLeaf(expr)
    }

    private func isBareLeaf(_ constant: Double, _ terms: [(Double, Expr)]) -> Bool {
        guard constant == 0, terms.count == 1, terms[0].0 == 1 else { return false }
        if case .noise = terms[0].1 { return false }
        return true
    }

    /// Compiles an expression that is not itself folded into an affine node.
    private func compileLeaf(_ expr: Expr) -> ColumnPlan {
        switch expr {
        case .constant(let c): return .constant(c)
        case .variable(let name): return .variable(variableIndex(name)!)
        case .noise(let name):
            // Normal noise with constant parameters reaches here only as a term of
            // an affine node, which applies mean + sd·ε itself.
            if normalParameters(expr) != nil { return .epsilon(noiseIndex(name)!) }
            let term = noiseTerm(name)!
            return .noise(noiseIndex(name)!, term.family, term.parameters.map(compile))
        case .negate(let x): return .affine(0, [AffineTerm(weight: -1, plan: compile(x))])
        case .function(let f, let x): return .function(f, compile(x))
        case .binary(let op, let a, let b): return .binary(op, compile(a), compile(b))
        case .ifElse(let c, let t, let e): return .ifElse(compile(c), compile(t), compile(e))
        case .custom(let f, let args): return .custom(f, args.map(compile))
        }
    }

    /// For a Normal noise term with constant parameters: (mean, sd) and the term name.
    private func normalParameters(_ expr: Expr) -> (mean: Double, sd: Double, term: String)? {
        guard case .noise(let name) = expr, let term = noiseTerm(name), term.family == .normal,
              let mean = term.parameters[0].constantValue, let sd = term.parameters[1].constantValue else { return nil }
        return (mean, sd, name)
    }

    /// c + Σ wᵢ·leafᵢ when the expression is linear in its leaves (variables,
    /// noise terms and non-linear sub-expressions); nil for a constant.
    private func linearForm(_ expr: Expr) -> (Double, [(Double, Expr)])? {
        switch expr {
        case .constant: return nil
        case .noise:
            if let p = normalParameters(expr) { return (p.mean, [(p.sd, .noise(p.term))]) }
            return (0, [(1, expr)])
        case .negate(let x):
            return scaled(form(x), by: -1)
        case .binary(.add, let a, let b):
            return combine(form(a), form(b), sign: 1)
        case .binary(.subtract, let a, let b):
            return combine(form(a), form(b), sign: -1)
        case .binary(.multiply, let a, let b):
            if let c = a.constantValue { return scaled(form(b), by: c) }
            if let c = b.constantValue { return scaled(form(a), by: c) }
            return (0, [(1, expr)])
        case .binary(.divide, let a, let b):
            // x / c becomes x · (1/c) only when 1/c is exact (c a power of two),
            // so that folding never changes a result in its last bit.
            if let c = b.constantValue, c != 0, c.significand == 1, (1 / c).isFinite {
                return scaled(form(a), by: 1 / c)
            }
            return (0, [(1, expr)])
        default:
            return (0, [(1, expr)])
        }
    }

    /// The linear form of any expression (a constant has no terms).
    private func form(_ expr: Expr) -> (Double, [(Double, Expr)]) {
        if let c = expr.constantValue { return (c, []) }
        return linearForm(expr) ?? (0, [(1, expr)])
    }

    private func scaled(_ f: (Double, [(Double, Expr)]), by s: Double) -> (Double, [(Double, Expr)]) {
        (f.0 * s, f.1.map { ($0.0 * s, $0.1) })
    }

    private func combine(_ a: (Double, [(Double, Expr)]), _ b: (Double, [(Double, Expr)]), sign: Double) -> (Double, [(Double, Expr)]) {
        (a.0 + sign * b.0, a.1 + b.1.map { (sign * $0.0, $0.1) })
    }
}
