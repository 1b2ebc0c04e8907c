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
/// (`DistributionFamily`). Continuous families give ε exactly; discrete ones
/// (Bernoulli, Binomial, Poisson, Categorical: thresholds of a uniform ε) give
/// the interval of ε that reproduces the observed value, on which the posterior
/// of ε is uniform.
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
    /// (not a whole number, negative, a Bernoulli value other than 0 and 1, or a
    /// Categorical value beyond the last category).
    func excludes(_ x: Double) -> Bool {
        guard steps.isEmpty, case .transform(let family, let parameters) = leaf, family.isDiscrete else { return false }
        let k = x.rounded()
        guard approximatelyEqual(x, k), k >= 0 else { return true }
        switch family {
        case .bernoulli, .bernoulliLogit: return k > 1
        case .categorical: return k >= Double(parameters.count)
        default: return false
        }
    }

    /// Why `excludes` rules a value out, for error messages.
    var supportDescription: String {
        guard case .transform(let family, let parameters) = leaf else { return "" }
        switch family {
        case .bernoulli, .bernoulliLogit: return "(\(family.rawValue) takes only the values 0 and 1)"
        case .categorical: return "(Categorical takes only the values 0 to \(parameters.count - 1))"
        default: return "(\(family.rawValue) takes only whole numbers from 0)"
        }
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
            if family.isDiscrete {
                try Self.interval(family, value: t, parameters: parameters, rows: n, into: output, place: place, variable: name)
            } else {
                try Self.baseVariate(family, value: t, parameters: parameters, rows: n, logJacobian: logJacobian, place: place,
                                     variable: name)
                if let j = logJacobian, let l = output.logLikelihood {
                    let base = evaluator.compiled.noise[term]
                    if case .standardNormal = base.base {
                        for i in 0..<n { l[i] += j[i] + Self.standardNormalLogDensity(t[i]) }
                    } else {
                        let d = base.distribution
                        for i in 0..<n { l[i] += t[i].isNaN ? -.infinity : j[i] + d.logDensity(t[i]) }
                    }
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

    /// Turns a continuous term's values into its base variates ε in place
    /// (`DistributionFamily`'s table read backwards), adding log |dε/dvalue|.
    /// Values outside the family's support become NaN; invalid parameters are
    /// errors naming the variable and the row (`place` gives the row's prefix).
    private static func baseVariate(_ family: DistributionFamily, value t: UnsafeMutablePointer<Double>,
                                    parameters p: [UnsafePointer<Double>], rows n: Int, logJacobian j: UnsafeMutablePointer<Double>?,
                                    place: (Int) -> String, variable: String) throws {
        for i in 0..<n {
            let valid: Bool
            switch family {
            case .normal, .logNormal, .laplace: valid = p[1][i] > 0 && p[1][i].isFinite && p[0][i].isFinite
            case .studentT: valid = p[2][i] > 0 && p[2][i].isFinite && p[1][i].isFinite
            case .uniform: valid = p[0][i] < p[1][i] && p[0][i].isFinite && p[1][i].isFinite
            case .exponential: valid = p[0][i] > 0 && p[0][i].isFinite
            case .gamma: valid = p[1][i] > 0 && p[1][i].isFinite
            default: valid = true
            }
            if !valid {
                let row = p.map { $0[i] }
                let reason = family.violation(row).map { "\($0)" } ?? "invalid \(family.rawValue) parameters"
                throw ModelError(place(i) + reason, variable: variable)
            }
        }
        switch family {
        case .normal:
            for i in 0..<n { t[i] = (t[i] - p[0][i]) / p[1][i] }
            if let j { for i in 0..<n { j[i] -= log(p[1][i]) } }
        case .logNormal:
            if let j { for i in 0..<n { j[i] -= log(p[1][i] * t[i]) } }
            for i in 0..<n { t[i] = t[i] > 0 ? (log(t[i]) - p[0][i]) / p[1][i] : .nan }
        case .studentT:
            for i in 0..<n { t[i] = (t[i] - p[1][i]) / p[2][i] }
            if let j { for i in 0..<n { j[i] -= log(p[2][i]) } }
        case .uniform:
            for i in 0..<n {
                let width = p[1][i] - p[0][i]
                t[i] = t[i] >= p[0][i] && t[i] <= p[1][i] ? (t[i] - p[0][i]) / width : .nan
            }
            if let j { for i in 0..<n { j[i] -= log(p[1][i] - p[0][i]) } }
        case .exponential:
            for i in 0..<n { t[i] = t[i] >= 0 ? t[i] * p[0][i] : .nan }
            if let j { for i in 0..<n { j[i] += log(p[0][i]) } }
        case .gamma:
            for i in 0..<n { t[i] = t[i] > 0 ? t[i] / p[1][i] : .nan }
            if let j { for i in 0..<n { j[i] -= log(p[1][i]) } }
        case .beta:
            for i in 0..<n { t[i] = t[i] > 0 && t[i] < 1 ? t[i] : .nan }
        case .laplace:
            for i in 0..<n { t[i] = (t[i] - p[0][i]) / p[1][i] }
            if let j { for i in 0..<n { j[i] -= log(p[1][i]) } }
        case .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical:
            break
        }
    }

    /// The interval [lower, upper) of a uniform ε that gives a discrete term the
    /// observed value (rounded when within 1e-9 of an integer): Bernoulli(p) is 1
    /// on [0, p) and 0 on [p, 1); Binomial, Poisson and Categorical take value k on
    /// (F(k − 1), F(k)]. Writes NaN bounds (and −∞ log-likelihood) where the
    /// value is impossible, except that a value that overflowed to ±∞ on the way
    /// is kept as the lower bound (an overflow, which the caller reports).
    private static func interval(_ family: DistributionFamily, value t: UnsafePointer<Double>,
                                 parameters p: [UnsafePointer<Double>], rows n: Int, into output: InversionOutput,
                                 place: (Int) -> String, variable: String) throws {
        let lower = output.epsilon, upper = output.upper
        func invalid(_ i: Int, _ error: Error? = nil) -> ModelError {
            let reason = error.map { "\($0)" } ?? family.violation(p.map { $0[i] }).map { "\($0)" }
                ?? "invalid \(family.rawValue) parameters"
            return ModelError(place(i) + reason, variable: variable)
        }
        for i in 0..<n {
            let k = t[i].rounded()
            var lo = Double.nan, hi = Double.nan
            if approximatelyEqual(t[i], k) {
                switch family {
                case .bernoulli, .bernoulliLogit:
                    let q = family == .bernoulli ? p[0][i] : Logistic.value(p[0][i])
                    guard q >= 0, q <= 1 else { throw invalid(i) }
                    if k == 1 { lo = 0; hi = q } else if k == 0 { lo = q; hi = 1 }
                case .binomial:
                    let d: Binomial
                    do { d = try Binomial(trials: p[0][i], probability: p[1][i]) } catch { throw invalid(i, error) }
                    if k >= 0 && k <= Double(d.trials) { lo = k == 0 ? 0 : d.cdf(k - 1); hi = d.cdf(k) }
                case .poisson:
                    let d: Poisson
                    do { d = try Poisson(mean: p[0][i]) } catch { throw invalid(i, error) }
                    if k >= 0 { lo = k == 0 ? 0 : d.cdf(k - 1); hi = d.cdf(k) }
                case .categorical:
                    var total = 0.0
                    for c in p.indices {
                        guard p[c][i] >= 0, p[c][i].isFinite else { throw invalid(i) }
                        total += p[c][i]
                    }
                    guard total > 0 else { throw invalid(i) }
                    if k >= 0 && k < Double(p.count) {
                        var below = 0.0
                        for c in 0..<Int(k) { below += p[c][i] }
                        lo = below / total
                        hi = Int(k) == p.count - 1 ? 1 : (below + p[Int(k)][i]) / total
                    }
                default:
                    break
                }
            }
            if !(hi > lo) {
                lo = t[i].isInfinite ? t[i] : .nan
                hi = .nan
            }
            lower[i] = lo
            upper[i] = hi
            if let l = output.logLikelihood { l[i] += hi > lo ? log(hi - lo) : -.infinity }
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
