import Foundation
import Probability

/// An expression of a structural equation: the one inspectable intermediate
/// representation that both the Swift DSL and the `.scm` text format compile to.
///
/// An expression is evaluated column-wise over a block of rows. Its leaves are
/// constants, other variables (the equation's parents) and named exogenous
/// noise terms (see `NoiseTerm`); inner nodes are arithmetic, comparisons,
/// elementary functions, a conditional, and an escape hatch for custom Swift
/// functions that act on whole columns.
public indirect enum Expr: Hashable, Sendable {
    /// A number.
    case constant(Double)
    /// The value of another variable in the same row.
    case variable(String)
    /// The value of the named noise term, transformed by its distribution with
    /// parameters evaluated in the same row (see `NoiseTerm`).
    case noise(String)
    /// −x.
    case negate(Expr)
    /// A binary operation.
    case binary(BinaryOperator, Expr, Expr)
    /// An elementary function of one argument.
    case function(MathFunction, Expr)
    /// `then` where `condition` is non-zero, `otherwise` elsewhere.
    case ifElse(condition: Expr, then: Expr, otherwise: Expr)
    /// A user-supplied Swift function of whole columns (the escape hatch).
    case custom(ColumnFunction, [Expr])

    /// The variables this expression reads, in order of first appearance.
    public var variables: [String] {
        var seen: Set<String> = []
        var ordered: [String] = []
        visit { if case .variable(let name) = $0, seen.insert(name).inserted { ordered.append(name) } }
        return ordered
    }

    /// The noise terms this expression reads, in order of first appearance.
    public var noiseTerms: [String] {
        var seen: Set<String> = []
        var ordered: [String] = []
        visit { if case .noise(let name) = $0, seen.insert(name).inserted { ordered.append(name) } }
        return ordered
    }

    /// Calls `body` on this node and every node below it, parents before children.
    public func visit(_ body: (Expr) -> Void) {
        body(self)
        for child in children { child.visit(body) }
    }

    /// The immediate sub-expressions.
    public var children: [Expr] {
        switch self {
        case .constant, .variable, .noise: return []
        case .negate(let x), .function(_, let x): return [x]
        case .binary(_, let a, let b): return [a, b]
        case .ifElse(let c, let t, let e): return [c, t, e]
        case .custom(_, let args): return args
        }
    }

    /// This expression with every node rewritten bottom-up by `transform`.
    public func rewritten(_ transform: (Expr) throws -> Expr) rethrows -> Expr {
        let rebuilt: Expr
        switch self {
        case .constant, .variable, .noise: rebuilt = self
        case .negate(let x): rebuilt = .negate(try x.rewritten(transform))
        case .function(let f, let x): rebuilt = .function(f, try x.rewritten(transform))
        case .binary(let op, let a, let b): rebuilt = .binary(op, try a.rewritten(transform), try b.rewritten(transform))
        case .ifElse(let c, let t, let e):
            rebuilt = .ifElse(condition: try c.rewritten(transform), then: try t.rewritten(transform),
                              otherwise: try e.rewritten(transform))
        case .custom(let f, let args): rebuilt = .custom(f, try args.map { try $0.rewritten(transform) })
        }
        return try transform(rebuilt)
    }

    /// The value when the expression reads no variable, noise or custom function.
    public var constantValue: Double? {
        switch self {
        case .constant(let c): return c
        case .variable, .noise, .custom: return nil
        case .negate(let x): return x.constantValue.map { -$0 }
        case .function(let f, let x): return x.constantValue.map(f.apply)
        case .binary(let op, let a, let b):
            guard let x = a.constantValue, let y = b.constantValue else { return nil }
            return op.apply(x, y)
        case .ifElse(let c, let t, let e):
            guard let cv = c.constantValue else { return nil }
            return cv != 0 ? t.constantValue : e.constantValue
        }
    }
}

/// The binary operators of structural equations.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case minimum = "min", maximum = "max"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    /// The operation on numbers; comparisons give 1 for true and 0 for false;
    /// min and max of NaN are NaN (so a non-finite value is never hidden).
    @inlinable public func apply(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        case .power: return pow(x, y)
        case .minimum: return x.isNaN || y.isNaN ? .nan : Swift.min(x, y)
        case .maximum: return x.isNaN || y.isNaN ? .nan : Swift.max(x, y)
        case .less: return x < y ? 1 : 0
        case .lessOrEqual: return x <= y ? 1 : 0
        case .greater: return x > y ? 1 : 0
        case .greaterOrEqual: return x >= y ? 1 : 0
        case .equal: return x == y ? 1 : 0
        case .notEqual: return x != y ? 1 : 0
        }
    }

    /// Whether the operator is written between its operands (`a + b`) rather than called (`min(a, b)`).
    public var isInfix: Bool { self != .minimum && self != .maximum }
}

/// The elementary functions of one argument.
public enum MathFunction: String, Hashable, Sendable, CaseIterable {
    case exp, log, logistic, tanh, abs, step, sqrt, sin, cos

    /// The function on a number. `logistic(x) = 1/(1 + e^(−x))`; `step(x) = 1` for x ≥ 0, else 0.
    @inlinable public func apply(_ x: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .logistic: return Logistic.value(x)
        case .tanh: return Foundation.tanh(x)
        case .abs: return Swift.abs(x)
        case .step: return x >= 0 ? 1 : 0
        case .sqrt: return x.squareRoot()
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        }
    }
}

/// A Swift function applied to whole columns: the escape hatch for mechanisms
/// that the expression language cannot state. It receives its argument columns
/// for a block of rows and writes the result column; it must be a pure function
/// of its inputs (the same inputs give the same outputs), so that sampling stays
/// reproducible.
///
/// Two column functions are equal when their names are equal: give distinct
/// functions distinct names.
public struct ColumnFunction: Hashable, Sendable {
    /// The name shown in printed models and graphs.
    public let name: String
    /// The function: argument columns in, result column out (all of the block's length).
    public let body: @Sendable ([UnsafeBufferPointer<Double>], UnsafeMutableBufferPointer<Double>) -> Void

    /// A named column function.
    public init(name: String,
                _ body: @escaping @Sendable ([UnsafeBufferPointer<Double>], UnsafeMutableBufferPointer<Double>) -> Void) {
        self.name = name
        self.body = body
    }

    /// Whether the two are equal in value.
    public static func == (a: ColumnFunction, b: ColumnFunction) -> Bool { a.name == b.name }
    /// Hashes the parts that `==` compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
