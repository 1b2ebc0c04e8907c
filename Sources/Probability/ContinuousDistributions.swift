import Foundation
import GSL
import Reporting

private let logSqrtTwoPi = 0.5 * log(2 * Double.pi)

/// Normal(μ, σ): density φ((x − μ)/σ)/σ. The second parameter is the standard deviation.
public struct Normal: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Normal"
    /// Mean μ.
    public let location: Double
    /// Standard deviation σ > 0.
    public let scale: Double

    /// Normal with mean μ and standard deviation σ > 0.
    public init(mean: Double, sd: Double) throws {
        try Check.finite(mean, "mean", of: Self.name)
        try Check.positive(sd, "sd", of: Self.name)
        location = mean
        scale = sd
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { location + scale * stream.normal() }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        let z = (x - location) / scale
        return -logSqrtTwoPi - log(scale) - 0.5 * z * z
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { SpecialFunctions.normalCDF((x - location) / scale) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { location + scale * SpecialFunctions.normalQuantile(p) }
    /// The mean.
    public var mean: Double { location }
    /// The variance.
    public var variance: Double { scale * scale }
}

/// LogNormal(μ, σ): log X ~ Normal(μ, σ).
public struct LogNormal: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "LogNormal"
    /// Mean of log X.
    public let logMean: Double
    /// Standard deviation of log X.
    public let logSD: Double

    /// LogNormal whose logarithm has mean μ and standard deviation σ > 0.
    public init(logMean: Double, logSD: Double) throws {
        try Check.finite(logMean, "mu", of: Self.name)
        try Check.positive(logSD, "sigma", of: Self.name)
        self.logMean = logMean
        self.logSD = logSD
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { exp(logMean + logSD * stream.normal()) }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x > 0 else { return -.infinity }
        let z = (log(x) - logMean) / logSD
        return -logSqrtTwoPi - log(logSD) - log(x) - 0.5 * z * z
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : SpecialFunctions.normalCDF((log(x) - logMean) / logSD) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { exp(logMean + logSD * SpecialFunctions.normalQuantile(p)) }
    /// The mean.
    public var mean: Double { exp(logMean + 0.5 * logSD * logSD) }
    /// The variance.
    public var variance: Double { (exp(logSD * logSD) - 1) * exp(2 * logMean + logSD * logSD) }
}

/// Student's t with ν degrees of freedom, location μ and scale s: X = μ + s·T_ν.
public struct StudentT: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "StudentT"
    /// Degrees of freedom ν > 0.
    public let degreesOfFreedom: Double
    /// Location μ.
    public let location: Double
    /// Scale s > 0.
    public let scale: Double

    /// Student's t with ν > 0 degrees of freedom, location μ and scale s > 0.
    public init(degreesOfFreedom nu: Double, location: Double = 0, scale: Double = 1) throws {
        try Check.positive(nu, "nu", of: Self.name)
        try Check.finite(location, "location", of: Self.name)
        try Check.positive(scale, "scale", of: Self.name)
        degreesOfFreedom = nu
        self.location = location
        self.scale = scale
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double {
        location + scale * stream.generator.studentT(degreesOfFreedom: degreesOfFreedom)
    }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        let nu = degreesOfFreedom
        let z = (x - location) / scale
        return SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2)
            - 0.5 * log(nu * Double.pi) - log(scale) - (nu + 1) / 2 * log1p(z * z / nu)
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        SpecialFunctions.studentTCDF((x - location) / scale, degreesOfFreedom: degreesOfFreedom)
    }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double {
        location + scale * SpecialFunctions.studentTQuantile(p, degreesOfFreedom: degreesOfFreedom)
    }
    /// The mean.
    public var mean: Double { degreesOfFreedom > 1 ? location : .nan }
    /// The variance.
    public var variance: Double {
        if degreesOfFreedom > 2 { return scale * scale * degreesOfFreedom / (degreesOfFreedom - 2) }
        return degreesOfFreedom > 1 ? .infinity : .nan
    }
}

/// Uniform(a, b) on the interval [a, b), a < b.
public struct Uniform: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Uniform"
    /// Lower end a.
    public let lower: Double
    /// Upper end b.
    public let upper: Double

    /// Uniform on [a, b), with a < b both finite.
    public init(lower: Double, upper: Double) throws {
        try Check.finite(lower, "a", of: Self.name)
        try Check.finite(upper, "b", of: Self.name)
        guard lower < upper else {
            throw InvalidParameter(distribution: Self.name, parameter: "b", value: upper,
                                   requirement: "must exceed a = \(lower.compactDescription)")
        }
        self.lower = lower
        self.upper = upper
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { lower + (upper - lower) * stream.uniform() }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double { x >= lower && x < upper ? -log(upper - lower) : -.infinity }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { min(1, max(0, (x - lower) / (upper - lower))) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { lower + p * (upper - lower) }
    /// The mean.
    public var mean: Double { (lower + upper) / 2 }
    /// The variance.
    public var variance: Double { (upper - lower) * (upper - lower) / 12 }
}

/// Exponential with rate λ > 0: density λ e^(−λx) on x ≥ 0.
public struct Exponential: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Exponential"
    /// Rate λ.
    public let rate: Double

    /// Exponential with rate λ > 0 (mean 1/λ).
    public init(rate: Double) throws {
        try Check.positive(rate, "rate", of: Self.name)
        self.rate = rate
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { -log(stream.uniformOpen()) / rate }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double { x < 0 ? -.infinity : log(rate) - rate * x }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : -expm1(-rate * x) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { -log1p(-p) / rate }
    /// The mean.
    public var mean: Double { 1 / rate }
    /// The variance.
    public var variance: Double { 1 / (rate * rate) }
}

/// Gamma with shape k > 0 and scale θ > 0: density x^(k−1) e^(−x/θ) / (Γ(k) θ^k).
public struct Gamma: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Gamma"
    /// Shape k.
    public let shape: Double
    /// Scale θ (the reciprocal of the rate).
    public let scale: Double

    /// Gamma with shape k > 0 and scale θ > 0 (mean kθ).
    public init(shape: Double, scale: Double) throws {
        try Check.positive(shape, "shape", of: Self.name)
        try Check.positive(scale, "scale", of: Self.name)
        self.shape = shape
        self.scale = scale
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { stream.gamma(shape: shape, scale: scale) }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 && shape == 1 ? -log(scale) : -.infinity }
        return (shape - 1) * log(x) - x / scale - SpecialFunctions.logGamma(shape) - shape * log(scale)
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : SpecialFunctions.gammaCDF(x, shape: shape, scale: scale) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { SpecialFunctions.gammaQuantile(p, shape: shape, scale: scale) }
    /// The mean.
    public var mean: Double { shape * scale }
    /// The variance.
    public var variance: Double { shape * scale * scale }
}

/// Beta(a, b) on [0, 1]: density x^(a−1) (1−x)^(b−1) / B(a, b).
public struct Beta: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Beta"
    /// First shape a > 0.
    public let alpha: Double
    /// Second shape b > 0.
    public let beta: Double

    /// Beta with shapes a > 0 and b > 0.
    public init(_ a: Double, _ b: Double) throws {
        try Check.positive(a, "a", of: Self.name)
        try Check.positive(b, "b", of: Self.name)
        alpha = a
        beta = b
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { stream.beta(alpha, beta) }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double {
        guard x > 0, x < 1 else { return -.infinity }
        return (alpha - 1) * log(x) + (beta - 1) * log1p(-x) - SpecialFunctions.logBeta(alpha, beta)
    }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : (x >= 1 ? 1 : SpecialFunctions.betaCDF(x, alpha, beta)) }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double { SpecialFunctions.betaQuantile(p, alpha, beta) }
    /// The mean.
    public var mean: Double { alpha / (alpha + beta) }
    /// The variance.
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }
}

/// Laplace (double exponential) with location μ and scale b > 0: density e^(−|x−μ|/b) / (2b).
public struct Laplace: UnivariateDistribution, Equatable {
    /// The family's name in model files.
    public static let name = "Laplace"
    /// Location μ.
    public let location: Double
    /// Scale b.
    public let scale: Double

    /// Laplace with location μ and scale b > 0.
    public init(location: Double, scale: Double) throws {
        try Check.finite(location, "location", of: Self.name)
        try Check.positive(scale, "scale", of: Self.name)
        self.location = location
        self.scale = scale
    }

    /// One draw, from `stream`.
    public func sample(using stream: RandomStream) -> Double { quantile(stream.uniformOpen()) }
    /// The log density at `x` (the log probability mass for a discrete family).
    public func logDensity(_ x: Double) -> Double { -log(2 * scale) - abs(x - location) / scale }
    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        let z = (x - location) / scale
        return z < 0 ? 0.5 * exp(z) : 1 - 0.5 * exp(-z)
    }
    /// The smallest x with P(X ≤ x) ≥ p.
    public func quantile(_ p: Double) -> Double {
        p < 0.5 ? location + scale * log(2 * p) : location - scale * log(2 * (1 - p))
    }
    /// The mean.
    public var mean: Double { location }
    /// The variance.
    public var variance: Double { 2 * scale * scale }
}
