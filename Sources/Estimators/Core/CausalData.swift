import Probability
import Reporting
import Tabular

/// Integer codes 0..<count for the distinct values of an identifier column (a
/// panel's unit or period), in order of first appearance, with their labels.
public struct GroupCodes: Sendable, Equatable {
    /// The code of each row.
    public let codes: [Int]
    /// The label of each code, as written in the data.
    public let labels: [String]
    /// The number of distinct values.
    public var count: Int { labels.count }

    /// Codes for the cells of `column`.
    init(_ column: Column) {
        switch column {
        case .numeric(let values):
            let (codes, distinct) = GroupCodes.encode(values)
            self.codes = codes
            labels = distinct.map(\.compactDescription)
        case .text(let values):
            (codes, labels) = GroupCodes.encode(values)
        }
    }

    /// The codes of the rows `indices`, renumbered densely in order of first appearance.
    func selecting(_ indices: [Int]) -> GroupCodes {
        let (codes, kept) = GroupCodes.encode(indices.map { self.codes[$0] })
        return GroupCodes(codes: codes, labels: kept.map { labels[$0] })
    }

    private init(codes: [Int], labels: [String]) {
        self.codes = codes
        self.labels = labels
    }

    /// Codes in order of first appearance, and the distinct values.
    private static func encode<Value: Hashable>(_ values: [Value]) -> ([Int], [Value]) {
        var index: [Value: Int] = [:]
        var distinct: [Value] = []
        var codes = [Int](repeating: 0, count: values.count)
        for (i, v) in values.enumerated() {
            if let c = index[v] {
                codes[i] = c
            } else {
                index[v] = distinct.count
                codes[i] = distinct.count
                distinct.append(v)
            }
        }
        return (codes, distinct)
    }
}

/// A data set prepared for effect estimation: the columns named by `Roles`, checked
/// (present, numeric, finite) and extracted once, so that every estimator reads
/// plain arrays.
///
///     let table = try CSVReader.read(path: "banner.csv")
///     let data = try CausalData(table: table, roles: Roles(outcome: "spend", treatment: "banner",
///                                                          covariates: ["engagement"]))
///     let result = try InverseProbabilityWeighting().estimate(data, seed: 1)
public struct CausalData: Sendable {
    /// The roles the columns play.
    public let roles: Roles
    /// Where the data came from, for messages.
    public let source: String
    /// The outcome Y.
    public let outcome: [Double]
    /// The treatment T, when named.
    public let treatment: [Double]?
    /// The covariates, one array per name in `roles.covariates`.
    public let covariates: [[Double]]
    /// The instrument Z, when named.
    public let instrument: [Double]?
    /// The running variable of a discontinuity design, when named.
    public let runningVariable: [Double]?
    /// Unit codes of a panel, when named.
    public let units: GroupCodes?
    /// Period codes of a panel or repeated cross-section, when named.
    public let periods: GroupCodes?
    /// Group codes of a repeated cross-section, when named.
    public let groups: GroupCodes?

    /// The number of rows.
    public var rowCount: Int { outcome.count }

    /// Extracts the columns named by `roles` from `table`. Throws `TableError` for an
    /// unknown or non-numeric column and `EstimationError.missingValue` (with the
    /// column and 1-based row) for a missing or infinite cell.
    public init(table: Table, roles: Roles) throws {
        func numeric(_ name: String) throws -> [Double] { try table.finiteNumbers(name) }
        func identifier(_ name: String) throws -> GroupCodes {
            guard let i = table.index(of: name) else {
                throw TableError.unknownColumn(name: name, source: table.source, available: table.names)
            }
            if case .numeric(let values) = table.columns[i], let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw EstimationError.missingValue(column: name, row: bad + 1)
            }
            return GroupCodes(table.columns[i])
        }
        self.roles = roles
        source = table.source
        outcome = try numeric(roles.outcome)
        treatment = try roles.treatment.map(numeric)
        covariates = try roles.covariates.map(numeric)
        instrument = try roles.instrument.map(numeric)
        runningVariable = try roles.runningVariable.map(numeric)
        units = try roles.unit.map(identifier)
        periods = try roles.period.map(identifier)
        groups = try roles.group.map(identifier)
    }

    /// Data from numeric columns given as arrays (all of the same length).
    public init(columns: [(String, [Double])], roles: Roles) throws {
        try self.init(table: Table(numericColumns: columns, source: "data"), roles: roles)
    }

    init(roles: Roles, source: String, outcome: [Double], treatment: [Double]?, covariates: [[Double]],
                 instrument: [Double]?, runningVariable: [Double]?, units: GroupCodes?, periods: GroupCodes?,
                 groups: GroupCodes?) {
        self.roles = roles
        self.source = source
        self.outcome = outcome
        self.treatment = treatment
        self.covariates = covariates
        self.instrument = instrument
        self.runningVariable = runningVariable
        self.units = units
        self.periods = periods
        self.groups = groups
    }

    /// The rows at `indices` (repeats allowed, as in a bootstrap resample), in that order.
    public func selecting(rows indices: [Int]) -> CausalData {
        func pick(_ v: [Double]) -> [Double] { indices.map { v[$0] } }
        return CausalData(roles: roles, source: source, outcome: pick(outcome), treatment: treatment.map(pick),
                          covariates: covariates.map(pick), instrument: instrument.map(pick),
                          runningVariable: runningVariable.map(pick), units: units?.selecting(indices),
                          periods: periods?.selecting(indices), groups: groups?.selecting(indices))
    }

    // MARK: Accessors that check what an estimator needs

    /// The treatment, checked to be 0/1 with both values present.
    func binaryTreatment(for estimator: String) throws -> [Double] {
        guard let t = treatment, let name = roles.treatment else {
            throw EstimationError.missingRole(estimator: estimator, role: "a treatment column")
        }
        try requireBinaryTreatment(t, column: name)
        return t
    }

    /// The treatment (any numeric values), checked to vary.
    func anyTreatment(for estimator: String) throws -> [Double] {
        guard let t = treatment, let name = roles.treatment else {
            throw EstimationError.missingRole(estimator: estimator, role: "a treatment column")
        }
        if let first = t.first, t.allSatisfy({ $0 == first }) {
            throw EstimationError.noVariation(column: name, detail: "the treatment is constant")
        }
        return t
    }

    /// The covariates, checked to be at least one.
    func requireCovariates(for estimator: String) throws -> [[Double]] {
        guard !covariates.isEmpty else {
            throw EstimationError.missingRole(estimator: estimator, role: "at least one covariate")
        }
        return covariates
    }

    /// The instrument.
    func requireInstrument(for estimator: String) throws -> [Double] {
        guard let z = instrument else { throw EstimationError.missingRole(estimator: estimator, role: "an instrument column") }
        return z
    }

    /// The running variable and the cutoff.
    func requireRunningVariable(for estimator: String) throws -> (values: [Double], cutoff: Double) {
        guard let x = runningVariable else {
            throw EstimationError.missingRole(estimator: estimator, role: "a running variable column")
        }
        guard let c = roles.cutoff, c.isFinite else { throw EstimationError.missingRole(estimator: estimator, role: "a cutoff") }
        return (x, c)
    }

    /// The unit and period codes of a panel.
    func requirePanel(for estimator: String) throws -> (units: GroupCodes, periods: GroupCodes) {
        guard let u = units else { throw EstimationError.missingRole(estimator: estimator, role: "a unit column") }
        guard let p = periods else { throw EstimationError.missingRole(estimator: estimator, role: "a period column") }
        return (u, p)
    }

    /// The group and period codes of a repeated cross-section.
    func requireGroupsAndPeriods(for estimator: String) throws -> (groups: GroupCodes, periods: GroupCodes) {
        guard let g = groups else { throw EstimationError.missingRole(estimator: estimator, role: "a group column") }
        guard let p = periods else { throw EstimationError.missingRole(estimator: estimator, role: "a period column") }
        return (g, p)
    }
}
