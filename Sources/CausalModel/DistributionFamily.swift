/// The distributions a noise term can follow, as a model file names them and
/// their parameters. What each family means (how its base variate ε becomes a
/// value and back, where discrete values change, which parameters are valid) is
/// stated once, in `NoiseConvention.swift`.
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

    /// The name of parameter `i` (Categorical: p1, p2, …).
    public func parameterName(_ i: Int) -> String {
        self == .categorical ? "p\(i + 1)" : parameterNames[i]
    }
}
