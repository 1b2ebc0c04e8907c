/// Input that the structural time-series sampler cannot use. Rows are 1-based.
public enum BSTSError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Fewer MCMC iterations than the minimum (10, as in CausalImpact).
    case tooFewIterations(Int)
    /// A chain count below 1 or above `FitLimits.maximumChains`.
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
    /// The response's sd lies outside `FitLimits.scaleRange`.
    case responseScale(sd: Double)
    /// A covariate value (1-based row) beyond `FitLimits.scaleRange`.
    case covariateScale(name: String, row: Int, value: Double)
    /// A request beyond the size limits of `FitLimits`.
    case limitExceeded(FitLimitViolation)
    /// The sampler reached parameter values the state-space model refuses (e.g. a zero
    /// observation variance); the message says which.
    case samplerFailure(String)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .tooFewIterations(let n):
            return "iterations = \(n): at least \(Defaults.minimumIterations) MCMC iterations are needed (1000 recommended)"
        case .invalidChainCount(let n):
            return n < 1 ? "chains = \(n): at least one chain is needed"
                : "chains = \(n): at most \(FitLimits.maximumChains) chains can be run"
        case .invalidOption(let name, let value, let requirement): return "\(name) = \(value) \(requirement)"
        case .emptyResponse: return "the response has no values"
        case .responseNotFinite(let row, let value): return "response row \(row) is \(value); only finite values or NaN (missing) are allowed"
        case .tooFewObservations(let n): return "the response has \(n) observed values; at least 3 are needed"
        case .constantResponse: return "the observed response values are all equal (sd = 0)"
        case .covariateLength(let name, let count, let expected):
            return "covariate \(name) has \(count) values, expected \(expected) (one per response row)"
        case .covariateNotFinite(let name, let row, let value):
            return "covariate \(name) row \(row) is \(value.isNaN ? "missing (NaN)" : "\(value)"); "
                + "covariates may not be missing or infinite"
        case .covariateNames(let count, let expected): return "\(count) covariate names for \(expected) covariates"
        case .constantDynamicCovariate(let name):
            return "covariate \(name) is constant; a dynamic regression needs sd(\(name)) > 0"
        case .responseScale(let sd):
            return "the response's sd is \(sd); the sampler works with its square, so it must lie between "
                + "\(FitLimits.scaleRange.lowerBound) and \(FitLimits.scaleRange.upperBound): rescale the response "
                + "(the causalImpact preset expects it standardised)"
        case .covariateScale(let name, let row, let value):
            return "covariate \(name) row \(row) is \(value); the sampler works with squares of the covariates, "
                + "so their values must lie within ±\(FitLimits.scaleRange.upperBound): rescale the covariate"
        case .limitExceeded(let violation): return Self.describe(violation)
        case .samplerFailure(let what): return "the sampler failed: \(what)"
        }
    }

    private static func describe(_ violation: FitLimitViolation) -> String {
        switch violation {
        case let .tooManySeasons(seasons, maximum):
            return "seasons = \(seasons) must be at most \(maximum), the number of time points from the first to "
                + "the last observed response"
        case let .periodTooLong(period, maximum):
            return "trig period = \(TrigonometricSeasonal.label(period)) must be at most \(maximum), the number of time "
                + "points from the first to the last observed response (a full cycle must be observed)"
        case let .autoregressiveOrderTooLarge(order, maximum):
            return "autoregressiveOrder = \(order) must be at most \(maximum): the observed time points must number "
                + "at least twice the AR coefficients, plus one"
        case let .studentTrendTooShort(span, minimum):
            return "trend = student needs at least \(minimum) time points from the first to the last observed "
                + "response, not \(span): the σ and ν of level and slope are seen through the level's second differences"
        case let .stateTooLarge(m, rows, chains, bytes):
            return "the model's state has \(m) elements: over \(rows) time points and \(chains) "
                + "\(chains == 1 ? "chain" : "chains") the sampler would need about \(FitLimitViolation.gibibytes(bytes)) GiB, "
                + "more than the \(FitLimitViolation.gibibytes(FitLimits.memoryBudget)) GiB limit"
        case let .tooManyIterations(iterations, maximum, rows, chains):
            return "iterations = \(iterations): at most \(maximum) per chain fit in the "
                + "\(FitLimitViolation.gibibytes(FitLimits.memoryBudget)) GiB memory limit with \(rows) time points and "
                + "\(chains) \(chains == 1 ? "chain" : "chains")"
        }
    }
}
