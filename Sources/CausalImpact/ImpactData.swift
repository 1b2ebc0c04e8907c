import Tabular

/// A table checked and prepared for an impact analysis, following R CausalImpact
/// (NOTES §1, §6, §7):
///
/// * the response is the requested column, or the first numeric column that is
///   not the time index; every other numeric column is a covariate;
/// * a time index must be complete and in time order (`TimeIndex`), and then the
///   periods are given in its values;
/// * the pre-period must have at least 3 rows, and the post-period must start after it ends;
/// * the response may be missing in the pre-period but not in the post-period,
///   and covariates may not be missing anywhere from the pre-period start to the post-period end;
/// * the pre-period start moves forward to the first observed response; the
///   model covers the rows from there to the post-period end;
/// * with CausalImpact's priors every column is standardised by its pre-period
///   mean and sd (`Standardization`); with bsts' priors nothing is;
/// * the response after the pre-period is hidden from the model (NaN);
/// * a pre-period response with fewer than 3 observed values, or a constant one,
///   is "ill-conditioned": no model is fit and no inference is made;
/// * otherwise the fit must stay within `FitLimits` (seasons, memory), and the
///   post-period response must add up to a finite number.
public struct ImpactData: Sendable {
    /// Where the table came from, for messages.
    public let source: String
    /// The response column.
    public let responseName: String
    /// The covariate columns, in table order.
    public let covariateNames: [String]
    /// The time index column, if the table has one.
    public let timeIndex: TimeIndex?
    /// The response on every row of the table, original scale (NaN = missing).
    public let observed: [Double]
    /// The pre-period as requested (0-based rows, inclusive).
    public let requestedPre: ClosedRange<Int>
    /// The pre-period that is modelled: the requested one, its start moved to the first observed response.
    public let pre: ClosedRange<Int>
    /// The post-period (0-based rows, inclusive).
    public let post: ClosedRange<Int>
    /// The response over `modelRows` on the modelling scale; NaN where missing and after the pre-period.
    public let modelResponse: [Double]
    /// The covariates over `modelRows` on the modelling scale, one array per covariate.
    public let modelCovariates: [[Double]]
    /// The map between the response and its modelling scale.
    public let responseScale: Standardization
    /// Why no model can be fit (an ill-conditioned response), or nil.
    public let noInferenceReason: String?

    /// The number of rows of the table.
    public var rowCount: Int { observed.count }
    /// The modelled rows: from the (moved) pre-period start to the post-period end.
    public var modelRows: ClosedRange<Int> { pre.lowerBound...post.upperBound }

    /// Checks `table` against `specification` and prepares it for modelling.
    public init(table: Table, specification: ImpactSpecification) throws {
        try specification.validate()
        let source = table.source
        let roles = try ColumnRoles(table: table, response: specification.response)
        let n = table.rowCount
        let requestedPre = try specification.pre.rows(name: "pre-period", rowCount: n, timeIndex: roles.timeIndex)
        let post = try specification.post.rows(name: "post-period", rowCount: n, timeIndex: roles.timeIndex)
        guard requestedPre.count >= ImpactDefaults.minimumPreperiodRows else {
            throw ImpactError.preperiodTooShort(period: PeriodWording.span(requestedPre, roles.timeIndex),
                                                rows: requestedPre.count)
        }
        guard post.lowerBound > requestedPre.upperBound else {
            throw ImpactError.periodsOverlap(preEnd: PeriodWording.point(requestedPre.upperBound, roles.timeIndex),
                                             post: PeriodWording.span(post, roles.timeIndex))
        }
        let y = roles.response
        if let row = post.first(where: { y[$0].isNaN }) {
            throw ImpactError.missingPostResponse(source: source, column: roles.responseName, row: row + 1)
        }
        for (name, x) in zip(roles.covariateNames, roles.covariates) {
            if let row = (requestedPre.lowerBound...post.upperBound).first(where: { x[$0].isNaN }) {
                throw ImpactError.missingCovariate(source: source, column: name, row: row + 1)
            }
        }

        let firstObserved = requestedPre.first(where: { !y[$0].isNaN })
        let pre = (firstObserved ?? requestedPre.lowerBound)...requestedPre.upperBound
        let standardise = specification.model.priors == .causalImpact
        let preValues = y[pre]
        let responseScale = standardise ? Standardization(fitting: preValues) : .identity
        let window = pre.lowerBound...post.upperBound
        var modelResponse = [Double](repeating: .nan, count: window.count)
        for t in pre { modelResponse[t - window.lowerBound] = responseScale.standardise(y[t]) }
        let modelCovariates = roles.covariates.map { x -> [Double] in
            let scale = standardise ? Standardization(fitting: x[pre]) : .identity
            return x[window].map(scale.standardise)
        }

        self.source = source
        responseName = roles.responseName
        covariateNames = roles.covariateNames
        timeIndex = roles.timeIndex
        observed = y
        self.requestedPre = requestedPre
        self.pre = pre
        self.post = post
        self.modelResponse = modelResponse
        self.modelCovariates = modelCovariates
        self.responseScale = responseScale
        noInferenceReason = ImpactData.illConditioning(preValues, column: roles.responseName)
        guard noInferenceReason == nil else { return }
        let postMagnitude = post.reduce(0.0) { $0 + abs(y[$1]) }
        guard postMagnitude.isFinite else {
            throw ImpactError.beyondRange(source: source, column: roles.responseName,
                                          reason: "is too large to add up: its sum over the post-period (rows "
                                              + "\(post.lowerBound + 1) to \(post.upperBound + 1)) exceeds the largest "
                                              + "number a double holds (\(Double.greatestFiniteMagnitude))")
        }
        try specification.checkFitSize(response: modelResponse, covariates: modelCovariates.count)
    }

    /// Why the pre-period response cannot be modelled (R CausalImpact's "ill-conditioned"), or nil.
    static func illConditioning(_ values: ArraySlice<Double>, column: String) -> String? {
        let observed = values.filter { !$0.isNaN }
        if observed.count < ImpactDefaults.minimumObservedResponses {
            return "the response '\(column)' has \(observed.count) observed \(observed.count == 1 ? "value" : "values") "
                + "in the pre-period; at least \(ImpactDefaults.minimumObservedResponses) are needed to fit a model"
        }
        if let first = observed.first, observed.allSatisfy({ $0 == first }) {
            return "the response '\(column)' is constant in the pre-period, so there is no variation to model"
        }
        return nil
    }
}

/// Which column is the response, which are covariates and which is the time index.
struct ColumnRoles {
    let responseName: String
    let response: [Double]
    let covariateNames: [String]
    let covariates: [[Double]]
    let timeIndex: TimeIndex?

    init(table: Table, response requested: String?) throws {
        let source = table.source
        if let requested, table.index(of: requested) == nil {
            throw ImpactError.unknownColumn(source: source, name: requested, available: table.names)
        }
        let timeColumn = TimeIndex.column(in: table, response: requested)
        var numeric: [(String, [Double])] = []
        for (j, (name, column)) in zip(table.names, table.columns).enumerated() where j != timeColumn {
            numeric.append((name, try ColumnRoles.numbers(column, name: name, source: source)))
        }
        let found = requested.map { r in numeric.firstIndex { $0.0 == r } } ?? numeric.indices.first
        guard let position = found else { throw ImpactError.noResponse(source: source) }
        responseName = numeric[position].0
        response = numeric[position].1
        numeric.remove(at: position)
        covariateNames = numeric.map(\.0)
        covariates = numeric.map(\.1)
        timeIndex = timeColumn.map { TimeIndex(name: table.names[$0], column: table.columns[$0]) }
        try timeIndex?.checkOrder(source: source)
        guard table.rowCount >= ImpactDefaults.minimumPreperiodRows + 1 else {
            throw ImpactError.tooFewRows(source: source, rows: table.rowCount)
        }
    }

    /// The numbers of a column; a text column is an error naming its first non-number cell,
    /// unless every cell is missing (then it is all NaN); an infinite value is an error.
    private static func numbers(_ column: Column, name: String, source: String) throws -> [Double] {
        switch column {
        case .numeric(let values):
            if let row = values.firstIndex(where: { $0.isInfinite }) {
                throw ImpactError.notFinite(source: source, column: name, row: row + 1)
            }
            return values
        case .text(let cells):
            if let row = cells.firstIndex(where: { !CSVReader.isMissing($0) }) {
                throw ImpactError.notNumeric(source: source, column: name, row: row + 1, cell: cells[row])
            }
            return [Double](repeating: .nan, count: cells.count)
        }
    }
}
