/// Input that the structural time-series sampler cannot use. Rows are 1-based.
public enum BSTSError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Fewer MCMC iterations than the minimum (10, as in CausalImpact).
    case tooFewIterations(Int)
    /// A chain count below 1.
    case invalidChainCount(Int)
    /// A model option out of range, e.g. `seasons = 0`.
    case invalidOption(name: String, value: String, requirement: String)
    /// The response is empty.
    case emptyResponse
    /// A response value that is infinite (NaN marks a missing value and is allowed).
    case responseNotFinite(row: Int, value: Double)
    /// Fewer than 3 observed (non-NaN) response values.
    case tooFewObservations(Int)
    /// The observed response values are all equal: sd(y) = 0.
    case constantResponse
    /// A covariate whose length differs from the response's.
    case covariateLength(name: String, count: Int, expected: Int)
    /// A covariate value that is NaN or infinite.
    case covariateNotFinite(name: String, row: Int, value: Double)
    /// The number of covariate names differs from the number of covariates.
    case covariateNames(count: Int, expected: Int)
    /// A constant covariate in a dynamic regression (its prior scale 0.01·sdy/sd(x) is undefined).
    case constantDynamicCovariate(name: String)
    /// The sampler reached parameter values the state-space model refuses (e.g. a zero
    /// observation variance); the message says which.
    case samplerFailure(String)

    public var description: String {
        switch self {
        case .tooFewIterations(let n):
            return "iterations = \(n): at least \(Defaults.minimumIterations) MCMC iterations are needed (1000 recommended)"
        case .invalidChainCount(let n): return "chains = \(n): at least one chain is needed"
        case .invalidOption(let name, let value, let requirement): return "\(name) = \(value) \(requirement)"
        case .emptyResponse: return "the response has no values"
        case .responseNotFinite(let row, let value): return "response row \(row) is \(value); only finite values or NaN (missing) are allowed"
        case .tooFewObservations(let n): return "the response has \(n) observed values; at least 3 are needed"
        case .constantResponse: return "the observed response values are all equal (sd = 0)"
        case .covariateLength(let name, let count, let expected):
            return "covariate \(name) has \(count) values, expected \(expected) (one per response row)"
        case .covariateNotFinite(let name, let row, let value):
            return "covariate \(name) row \(row) is \(value); covariates may not be missing or infinite"
        case .covariateNames(let count, let expected): return "\(count) covariate names for \(expected) covariates"
        case .constantDynamicCovariate(let name):
            return "covariate \(name) is constant; a dynamic regression needs sd(\(name)) > 0"
        case .samplerFailure(let what): return "the sampler failed: \(what)"
        }
    }
}
