import Foundation
import Probability

/// How one structural equation is solved for one of its noise terms: the exact
/// abduction step for an observed variable whose parents are known.
///
/// The equation's compiled plan is walked from its root down to the single
/// occurrence of the noise term, through operations that can be undone row by
/// row: adding a noise-free part (the affine nodes the compiler folds linear
/// parts into), multiplying or dividing by a noise-free part, `exp`, `log`,
/// `logistic`, `tanh` and `sqrt`, and finally the term's own transform
/// (the noise convention's preimage, `DistributionFamily.preimage(of:parameters:)`).
/// Continuous families give ε exactly; discrete ones (Bernoulli, Binomial,
/// Poisson, Categorical: thresholds of a uniform ε) give the interval of ε that
/// reproduces the observed value, on which the posterior of ε is uniform.
struct NoiseInversion: Sendable {
    /// One operation on the path from the equation's root to the noise term,
    /// written as root = g(inner); solving undoes it.
    enum Step: Sendable {
        /// root = offset + weight · inner.
        case affine(offset: ColumnPlan, weight: Double)
        /// root = inner · factor.
        case product(factor: ColumnPlan)
        /// root = inner / divisor.
        case quotient(divisor: ColumnPlan)
        /// root = numerator / inner.
        case reciprocal(numerator: ColumnPlan)
        /// root = f(inner), f one of the invertible functions.
        case function(MathFunction)
    }

    /// What sits at the bottom of the path.
    enum Leaf: Sendable {
        /// The base variate ε itself (Normal noise with constant parameters,
        /// whose mean and sd the compiler folded into the affine step above).
        case epsilon
        /// The term's transform of ε with per-row parameters.
        case transform(DistributionFamily, [ColumnPlan])
    }

    /// The variable whose equation is solved.
    let variable: Int
    /// The noise term solved for (index in the compiled noise list).
    let term: Int
    /// Root first.
    let steps: [Step]
    let leaf: Leaf

    /// Whether the term's values are discrete, so that solving gives an interval of ε.
    var isDiscrete: Bool {
        if case .transform(let family, _) = leaf { return family.isDiscrete }
        return false
    }

    /// Whether the observed value `x` is impossible whatever the parents and the
    /// other noise: the variable is its discrete term's value itself (nothing on
    /// the path) and `x` lies outside the family's support for every parameter
    /// (`DistributionFamily.excludesForEveryParameter`).
    func excludes(_ x: Double) -> Bool {
        guard steps.isEmpty, case .transform(let family, let parameters) = leaf else { return false }
        return family.excludesForEveryParameter(x, categories: parameters.count)
    }

    /// Why `excludes` rules a value out, for error messages.
    var supportDescription: String {
        guard case .transform(let family, let parameters) = leaf else { return "" }
        return family.supportDescription(categories: parameters.count)
    }

    /// The functions whose inverse is applied: exp ↔ log, logistic ↔ logit, tanh ↔ atanh, sqrt ↔ square.
    static let invertibleFunctions: Set<MathFunction> = [.exp, .log, .logistic, .tanh, .sqrt]

    /// The inversion of `plan` (the compiled equation of `variable`) for noise term
    /// `term`, or nil when the term does not occur exactly once along a path of
    /// invertible operations.
    init?(plan: ColumnPlan, variable: Int, term: Int) {
        guard Self.occurrences(of: term, in: plan) == 1 else { return nil }
        var steps: [Step] = []
        var node = plan
        while true {
            switch node {
            case .epsilon(let k) where k == term:
                self.init(variable: variable, term: term, steps: steps, leaf: .epsilon)
                return
            case .noise(let k, let family, let parameters) where k == term:
                self.init(variable: variable, term: term, steps: steps, leaf: .transform(family, parameters))
                return
            case .affine(let constant, let terms):
                guard let i = terms.firstIndex(where: { Self.occurrences(of: term, in: $0.plan) > 0 }),
                      terms[i].weight != 0, terms[i].weight.isFinite else { return nil }
                var others = terms
                others.remove(at: i)
                // The identity (0 + 1 · inner, how the compiler wraps a lone term) is no step.
                if constant != 0 || !others.isEmpty || terms[i].weight != 1 {
                    steps.append(.affine(offset: .affine(constant, others), weight: terms[i].weight))
                }
                node = terms[i].plan
            case .binary(let op, let a, let b):
                let inLeft = Self.occurrences(of: term, in: a) > 0
                switch (op, inLeft) {
                case (.add, _):
                    steps.append(.affine(offset: inLeft ? b : a, weight: 1))
                case (.subtract, true):
                    steps.append(.affine(offset: .affine(0, [AffineTerm(weight: -1, plan: b)]), weight: 1))
                case (.subtract, false):
                    steps.append(.affine(offset: a, weight: -1))
                case (.multiply, _):
                    steps.append(.product(factor: inLeft ? b : a))
                case (.divide, true):
                    steps.append(.quotient(divisor: b))
                case (.divide, false):
                    steps.append(.reciprocal(numerator: a))
                default:
                    return nil
                }
                node = inLeft ? a : b
            case .function(let f, let x) where Self.invertibleFunctions.contains(f):
                steps.append(.function(f))
                node = x
            default:
                return nil
            }
        }
    }

    private init(variable: Int, term: Int, steps: [Step], leaf: Leaf) {
        self.variable = variable
        self.term = term
        self.steps = steps
        self.leaf = leaf
    }

    /// How many times `plan` reads noise term `term`.
    static func occurrences(of term: Int, in plan: ColumnPlan) -> Int {
        switch plan {
        case .constant, .variable: return 0
        case .epsilon(let k): return k == term ? 1 : 0
        case .noise(let k, _, let parameters):
            return (k == term ? 1 : 0) + parameters.reduce(0) { $0 + occurrences(of: term, in: $1) }
        case .affine(_, let terms): return terms.reduce(0) { $0 + occurrences(of: term, in: $1.plan) }
        case .function(_, let x): return occurrences(of: term, in: x)
        case .binary(_, let a, let b): return occurrences(of: term, in: a) + occurrences(of: term, in: b)
        case .ifElse(let c, let t, let e):
            return occurrences(of: term, in: c) + occurrences(of: term, in: t) + occurrences(of: term, in: e)
        case .custom(_, let arguments): return arguments.reduce(0) { $0 + occurrences(of: term, in: $1) }
        }
    }
}

/// Where solving writes its answer for a block of rows.
struct InversionOutput {
    /// ε for a continuous term, NaN where the observed value is impossible. For a
    /// discrete term, the lower end of the interval of ε (NaN when it is empty).
    let epsilon: UnsafeMutablePointer<Double>
    /// For a discrete term, the upper end of the interval of ε.
    let upper: UnsafeMutablePointer<Double>
    /// When present, log p(observed value | parents, other noise) is added to it:
    /// log density of ε plus log |dε/dvalue| for a continuous term, log of the
    /// interval's length for a discrete one (−∞ where impossible).
    let logLikelihood: UnsafeMutablePointer<Double>?
}

extension NoiseInversion {
    /// Solves rows 0..<n of the block: `observed` holds the variable's observed
    /// values; `columns` every variable's values (parents known), `evaluator`'s
    /// ε buffers the other noise terms. `scratch` provides working columns.
    func solve(observed: UnsafePointer<Double>, rows n: Int, firstRow: Int, evaluator: BlockEvaluator,
               columns: [UnsafeMutablePointer<Double>], scratch: ScratchColumns, into output: InversionOutput) throws {
        let t = output.epsilon
        t.update(from: observed, count: n)
        let side = scratch[0]
        let jacobian = output.logLikelihood != nil && !isDiscrete
        var logJacobian: UnsafeMutablePointer<Double>?
        if jacobian {
            logJacobian = scratch[1]
            logJacobian!.update(repeating: 0, count: n)
        }
        for step in steps {
            switch step {
            case .affine(let offset, let weight):
                try evaluator.evaluate(offset, into: side, rows: n, firstRow: firstRow, columns: columns, variable: variable)
                let inverse = 1 / weight
                for i in 0..<n { t[i] = (t[i] - side[i]) * inverse }
                if let j = logJacobian {
                    let l = -log(abs(weight))
                    for i in 0..<n { j[i] += l }
                }
            case .product(let factor):
                try evaluator.evaluate(factor, into: side, rows: n, firstRow: firstRow, columns: columns, variable: variable)
                for i in 0..<n { t[i] = side[i] != 0 ? t[i] / side[i] : .nan }
                if let j = logJacobian { for i in 0..<n { j[i] -= log(abs(side[i])) } }
            case .quotient(let divisor):
                try evaluator.evaluate(divisor, into: side, rows: n, firstRow: firstRow, columns: columns, variable: variable)
                for i in 0..<n { t[i] = side[i] != 0 ? t[i] * side[i] : .nan }
                if let j = logJacobian { for i in 0..<n { j[i] += log(abs(side[i])) } }
            case .reciprocal(let numerator):
                try evaluator.evaluate(numerator, into: side, rows: n, firstRow: firstRow, columns: columns, variable: variable)
                if let j = logJacobian { for i in 0..<n { j[i] += log(abs(side[i])) - 2 * log(abs(t[i])) } }
                for i in 0..<n { t[i] = t[i] != 0 && side[i] != 0 ? side[i] / t[i] : .nan }
            case .function(let f):
                Self.applyInverse(f, t, n, logJacobian)
            }
        }
        switch leaf {
        case .epsilon:
            if let j = logJacobian, let l = output.logLikelihood {
                for i in 0..<n { l[i] += j[i] + Self.standardNormalLogDensity(t[i]) }
            }
        case .transform(let family, let parameterPlans):
            let place = { (i: Int) in evaluator.place(ofRow: i, firstRow: firstRow) }
            let name = evaluator.compiled.model.variables[variable].name
            var parameters: [UnsafePointer<Double>] = []
            for (p, plan) in parameterPlans.enumerated() {
                let buffer = scratch[2 + p]
                try evaluator.evaluate(plan, into: buffer, rows: n, firstRow: firstRow, columns: columns, variable: variable)
                parameters.append(UnsafePointer(buffer))
            }
            try Self.preimage(family, value: t, parameters: parameters, rows: n, into: output, logJacobian: logJacobian,
                              place: place, variable: name)
            if !family.isDiscrete, let j = logJacobian, let l = output.logLikelihood {
                let base = evaluator.compiled.noise[term]
                if case .standardNormal = base.base {
                    for i in 0..<n { l[i] += j[i] + Self.standardNormalLogDensity(t[i]) }
                } else {
                    let d = base.distribution
                    for i in 0..<n { l[i] += t[i].isNaN ? -.infinity : j[i] + d.logDensity(t[i]) }
                }
            }
        }
        if !isDiscrete, let l = output.logLikelihood {
            for i in 0..<n where !t[i].isFinite { l[i] = -.infinity }
        }
    }

    /// log φ(x) for the standard normal density φ (−∞ for NaN).
    @inline(__always) static func standardNormalLogDensity(_ x: Double) -> Double {
        x.isNaN ? -.infinity : -0.5 * x * x - 0.918_938_533_204_672_7
    }

    /// Undoes root = f(inner) in place, adding log |d inner / d root| to `logJacobian`.
    /// Values outside f's range become NaN.
    private static func applyInverse(_ f: MathFunction, _ t: UnsafeMutablePointer<Double>, _ n: Int,
                                     _ logJacobian: UnsafeMutablePointer<Double>?) {
        switch f {
        case .exp:
            if let j = logJacobian { for i in 0..<n { j[i] -= log(t[i]) } }
            for i in 0..<n { t[i] = t[i] > 0 ? log(t[i]) : .nan }
        case .log:
            for i in 0..<n { t[i] = exp(t[i]) }
            if let j = logJacobian { for i in 0..<n { j[i] += log(t[i]) } }
        case .logistic:
            if let j = logJacobian { for i in 0..<n { j[i] -= log(t[i]) + log1p(-t[i]) } }
            for i in 0..<n { t[i] = t[i] > 0 && t[i] < 1 ? log(t[i]) - log1p(-t[i]) : .nan }
        case .tanh:
            if let j = logJacobian { for i in 0..<n { j[i] -= log1p(-t[i] * t[i]) } }
            for i in 0..<n { t[i] = abs(t[i]) < 1 ? atanh(t[i]) : .nan }
        case .sqrt:
            if let j = logJacobian { for i in 0..<n { j[i] += log(2 * t[i]) } }
            for i in 0..<n { t[i] = t[i] >= 0 ? t[i] * t[i] : .nan }
        default:
            for i in 0..<n { t[i] = .nan }
        }
    }

    /// Turns a term's values in `t` into their preimages under the noise convention
    /// (`DistributionFamily.preimage(of:parameters:)`), row by row. A continuous
    /// term's ε replaces its value in place (NaN outside the support), adding
    /// log |dε/dx| to `logJacobian`. A discrete term's interval [lower, upper)
    /// goes to `output` (NaN bounds where the value is impossible, except that a
    /// value that overflowed to ±∞ on the way is kept as the lower bound: an
    /// overflow, which the caller reports), adding the log of its length (−∞
    /// where impossible) to the log-likelihood. Invalid parameters are errors
    /// naming the variable and the row (`place` gives the row's prefix).
    private static func preimage(_ family: DistributionFamily, value t: UnsafeMutablePointer<Double>,
                                 parameters p: [UnsafePointer<Double>], rows n: Int, into output: InversionOutput,
                                 logJacobian j: UnsafeMutablePointer<Double>?, place: (Int) -> String, variable: String) throws {
        var row = [Double](repeating: 0, count: p.count)
        for i in 0..<n {
            for k in p.indices { row[k] = p[k][i] }
            let x = t[i]
            let preimage: NoisePreimage
            do {
                preimage = try family.preimage(of: x, parameters: row)
            } catch {
                throw ModelError(place(i) + "\(error)", variable: variable)
            }
            if family.isDiscrete {
                var lower = Double.nan, upper = Double.nan
                if case .interval(let lo, let hi) = preimage { (lower, upper) = (lo, hi) } else if x.isInfinite { lower = x }
                output.epsilon[i] = lower
                output.upper[i] = upper
                if let l = output.logLikelihood { l[i] += upper > lower ? log(upper - lower) : -.infinity }
            } else {
                if let j { j[i] += family.logJacobian(at: x, parameters: row) }
                if case .point(let e) = preimage { t[i] = e } else { t[i] = .nan }
            }
        }
    }
}

/// Working columns of `BlockEvaluator.blockSize` values, allocated on first use
/// and reused: the scratch space of one worker thread.
final class ScratchColumns {
    private var buffers: [UnsafeMutablePointer<Double>] = []

    deinit { for b in buffers { b.deallocate() } }

    /// Working column `i`.
    subscript(i: Int) -> UnsafeMutablePointer<Double> {
        while buffers.count <= i { buffers.append(.allocate(capacity: BlockEvaluator.blockSize)) }
        return buffers[i]
    }
}
