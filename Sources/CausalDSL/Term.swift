import CausalModel

/// A right-hand side written in Swift: the DSL's expression type. It mirrors
/// the model IR's `Expr` but keeps distributions inline (`Normal(0, 5)`); the
/// model builder names them (`U_price`, `U_price_2`, … in left-to-right order,
/// as the `.scm` parser does) and lowers the term to `Expr`.
///
/// String literals are variable names, number literals are constants, so a
/// Swift equation reads like its model-file line:
///
///     "price" ~ 2 * "temperature" + Normal(0, 5)
public indirect enum Term: Sendable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A number.
    case constant(Double)
    /// Another variable (or a declared noise term) by name.
    case name(String)
    /// An inline noise term.
    case distribution(DistributionFamily, [Term])
    /// −x.
    case negate(Term)
    /// A binary operation or comparison.
    case binary(BinaryOperator, Term, Term)
    /// An elementary function.
    case function(MathFunction, Term)
    /// The second term where the first is non-zero, else the third.
    case ifElse(Term, Term, Term)
    /// A Swift function of whole columns.
    case custom(ColumnFunction, [Term])

    /// A string literal names a variable: `"price"`.
    public init(stringLiteral name: String) { self = .name(name) }
    /// A number literal is a constant: `0.5`.
    public init(floatLiteral value: Double) { self = .constant(value) }
    /// An integer literal is a constant: `2`.
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }

    /// The IR expression, with inline distributions turned into noise terms named
    /// `NoiseTerm.inlineName(for: variable, index:)` from `counter` on.
    func lowered(for variable: String, counter: inout Int, terms: inout [NoiseTerm]) -> Expr {
        switch self {
        case .constant(let c): return .constant(c)
        case .name(let n): return .variable(n)
        case .distribution(let family, let arguments):
            let parameters = arguments.map { $0.lowered(for: variable, counter: &counter, terms: &terms) }
            let name = NoiseTerm.inlineName(for: variable, index: counter)
            counter += 1
            terms.append(NoiseTerm(name: name, family: family, parameters: parameters))
            return .noise(name)
        case .negate(let x):
            let inner = x.lowered(for: variable, counter: &counter, terms: &terms)
            if case .constant(let c) = inner { return .constant(-c) }
            return .negate(inner)
        case .binary(let op, let a, let b):
            let left = a.lowered(for: variable, counter: &counter, terms: &terms)
            return .binary(op, left, b.lowered(for: variable, counter: &counter, terms: &terms))
        case .function(let f, let x): return .function(f, x.lowered(for: variable, counter: &counter, terms: &terms))
        case .ifElse(let c, let t, let e):
            let condition = c.lowered(for: variable, counter: &counter, terms: &terms)
            let yes = t.lowered(for: variable, counter: &counter, terms: &terms)
            return .ifElse(condition: condition, then: yes, otherwise: e.lowered(for: variable, counter: &counter, terms: &terms))
        case .custom(let f, let arguments):
            return .custom(f, arguments.map { $0.lowered(for: variable, counter: &counter, terms: &terms) })
        }
    }
}

// MARK: Operators (on Term only)

/// a + b.
public func + (a: Term, b: Term) -> Term { .binary(.add, a, b) }
/// a − b.
public func - (a: Term, b: Term) -> Term { .binary(.subtract, a, b) }
/// a · b.
public func * (a: Term, b: Term) -> Term { .binary(.multiply, a, b) }
/// a / b.
public func / (a: Term, b: Term) -> Term { .binary(.divide, a, b) }
/// −a.
public prefix func - (a: Term) -> Term { .negate(a) }
/// 1 where a < b, else 0.
public func < (a: Term, b: Term) -> Term { .binary(.less, a, b) }
/// 1 where a ≤ b, else 0.
public func <= (a: Term, b: Term) -> Term { .binary(.lessOrEqual, a, b) }
/// 1 where a > b, else 0.
public func > (a: Term, b: Term) -> Term { .binary(.greater, a, b) }
/// 1 where a ≥ b, else 0.
public func >= (a: Term, b: Term) -> Term { .binary(.greaterOrEqual, a, b) }
/// 1 where a = b, else 0.
public func == (a: Term, b: Term) -> Term { .binary(.equal, a, b) }
/// 1 where a ≠ b, else 0.
public func != (a: Term, b: Term) -> Term { .binary(.notEqual, a, b) }

// MARK: Functions

/// e^x.
public func exp(_ x: Term) -> Term { .function(.exp, x) }
/// The natural logarithm.
public func log(_ x: Term) -> Term { .function(.log, x) }
/// 1 / (1 + e^(−x)).
public func logistic(_ x: Term) -> Term { .function(.logistic, x) }
/// The hyperbolic tangent.
public func tanh(_ x: Term) -> Term { .function(.tanh, x) }
/// |x|.
public func abs(_ x: Term) -> Term { .function(.abs, x) }
/// 1 for x ≥ 0, else 0.
public func step(_ x: Term) -> Term { .function(.step, x) }
/// √x.
public func sqrt(_ x: Term) -> Term { .function(.sqrt, x) }
/// The sine.
public func sin(_ x: Term) -> Term { .function(.sin, x) }
/// The cosine.
public func cos(_ x: Term) -> Term { .function(.cos, x) }
/// min(a, b).
public func min(_ a: Term, _ b: Term) -> Term { .binary(.minimum, a, b) }
/// max(a, b).
public func max(_ a: Term, _ b: Term) -> Term { .binary(.maximum, a, b) }
/// a^b.
public func pow(_ a: Term, _ b: Term) -> Term { .binary(.power, a, b) }
/// `then` where `condition` is non-zero, else `otherwise`.
public func ifelse(_ condition: Term, _ then: Term, _ otherwise: Term) -> Term { .ifElse(condition, then, otherwise) }
