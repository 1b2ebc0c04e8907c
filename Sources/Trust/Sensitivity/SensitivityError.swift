import Reporting

/// Why a sensitivity analysis or a refutation cannot run, worded for the person who asked.
public enum SensitivityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The robustness value and bounds were asked of an estimator that is not a linear regression.
    case notLinear(estimator: String)
    /// A column the regression uses is constant, so it explains nothing and cannot be estimated.
    case constantColumn(column: String, role: String, value: Double)
    /// A column was named twice, or in two roles.
    case repeatedColumn(String)
    /// A benchmark covariate is not among the covariates of the regression.
    case benchmarkNotCovariate(String, covariates: [String])
    /// A multiplier k_D or k_Y is not positive, or too large for the benchmark.
    case invalidMultiplier(Double, detail: String)
    /// An option is out of range.
    case invalidOption(option: String, detail: String)
    /// Too few rows for the regression.
    case tooFewRows(rows: Int, needed: Int)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .notLinear(let name):
            return "the robustness value and its bounds need a linear regression (ols) estimate; '\(name)' is not linear: "
                + "use --estimator ols, or E-values on a risk ratio for other estimators"
        case let .constantColumn(column, role, value):
            return "\(role) '\(column)' has zero variance (every value is \(NumberFormatting.general(value))): it cannot be in the regression; drop it"
        case .repeatedColumn(let name):
            return "column '\(name)' is named more than once (treatment, outcome and covariates must be distinct)"
        case let .benchmarkNotCovariate(name, covariates):
            return "benchmark '\(name)' is not a covariate of the regression (covariates: \(covariates.joined(separator: ", ")))"
        case let .invalidMultiplier(k, detail):
            return "multiplier \(k): \(detail)"
        case let .invalidOption(option, detail):
            return "\(option): \(detail)"
        case let .tooFewRows(rows, needed):
            return "too few rows: \(rows) for a regression that needs more than \(needed)"
        }
    }
}
