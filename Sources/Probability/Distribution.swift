/// A univariate probability distribution on the real line (discrete ones on
/// the integers, represented as `Double`).
///
/// `logDensity` is the log of the density for continuous distributions and of
/// the probability mass for discrete ones. `cdf(x)` is P(X ≤ x); `quantile(p)`
/// is its inverse: the smallest x with P(X ≤ x) ≥ p.
public protocol UnivariateDistribution: Sendable {
    /// The distribution's name as written in a model file, e.g. `Normal`.
    static var name: String { get }
    /// Draws one variate.
    func sample(using stream: RandomStream) -> Double
    /// log f(x) (density, or probability mass for a discrete distribution); −∞ outside the support.
    func logDensity(_ x: Double) -> Double
    /// P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// The smallest x with P(X ≤ x) ≥ p, for p in [0, 1].
    func quantile(_ p: Double) -> Double
    /// E[X] (NaN when undefined).
    var mean: Double { get }
    /// Var[X] (NaN when undefined, +∞ when infinite).
    var variance: Double { get }
    /// Whether the support is a set of integers.
    var isDiscrete: Bool { get }
}

extension UnivariateDistribution {
    /// Whether the values are whole numbers (a mass function rather than a density).
    public var isDiscrete: Bool { false }
    /// The standard deviation √Var[X].
    public var standardDeviation: Double { variance.squareRoot() }
    /// Draws `count` variates.
    public func sample(_ count: Int, using stream: RandomStream) -> [Double] {
        (0..<count).map { _ in sample(using: stream) }
    }
}

/// A parameter outside its distribution's domain.
public struct InvalidParameter: Error, CustomStringConvertible, Equatable, Sendable {
    /// The distribution, e.g. `Normal`.
    public let distribution: String
    /// The parameter, e.g. `sd`.
    public let parameter: String
    /// The offending value.
    public let value: Double
    /// The rule it breaks, e.g. "must be positive".
    public let requirement: String

    /// The error for `parameter` of `distribution` having `value`, which breaks `requirement`.
    public init(distribution: String, parameter: String, value: Double, requirement: String) {
        self.distribution = distribution
        self.parameter = parameter
        self.value = value
        self.requirement = requirement
    }

    /// The value in words, for one line of output.
    public var description: String {
        "\(distribution) parameter \(parameter) = \(value.compactDescription) \(requirement)"
    }
}

/// Parameter checks shared by the distributions' initializers.
enum Check {
    static func positive(_ value: Double, _ parameter: String, of distribution: String) throws {
        guard value > 0, value.isFinite else {
            throw InvalidParameter(distribution: distribution, parameter: parameter, value: value,
                                   requirement: "must be positive and finite")
        }
    }

    static func finite(_ value: Double, _ parameter: String, of distribution: String) throws {
        guard value.isFinite else {
            throw InvalidParameter(distribution: distribution, parameter: parameter, value: value,
                                   requirement: "must be finite")
        }
    }

    static func probability(_ value: Double, _ parameter: String, of distribution: String) throws {
        guard value >= 0, value <= 1 else {
            throw InvalidParameter(distribution: distribution, parameter: parameter, value: value,
                                   requirement: "must lie in [0, 1]")
        }
    }

    static func count(_ value: Double, _ parameter: String, of distribution: String) throws {
        guard value >= 0, value == value.rounded(), value < 2_147_483_648 else {
            throw InvalidParameter(distribution: distribution, parameter: parameter, value: value,
                                   requirement: "must be a non-negative integer")
        }
    }
}

/// The smallest integer k ≥ 0 with cdf(k) ≥ p, searched from `guess`.
func discreteQuantile(_ p: Double, guess: Double, cdf: (Int) -> Double) -> Double {
    if p <= 0 { return 0 }
    if p >= 1 { return .infinity }
    var k = max(0, Int(guess.isFinite ? guess.rounded(.down) : 0))
    if cdf(k) >= p {
        while k > 0 && cdf(k - 1) >= p { k -= 1 }
    } else {
        repeat { k += 1 } while cdf(k) < p
    }
    return Double(k)
}
