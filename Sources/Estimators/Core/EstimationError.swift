/// Why an estimate cannot be computed, worded for the person who supplied the data.
/// Problems with the table itself (an unknown or non-numeric column) are thrown as
/// `TableError` by `CausalData`.
public enum EstimationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The estimator needs a column role the data do not have (e.g. an instrument).
    case missingRole(estimator: String, role: String)
    /// A cell of a column the estimate uses is missing (NaN) or infinite; `row` is 1-based.
    case missingValue(column: String, row: Int)
    /// A binary-treatment estimator found a treatment value other than 0 or 1; `row` is 1-based.
    case nonBinaryTreatment(column: String, row: Int, value: Double)
    /// Every unit has the same treatment: there is nothing to compare.
    case noVariation(column: String, detail: String)
    /// The design matrix does not have full column rank: `column` is (numerically) a
    /// linear combination of `collinearWith` (empty when it is constant zero).
    case singularDesign(model: String, column: String, collinearWith: [String])
    /// No overlap between treated and controls: the covariates predict the treatment
    /// perfectly, so propensity scores are 0 or 1 and the effect is not identified.
    case noOverlap(treatment: String, detail: String)
    /// An iterative fit did not converge.
    case notConverged(model: String, iterations: Int)
    /// Too few rows (overall, per arm, per side) for the estimator.
    case tooFewObservations(estimator: String, detail: String)
    /// The data do not have the structure the estimator needs.
    case invalidDesign(estimator: String, detail: String)
    /// An option of the estimator is out of range.
    case invalidOption(estimator: String, detail: String)
    /// A cell holds a number the method cannot take (a propensity of 0, an action
    /// outside the set, probabilities that do not sum to 1 …); `row` is 1-based. A
    /// group of columns is named by its first and last, `p0…p4`.
    case invalidCell(column: String, row: Int, detail: String)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case let .missingRole(estimator, role):
            return "\(estimator) needs \(role), which the data description does not name"
        case let .missingValue(column, row):
            return "column '\(column)', row \(row): missing or non-finite value"
        case let .nonBinaryTreatment(column, row, value):
            return "treatment column '\(column)', row \(row): value \(value) is not 0 or 1 (this estimator needs a binary treatment)"
        case let .noVariation(column, detail):
            return "column '\(column)': \(detail)"
        case let .singularDesign(model, column, others):
            if others.isEmpty { return "\(model): singular design: column '\(column)' is zero (or constant where an intercept is absorbed)" }
            let list = others.map { "'\($0)'" }.joined(separator: ", ")
            return "\(model): singular design: column '\(column)' is a linear combination of \(list) (collinear columns)"
        case let .noOverlap(treatment, detail):
            return "no overlap for treatment '\(treatment)': \(detail); the effect is not identified without overlap"
        case let .notConverged(model, iterations):
            return "\(model) did not converge in \(iterations) iterations"
        case let .tooFewObservations(estimator, detail):
            return "\(estimator): too few observations: \(detail)"
        case let .invalidDesign(estimator, detail):
            return "\(estimator): \(detail)"
        case let .invalidOption(estimator, detail):
            return "\(estimator): invalid option: \(detail)"
        case let .invalidCell(column, row, detail):
            return "\(column.contains("…") ? "columns" : "column") '\(column)', row \(row): \(detail)"
        }
    }
}
