import Foundation
import GSL

/// Bernoulli(p): X = 1 with probability p, else 0.
public struct Bernoulli: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Bernoulli"
    /// P(X = 1).
    public let probability: Double

    /// Bernoulli with success probability p in [0, 1].
    public init(probability p: Double) throws {
        try Check.probability(p, "p", of: Self.name)
        probability = p
    }

    /// Bernoulli with success probability logistic(η) = 1 / (1 + e^(−η)).
    public init(logit eta: Double) throws {
        guard !eta.isNaN else {
            throw InvalidParameter(distribution: Self.name, parameter: "logit", value: eta, requirement: "must be a number")
        }
        probability = Logistic.value(eta)
    }

    /// Whether the values are whole numbers (a mass function rather than a density).
    public var isDiscrete: Bool { true }
    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { stream.uniform() < probability ? 1 : 0 }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        if x == 1 { return log(probability) }
        if x == 0 { return log1p(-probability) }
        return -.infinity
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { x < 0 ? 0 : (x < 1 ? 1 - probability : 1) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { p <= 1 - probability ? 0 : 1 }
    /// The mean.
    public var mean: Double { probability }
    /// The variance.
    public var variance: Double { probability * (1 - probability) }
}

/// Binomial(n, p): the number of successes in n independent Bernoulli(p) trials.
public struct Binomial: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Binomial"
    /// Number of trials n.
    public let trials: Int
    /// Success probability p.
    public let probability: Double

    /// Binomial with n ≥ 0 trials and success probability p in [0, 1].
    public init(trials n: Double, probability p: Double) throws {
        try Check.count(n, "n", of: Self.name)
        try Check.probability(p, "p", of: Self.name)
        trials = Int(n)
        probability = p
    }

    /// Whether the values are whole numbers (a mass function rather than a density).
    public var isDiscrete: Bool { true }
    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double {
        Double(stream.generator.binomial(trials: trials, probability: probability))
    }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x >= 0, x <= Double(trials), x == x.rounded() else { return -.infinity }
        let k = Int(x)
        if probability == 0 { return k == 0 ? 0 : -.infinity }
        if probability == 1 { return k == trials ? 0 : -.infinity }
        return SpecialFunctions.logChoose(trials, k) + x * log(probability) + Double(trials - k) * log1p(-probability)
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        if x < 0 { return 0 }
        if x >= Double(trials) { return 1 }
        return SpecialFunctions.binomialCDF(Int(x.rounded(.down)), trials: trials, probability: probability)
    }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double {
        if p >= 1 { return Double(trials) }
        let guess = mean + SpecialFunctions.normalQuantile(max(1e-300, min(p, 1 - 1e-16))) * standardDeviation
        return min(Double(trials), discreteQuantile(p, guess: guess) { cdf(Double($0)) })
    }
    /// The mean.
    public var mean: Double { Double(trials) * probability }
    /// The variance.
    public var variance: Double { Double(trials) * probability * (1 - probability) }
}

/// Poisson(λ): P(X = k) = λ^k e^(−λ) / k!.
public struct Poisson: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Poisson"
    /// The mean λ.
    public let rate: Double

    /// The largest mean accepted: counts stay within GSL's 32-bit CDF arguments.
    public static let maximumMean = 1e9

    /// How far the quantile's running sum of masses may lie from the CDF (far above
    /// the rounding of at most a few hundred terms, about 1e-14).
    static let summationTolerance = 1e-10

    /// Poisson with mean 0 ≤ λ ≤ 10⁹.
    public init(mean lambda: Double) throws {
        guard lambda >= 0, lambda.isFinite else {
            throw InvalidParameter(distribution: Self.name, parameter: "lambda", value: lambda,
                                   requirement: "must be non-negative and finite")
        }
        guard lambda <= Self.maximumMean else {
            throw InvalidParameter(distribution: Self.name, parameter: "lambda", value: lambda,
                                   requirement: "must be at most 1e9")
        }
        rate = lambda
    }

    /// Whether the values are whole numbers (a mass function rather than a density).
    public var isDiscrete: Bool { true }
    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { Double(stream.generator.poisson(mean: rate)) }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x >= 0, x == x.rounded() else { return -.infinity }
        if rate == 0 { return x == 0 ? 0 : -.infinity }
        return x * log(rate) - rate - SpecialFunctions.logGamma(x + 1)
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        if x < 0 { return 0 }
        // Poisson(0) is the point mass at 0 (GSL's CDF rejects a zero mean).
        return rate == 0 ? 1 : SpecialFunctions.poissonCDF(Int(min(x, 2e9).rounded(.down)), mean: rate)
    }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double {
        if rate == 0 { return 0 }
        if rate < 30 {
            // Sequential search over the mass function: exact and cheap for small means.
            if p <= 0 { return 0 }
            if p >= 1 { return .infinity }
            var k = 0.0, term = exp(-rate), total = term
            while total < p && term > 0 {
                k += 1
                term *= rate / k
                total += term
            }
            // The running sum and GSL's CDF differ by rounding: where p lies that close to
            // either end of k's interval, the CDF decides, so the quantile is exactly the
            // smallest k with cdf(k) ≥ p.
            let nearEdge = total - p < Self.summationTolerance || p - (total - term) < Self.summationTolerance
            return total >= p && !nearEdge ? k : discreteQuantile(p, guess: k) { cdf(Double($0)) }
        }
        let z = SpecialFunctions.normalQuantile(max(1e-300, min(p, 1 - 1e-16)))
        let guess = rate + z * rate.squareRoot() + (z * z - 1) / 6  // Cornish–Fisher start
        return discreteQuantile(p, guess: guess) { cdf(Double($0)) }
    }
    /// The mean.
    public var mean: Double { rate }
    /// The variance.
    public var variance: Double { rate }
}

/// Categorical over {0, 1, …, K−1} with probabilities p₀ … p_{K−1}.
public struct Categorical: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Categorical"
    /// The probabilities, normalised to sum to 1.
    public let probabilities: [Double]
    /// cumulative[k] = P(X ≤ k) = (w₀ + … + w_k) / Σw: running sums of the weights
    /// (left to right) divided by their total, the last set to 1. Computed from the
    /// weights rather than by summing the normalised probabilities, so that these
    /// thresholds are bit for bit those a caller computes from the same weights.
    public let cumulative: [Double]

    /// Categorical with non-negative weights, normalised by their (positive) sum.
    public init(weights: [Double]) throws {
        guard !weights.isEmpty else {
            throw InvalidParameter(distribution: Self.name, parameter: "p", value: 0, requirement: "needs at least one category")
        }
        for (k, w) in weights.enumerated() {
            guard w >= 0, w.isFinite else {
                throw InvalidParameter(distribution: Self.name, parameter: "p\(k + 1)", value: w,
                                       requirement: "must be non-negative and finite")
            }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else {
            throw InvalidParameter(distribution: Self.name, parameter: "p", value: total, requirement: "must not all be zero")
        }
        probabilities = weights.map { $0 / total }
        var running = 0.0
        var cumulative = weights.map { w -> Double in running += w; return running / total }
        cumulative[cumulative.count - 1] = 1
        self.cumulative = cumulative
    }

    /// Whether the values are whole numbers (a mass function rather than a density).
    public var isDiscrete: Bool { true }
    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { quantile(stream.uniformOpen()) }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x >= 0, x < Double(probabilities.count), x == x.rounded() else { return -.infinity }
        return log(probabilities[Int(x)])
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        if x < 0 { return 0 }
        if x >= Double(probabilities.count - 1) { return 1 }
        return cumulative[Int(x.rounded(.down))]
    }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double {
        for (k, c) in cumulative.enumerated() where p <= c && probabilities[k] > 0 { return Double(k) }
        return Double(probabilities.count - 1)
    }
    /// The mean.
    public var mean: Double { probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element } }
    /// The variance.
    public var variance: Double {
        let m = mean
        return probabilities.enumerated().reduce(0) { $0 + (Double($1.offset) - m) * (Double($1.offset) - m) * $1.element }
    }
}

/// The logistic function σ(η) = 1 / (1 + e^(−η)) and its inverse, the logit.
public enum Logistic {
    /// σ(η), computed without overflow for large |η|.
    @inlinable public static func value(_ eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
    }
    /// logit(p) = log(p / (1 − p)).
    public static func logit(_ p: Double) -> Double { log(p) - log1p(-p) }
}
