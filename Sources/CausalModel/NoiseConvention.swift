import Foundation
import Probability

/// The noise convention: for every distribution family, the one statement of
/// (a) how a base variate ε becomes the term's value, (b) which base variates
/// give an observed value (its preimage, with the Jacobian where continuous),
/// (c) where a discrete value changes (its cut points) and (d) which parameters
/// are valid. The evaluator (`BlockEvaluator`), exact inversion
/// (`NoiseInversion`), enumeration (`CellEnumeration`) and model validation
/// (`StructuralCausalModel`) all read it from here.
///
/// Every noise term U draws one exogenous variate ε per unit from a fixed *base*
/// distribution, and the equation maps ε to the term's value with parameters
/// that may depend on the unit's parents:
///
/// | family | parameters | base ε | value | preimage ε of a value x | log \|dε/dx\| |
/// |---|---|---|---|---|---|
/// | `Normal(mean, sd)` | | N(0, 1) | mean + sd·ε | (x − mean)/sd | −log sd |
/// | `LogNormal(mu, sigma)` | | N(0, 1) | exp(mu + sigma·ε) | (log x − mu)/sigma, x > 0 | −log(sigma·x) |
/// | `StudentT(nu, location = 0, scale = 1)` | nu constant | t_nu | location + scale·ε | (x − location)/scale | −log scale |
/// | `Uniform(a, b)` | | U(0, 1) | a + (b − a)·ε | (x − a)/(b − a), a ≤ x ≤ b | −log(b − a) |
/// | `Exponential(rate)` | | Exp(1) | ε / rate | x·rate, x ≥ 0 | log rate |
/// | `Gamma(shape, scale)` | shape constant | Gamma(shape, 1) | scale·ε | x/scale, x > 0 | −log scale |
/// | `Beta(a, b)` | a, b constant | Beta(a, b) | ε | x, 0 < x < 1 | 0 |
/// | `Laplace(location, scale)` | | Laplace(0, 1) | location + scale·ε | (x − location)/scale | −log scale |
/// | `Bernoulli(p)` | | U(0, 1) | 1 if ε < p, else 0 | 1: [0, p); 0: [p, 1) | |
/// | `BernoulliLogit(eta)` | | U(0, 1) | as Bernoulli(logistic(eta)) | as Bernoulli | |
/// | `Binomial(n, p)` | | U(0, 1) | F⁻¹(ε) = the smallest k with F(k) ≥ ε | k: (F(k − 1), F(k)] | |
/// | `Poisson(lambda)` | | U(0, 1) | F⁻¹(ε) | k: (F(k − 1), F(k)] | |
/// | `Categorical(p1, …, pK)` | | U(0, 1) | the smallest k with ε ≤ c_k (values 0…K−1) | k: (c_(k−1), c_k] | |
///
/// F is the family's CDF (Probability's, from GSL), F(−1) = c_(−1) = 0, and
/// c_k = (p1 + … + p(k+1)) / (p1 + … + pK), summed left to right, with c_(K−1) = 1.
/// The log density of a continuous value is log f_ε(ε) + log |dε/dx|; the
/// probability of a discrete value is the length of its interval.
///
/// (c) Discrete values are thresholds of a uniform ε, so a counterfactual keeps
/// a unit's ε (its "luck") and re-thresholds it under the new parameters. The
/// cut points are the thresholds inside (0, 1): p for Bernoulli (the value is 1
/// just below it, 0 from it on), and F(0), F(1), … (c_0, c_1, … for
/// Categorical) below 1 for the others (the value is k at F(k), k + 1 just above).
///
/// (d) Valid parameters are exactly those Probability's distribution of the
/// value accepts (`distribution(_:)`): sd, sigma, scale, rate, shape, nu, a and
/// b of Beta positive and finite; locations and means finite; Uniform's a < b,
/// both finite; probabilities in [0, 1]; eta not NaN; n a whole number in
/// [0, 2³¹); 0 ≤ lambda ≤ 10⁹; Categorical's weights non-negative and finite,
/// not all zero. Shape parameters (those of the base distribution) must be constants.
extension DistributionFamily {
    // MARK: The base variate

    /// Indices of the parameters that shape the base distribution and must be constants.
    public var shapeParameters: [Int] {
        switch self {
        case .studentT: return [0]
        case .gamma: return [0]
        case .beta: return [0, 1]
        default: return []
        }
    }

    /// Whether the values are integers (thresholds of a uniform ε).
    public var isDiscrete: Bool {
        switch self {
        case .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: return true
        default: return false
        }
    }

    /// The base distribution of ε, given the constant shape parameters.
    public func baseDistribution(shape: [Double]) throws -> any UnivariateDistribution {
        switch self {
        case .normal, .logNormal: return try Normal(mean: 0, sd: 1)
        case .studentT: return try StudentT(degreesOfFreedom: shape[0])
        case .exponential: return try Exponential(rate: 1)
        case .gamma: return try Gamma(shape: shape[0], scale: 1)
        case .beta: return try Beta(shape[0], shape[1])
        case .laplace: return try Laplace(location: 0, scale: 1)
        case .uniform, .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical:
            return try Uniform(lower: 0, upper: 1)
        }
    }

    /// How ε is drawn, given its base distribution `d` (`baseDistribution(shape:)`):
    /// standard normal and uniform variates are filled a column at a time.
    func base(_ d: any UnivariateDistribution) -> NoiseBase {
        switch self {
        case .normal, .logNormal: return .standardNormal
        case .uniform, .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: return .uniform
        default: return .other(d)
        }
    }

    // MARK: (a) From ε to the value

    /// The value of a term with base variate ε and valid parameters `p`, whose
    /// distribution is `d` = `distribution(p)` (see the table above): continuous
    /// values are location-scale transforms of ε, Bernoulli values indicators
    /// of ε < p, the other discrete values quantiles of d at the uniform ε.
    func value(epsilon e: Double, parameters p: [Double], distribution d: any UnivariateDistribution) -> Double {
        switch self {
        case .normal: return Self.normalValue(e, mean: p[0], sd: p[1])
        case .logNormal: return exp(p[0] + p[1] * e)
        case .studentT: return p[1] + p[2] * e
        case .uniform: return p[0] + (p[1] - p[0]) * e
        case .exponential: return e / p[0]
        case .gamma: return p[1] * e
        case .beta: return e
        case .laplace: return p[0] + p[1] * e
        case .bernoulli: return Self.bernoulliValue(e, probability: p[0])
        case .bernoulliLogit: return Self.bernoulliValue(e, probability: Logistic.value(p[0]))
        case .binomial, .poisson, .categorical: return d.quantile(e)
        }
    }

    /// Normal(mean, sd)'s value mean + sd·ε (the evaluator's vectorised kernel calls it).
    @inline(__always) static func normalValue(_ e: Double, mean: Double, sd: Double) -> Double { mean + sd * e }

    /// Bernoulli(q)'s value: 1 when ε < q, else 0 (the evaluator's vectorised kernels call it).
    @inline(__always) static func bernoulliValue(_ e: Double, probability q: Double) -> Double { e < q ? 1 : 0 }

    /// Categorical's value from the weights `w(0)`, …, `w(count − 1)` of one row, or nil when
    /// they are invalid: the smallest k of positive probability with ε ≤ c_k, c_k the running
    /// sums divided by the total (the last 1) — `Categorical.quantile`, without building the
    /// distribution (the evaluator's vectorised kernel calls it for per-row weights).
    @inline(__always) static func categoricalValue(_ e: Double, count: Int, weight w: (Int) -> Double) -> Double? {
        var total = 0.0
        for k in 0..<count {
            let x = w(k)
            guard x >= 0, x.isFinite else { return nil }
            total += x
        }
        guard count > 0, total > 0 else { return nil }
        var running = 0.0
        for k in 0..<(count - 1) {
            let x = w(k)
            running += x
            if e <= running / total && x / total > 0 { return Double(k) }
        }
        return Double(count - 1)
    }

    // MARK: (b) From a value back to ε

    /// The base variates that give value x with parameters `p` (see the table
    /// above): one point for a continuous family (`logJacobian(at:parameters:)`
    /// gives its Jacobian), an interval of the uniform ε for a discrete one,
    /// whose value x is first rounded to the nearest whole number (within 1e-9
    /// relative). Empty outside the support, and for a discrete value of
    /// probability zero. A continuous ε may be ±∞ when x is too large for the
    /// transform (an overflow, not an impossibility).
    ///
    /// Throws the rule that `p` breaks (`InvalidParameter`) when they are
    /// invalid; for a discrete family only when x is a whole number (any other
    /// value has no preimage whatever the parameters).
    func preimage(of x: Double, parameters p: [Double]) throws -> NoisePreimage {
        if isDiscrete { return try interval(of: x, parameters: p) }
        guard isValid(p) else { throw invalidParameters(p) }
        switch self {
        case .normal: return .point((x - p[0]) / p[1])
        case .logNormal: return x > 0 ? .point((log(x) - p[0]) / p[1]) : .empty
        case .studentT: return .point((x - p[1]) / p[2])
        case .uniform: return x >= p[0] && x <= p[1] ? .point((x - p[0]) / (p[1] - p[0])) : .empty
        case .exponential: return x >= 0 ? .point(x * p[0]) : .empty
        case .gamma: return x > 0 ? .point(x / p[1]) : .empty
        case .beta: return x > 0 && x < 1 ? .point(x) : .empty
        case .laplace: return .point((x - p[0]) / p[1])
        case .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: return .empty
        }
    }

    /// log |dε/dx| of a continuous family at value x with valid parameters `p`
    /// (the last column of the table above; 0 for a discrete family).
    func logJacobian(at x: Double, parameters p: [Double]) -> Double {
        switch self {
        case .normal, .laplace: return -log(p[1])
        case .logNormal: return -log(p[1] * x)
        case .studentT: return -log(p[2])
        case .uniform: return -log(p[1] - p[0])
        case .exponential: return log(p[0])
        case .gamma: return -log(p[1])
        case .beta, .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: return 0
        }
    }

    /// The interval of a uniform ε that gives a discrete family the value x: Bernoulli(q)
    /// is 1 on [0, q) and 0 on [q, 1); the others take k on (F(k − 1), F(k)].
    private func interval(of x: Double, parameters p: [Double]) throws -> NoisePreimage {
        let k = x.rounded()
        guard approximatelyEqual(x, k) else { return .empty }
        guard isValid(p) else { throw invalidParameters(p) }
        var lower = Double.nan, upper = Double.nan
        switch self {
        case .bernoulli, .bernoulliLogit:
            let q = self == .bernoulli ? p[0] : Logistic.value(p[0])
            if k == 1 { (lower, upper) = (0, q) } else if k == 0 { (lower, upper) = (q, 1) }
        case .binomial:
            let d = try Binomial(trials: p[0], probability: p[1])
            if k >= 0 && k <= Double(d.trials) { (lower, upper) = (k == 0 ? 0 : d.cdf(k - 1), d.cdf(k)) }
        case .poisson:
            let d = try Poisson(mean: p[0])
            if k >= 0 { (lower, upper) = (k == 0 ? 0 : d.cdf(k - 1), d.cdf(k)) }
        case .categorical:
            if k >= 0 && k < Double(p.count) {
                let total = Self.categoricalTotal(p)
                var below = 0.0
                for c in 0..<Int(k) { below += p[c] }
                (lower, upper) = (below / total, Int(k) == p.count - 1 ? 1 : (below + p[Int(k)]) / total)
            }
        default:
            break
        }
        return upper > lower ? .interval(lower: lower, upper: upper) : .empty
    }

    // MARK: (c) Where a discrete value changes

    /// Visits the cut points of a discrete family with valid parameters `p` — its
    /// thresholds inside (0, 1) — in non-decreasing order (a point repeats where a
    /// value has probability zero), until `visit` returns false: p for Bernoulli;
    /// F(k) for Binomial and Poisson, from k a little below the value at ε = `start`
    /// (so that the work is proportional to the cut points above `start`); c_0,
    /// c_1, … for Categorical. A continuous family has none.
    /// Throws when the parameters of a count family are invalid.
    func forEachCutPoint(parameters p: [Double], from start: Double, _ visit: (Double) throws -> Bool) throws {
        /// Visits a threshold inside (0, 1); says whether to go on to the next one.
        func threshold(_ c: Double) throws -> Bool { c <= 0 ? true : c < 1 ? try visit(c) : false }
        switch self {
        case .bernoulli, .bernoulliLogit:
            _ = try threshold(self == .bernoulli ? p[0] : Logistic.value(p[0]))
        case .binomial:
            let d = try Binomial(trials: p[0], probability: p[1])
            var k = max(0, Int(d.quantile(start)) - 1)
            while k < d.trials, try threshold(d.cdf(Double(k))) { k += 1 }
        case .poisson:
            let d = try Poisson(mean: p[0])
            var k = max(0, Int(d.quantile(start)) - 1)
            while try threshold(d.cdf(Double(k))) { k += 1 }
        case .categorical:
            let total = Self.categoricalTotal(p)
            var running = 0.0
            for c in 0..<(p.count - 1) {
                running += p[c]
                if try !threshold(running / total) { break }
            }
        default:
            break
        }
    }

    /// The sum of Categorical weights, left to right: the denominator of its cut points.
    private static func categoricalTotal(_ p: [Double]) -> Double {
        var total = 0.0
        for w in p { total += w }
        return total
    }

    // MARK: (d) Valid parameters

    /// Whether `p` are valid parameters: exactly those that Probability's
    /// distribution of the value accepts (`distribution(_:)`, whose
    /// initializers state the rules), checked without building it.
    func isValid(_ p: [Double]) -> Bool {
        switch self {
        case .normal, .logNormal, .laplace: return Self.isValidLocationScale(p[0], p[1])
        case .studentT: return Self.isPositive(p[0]) && Self.isValidLocationScale(p[1], p[2])
        case .uniform: return p[0].isFinite && p[1].isFinite && p[0] < p[1]
        case .exponential: return Self.isPositive(p[0])
        case .gamma, .beta: return Self.isPositive(p[0]) && Self.isPositive(p[1])
        case .bernoulli: return Self.isProbability(p[0])
        case .bernoulliLogit: return Self.isValidLogit(p[0])
        case .binomial: return p[0] >= 0 && p[0] == p[0].rounded() && p[0] < 2_147_483_648 && Self.isProbability(p[1])
        case .poisson: return p[0] >= 0 && p[0] <= Poisson.maximumMean
        case .categorical:
            guard !p.isEmpty, p.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return false }
            return Self.categoricalTotal(p) > 0
        }
    }

    /// A location and a scale (or Normal's mean and sd): finite, and positive and finite.
    @inline(__always) static func isValidLocationScale(_ location: Double, _ scale: Double) -> Bool {
        location.isFinite && isPositive(scale)
    }

    /// A probability: in [0, 1] (not NaN).
    @inline(__always) static func isProbability(_ q: Double) -> Bool { q >= 0 && q <= 1 }

    /// A logit: any number but NaN (±∞ give probabilities 1 and 0).
    @inline(__always) static func isValidLogit(_ eta: Double) -> Bool { !eta.isNaN }

    @inline(__always) private static func isPositive(_ x: Double) -> Bool { x > 0 && x.isFinite }

    /// The distribution of the term's value with parameters `p`, whose
    /// initializer checks them (one set of domain rules, Probability's).
    func distribution(_ p: [Double]) throws -> any UnivariateDistribution {
        switch self {
        case .normal: return try Normal(mean: p[0], sd: p[1])
        case .logNormal: return try LogNormal(logMean: p[0], logSD: p[1])
        case .studentT: return try StudentT(degreesOfFreedom: p[0], location: p[1], scale: p[2])
        case .uniform: return try Uniform(lower: p[0], upper: p[1])
        case .exponential: return try Exponential(rate: p[0])
        case .gamma: return try Gamma(shape: p[0], scale: p[1])
        case .beta: return try Beta(p[0], p[1])
        case .laplace: return try Laplace(location: p[0], scale: p[1])
        case .bernoulli: return try Bernoulli(probability: p[0])
        case .bernoulliLogit: return try Bernoulli(logit: p[0])
        case .binomial: return try Binomial(trials: p[0], probability: p[1])
        case .poisson: return try Poisson(mean: p[0])
        case .categorical: return try Categorical(weights: p)
        }
    }

    /// The rule that parameters `p` break, if any.
    func violation(_ p: [Double]) -> InvalidParameter? {
        do {
            _ = try distribution(p)
            return nil
        } catch let error as InvalidParameter {
            return error
        } catch {
            return InvalidParameter(distribution: rawValue, parameter: "", value: .nan, requirement: "\(error)")
        }
    }

    /// The error for invalid parameters `p`.
    private func invalidParameters(_ p: [Double]) -> InvalidParameter {
        violation(p) ?? InvalidParameter(distribution: rawValue, parameter: "", value: .nan, requirement: "is invalid")
    }

    // MARK: Support

    /// Whether no parameters at all give a value x: a discrete family's values
    /// are whole numbers from 0 (within 1e-9), Bernoulli's only 0 and 1,
    /// Categorical's 0 … `categories` − 1. Continuous families exclude nothing here.
    func excludesForEveryParameter(_ x: Double, categories: Int) -> Bool {
        guard isDiscrete else { return false }
        let k = x.rounded()
        guard approximatelyEqual(x, k), k >= 0 else { return true }
        switch self {
        case .bernoulli, .bernoulliLogit: return k > 1
        case .categorical: return k >= Double(categories)
        default: return false
        }
    }

    /// The support that `excludesForEveryParameter` checks, in words, for error messages.
    func supportDescription(categories: Int) -> String {
        switch self {
        case .bernoulli, .bernoulliLogit: return "(\(rawValue) takes only the values 0 and 1)"
        case .categorical: return "(Categorical takes only the values 0 to \(categories - 1))"
        default: return "(\(rawValue) takes only whole numbers from 0)"
        }
    }
}

/// The base variates ε that give a noise term an observed value (`DistributionFamily.preimage(of:parameters:)`).
enum NoisePreimage: Equatable, Sendable {
    /// A continuous family: the one ε.
    case point(Double)
    /// A discrete family: the uniform ε between `lower` and `upper` (lower < upper;
    /// which ends belong to it is in `DistributionFamily`'s table), whose
    /// length is the value's probability.
    case interval(lower: Double, upper: Double)
    /// No ε gives the value.
    case empty
}

/// How a noise term's base variates ε are drawn.
enum NoiseBase: Sendable {
    /// N(0, 1), filled a column at a time.
    case standardNormal
    /// U(0, 1) on the open interval, filled a column at a time.
    case uniform
    /// Drawn one by one from this base distribution.
    case other(any UnivariateDistribution)
}
