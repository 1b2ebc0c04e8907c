import Foundation
import Probability

/// The distributions a noise term can follow, with how each turns its
/// exogenous variate into a value.
///
/// Every noise term U draws one exogenous variate ε per unit from a fixed *base*
/// distribution, and the equation maps ε to the term's value with parameters
/// that may depend on the unit's parents:
///
/// | family | parameters | base ε | value |
/// |---|---|---|---|
/// | `Normal(mean, sd)` | | N(0, 1) | mean + sd·ε |
/// | `LogNormal(mu, sigma)` | | N(0, 1) | exp(mu + sigma·ε) |
/// | `StudentT(nu, location = 0, scale = 1)` | nu constant | t_nu | location + scale·ε |
/// | `Uniform(a, b)` | | U(0, 1) | a + (b − a)·ε |
/// | `Exponential(rate)` | | Exp(1) | ε / rate |
/// | `Gamma(shape, scale)` | shape constant | Gamma(shape, 1) | scale·ε |
/// | `Beta(a, b)` | a, b constant | Beta(a, b) | ε |
/// | `Laplace(location, scale)` | | Laplace(0, 1) | location + scale·ε |
/// | `Bernoulli(p)` | | U(0, 1) | 1 if ε < p, else 0 |
/// | `BernoulliLogit(eta)` | | U(0, 1) | 1 if ε < logistic(eta), else 0 |
/// | `Binomial(n, p)` | | U(0, 1) | F⁻¹(ε; n, p) |
/// | `Poisson(lambda)` | | U(0, 1) | F⁻¹(ε; lambda) |
/// | `Categorical(p1, …, pK)` | | U(0, 1) | smallest k with p1 + … + p(k+1) ≥ ε (values 0…K−1) |
///
/// Discrete values are thresholds of a uniform ε, so a counterfactual keeps a
/// unit's ε (its "luck") and re-thresholds it under the new parameters.
public enum DistributionFamily: String, Hashable, Sendable, CaseIterable {
    case normal = "Normal", logNormal = "LogNormal", studentT = "StudentT", uniform = "Uniform"
    case exponential = "Exponential", gamma = "Gamma", beta = "Beta", laplace = "Laplace"
    case bernoulli = "Bernoulli", bernoulliLogit = "BernoulliLogit", binomial = "Binomial"
    case poisson = "Poisson", categorical = "Categorical"

    /// The family called `name` in a model file (`sigmoid`-style aliases are not accepted here).
    public init?(modelName name: String) { self.init(rawValue: name) }

    /// Parameter names in order (Categorical takes any number of probabilities).
    public var parameterNames: [String] {
        switch self {
        case .normal: return ["mean", "sd"]
        case .logNormal: return ["mu", "sigma"]
        case .studentT: return ["nu", "location", "scale"]
        case .uniform: return ["a", "b"]
        case .exponential: return ["rate"]
        case .gamma: return ["shape", "scale"]
        case .beta: return ["a", "b"]
        case .laplace: return ["location", "scale"]
        case .bernoulli: return ["p"]
        case .bernoulliLogit: return ["eta"]
        case .binomial: return ["n", "p"]
        case .poisson: return ["lambda"]
        case .categorical: return ["p"]
        }
    }

    /// Defaults for trailing parameters that may be omitted.
    var trailingDefaults: [Double] {
        switch self {
        case .studentT: return [0, 1]
        default: return []
        }
    }

    /// How many arguments a call may take.
    public var arity: ClosedRange<Int> {
        if self == .categorical { return 1...Int.max }
        return (parameterNames.count - trailingDefaults.count)...parameterNames.count
    }

    /// Indices of the parameters that shape the base distribution and must be constants.
    public var shapeParameters: [Int] {
        switch self {
        case .studentT: return [0]
        case .gamma: return [0]
        case .beta: return [0, 1]
        default: return []
        }
    }

    /// Whether the values are integers.
    public var isDiscrete: Bool {
        switch self {
        case .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: return true
        default: return false
        }
    }

    /// The name of parameter `i` (Categorical: p1, p2, …).
    public func parameterName(_ i: Int) -> String {
        self == .categorical ? "p\(i + 1)" : parameterNames[i]
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

    /// The distribution of the term's value with parameters `p`, whose
    /// initializer checks the parameters (one set of domain rules, Probability's).
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

    /// The value of a term with base variate ε and parameters `p`, whose
    /// distribution is `d` (see the table above): discrete values are quantiles
    /// of d at the uniform ε, continuous ones location-scale transforms of ε.
    @inlinable func value(epsilon e: Double, parameters p: [Double], distribution d: any UnivariateDistribution) -> Double {
        switch self {
        case .normal: return p[0] + p[1] * e
        case .logNormal: return exp(p[0] + p[1] * e)
        case .studentT: return p[1] + p[2] * e
        case .uniform: return p[0] + (p[1] - p[0]) * e
        case .exponential: return e / p[0]
        case .gamma: return p[1] * e
        case .beta: return e
        case .laplace: return p[0] + p[1] * e
        case .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: return d.quantile(e)
        }
    }
}
