import BSTS

/// A problem with the data or the request of an impact analysis, worded for the
/// person who supplied them: each message names the file, column, row or option.
public enum ImpactError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The table has fewer rows than any analysis needs (3 in the pre-period, 1 after it).
    case tooFewRows(source: String, rows: Int)
    /// A column that must hold numbers holds text; `row` is 1-based.
    case notNumeric(source: String, column: String, row: Int, cell: String)
    /// A cell holds an infinite number; `row` is 1-based.
    case notFinite(source: String, column: String, row: Int)
    /// The table has no numeric column to analyse.
    case noResponse(source: String)
    /// A column named in the request is not in the table.
    case unknownColumn(source: String, name: String, available: [String])
    /// A period that cannot be read or resolved; `period` is "pre-period" or "post-period".
    case badPeriod(period: String, text: String, reason: String)
    /// The pre-period (its span in words) has fewer than 3 rows.
    case preperiodTooShort(period: String, rows: Int)
    /// The post-period (its span in words) does not start after the pre-period's end (in words).
    case periodsOverlap(preEnd: String, post: String)
    /// The response is missing in the post-period (1-based row).
    case missingPostResponse(source: String, column: String, row: Int)
    /// A covariate is missing on a row that the analysis uses (1-based row).
    case missingCovariate(source: String, column: String, row: Int)
    /// A time index with a missing, repeated or out-of-order value (the reason names the rows).
    case badTimeIndex(source: String, column: String, reason: String)
    /// An option outside its allowed range, named as on the command line without its dashes
    /// ("ar", "placebo"); said as "--ar 40: …".
    case badOption(name: String, value: String, requirement: String)
    /// A model whose sampler would need more memory than `FitLimits.memoryBudget`.
    case modelTooLarge(stateDimension: Int, rows: Int, chains: Int, gibibytes: String)
    /// Response values too large to add up over the post-period without overflow.
    case beyondRange(source: String, column: String, reason: String)
    /// Posterior draws that do not fit the modelling window (a bug in the fitter, not in the data).
    case malformedDraws(String)
    /// The pre-period response cannot be modelled (ill-conditioned), so no effect is inferred.
    case noInference(reason: String)

    /// The message shown to the user: what is wrong and where.
    public var description: String {
        switch self {
        case let .notNumeric(source, column, row, cell):
            return "\(source): column '\(column)' is not numeric ('\(cell)' on row \(row)); "
                + "only a time index named t, time or date may hold text"
        case let .tooFewRows(source, rows):
            return "\(source): \(rows) \(rows == 1 ? "row" : "rows"); an impact analysis needs at least 4 "
                + "(3 in the pre-period and 1 after it)"
        case let .notFinite(source, column, row):
            return "\(source): column '\(column)' holds an infinite value on row \(row)"
        case let .noResponse(source):
            return "\(source): no numeric column to use as the response"
        case let .unknownColumn(source, name, available):
            return "\(source): no column named '\(name)' (columns: \(available.joined(separator: ", ")))"
        case let .badPeriod(period, text, reason):
            return "\(period) '\(text)': \(reason)"
        case let .preperiodTooShort(period, rows):
            return "the pre-period (\(period)) has \(rows) \(rows == 1 ? "row" : "rows"); it needs at least 3"
        case let .periodsOverlap(preEnd, post):
            return "the post-period (\(post)) must start after the pre-period ends (\(preEnd))"
        case let .missingPostResponse(source, column, row):
            return "\(source): the response '\(column)' is missing on row \(row), in the post-period; "
                + "missing responses are allowed only in the pre-period"
        case let .missingCovariate(source, column, row):
            return "\(source): covariate '\(column)' is missing on row \(row); covariates must be complete "
                + "over the pre- and post-periods"
        case let .badTimeIndex(source, column, reason):
            return "\(source): time index '\(column)' \(reason)"
        case let .badOption(name, value, requirement):
            return "--\(name) \(value): \(requirement)"
        case let .modelTooLarge(m, rows, chains, gibibytes):
            return "the model is too large: its state has \(m) elements, and over \(rows) modelled rows and \(chains) "
                + "\(chains == 1 ? "chain" : "chains") the sampler would need about \(gibibytes) GiB, more than the "
                + "\(FitLimitViolation.gibibytes(FitLimits.memoryBudget)) GiB limit; use fewer seasons, covariates or chains"
        case let .beyondRange(source, column, reason):
            return "\(source): the response '\(column)' \(reason)"
        case let .noInference(reason):
            return "no inference: \(reason)"
        case let .malformedDraws(reason):
            return "internal error: posterior draws do not fit the data (\(reason))"
        }
    }

    /// A number as an option value in messages: NaN (which may carry a sign bit and
    /// print as "-nan") reads "NaN", infinities "inf" and "-inf".
    static func optionValue(_ x: Double) -> String { x.isNaN ? "NaN" : "\(x)" }
}
