/// The kind of treatment column a data set has.
public enum TreatmentKind: String, Sendable, Equatable {
    /// No treatment column.
    case none
    /// Values 0 and 1 only.
    case binary
    /// Any other numbers (a dose, a price …).
    case continuous
}

/// The kind of discontinuity design.
public enum DiscontinuityKind: String, Sendable, Equatable {
    /// Treatment is exactly 1{X ≥ c} (or no treatment column is given).
    case sharp
    /// The probability of treatment jumps at the cutoff, but not from 0 to 1.
    case fuzzy
}

/// What a data set offers an estimator: the facts a runner needs to pick every
/// applicable estimator, without looking at the numbers again.
public struct DataDescription: Sendable, Equatable {
    /// The number of rows.
    public var rows: Int
    /// The treatment column's kind.
    public var treatment: TreatmentKind
    /// The covariate names.
    public var covariates: [String]
    /// Whether an instrument is named.
    public var hasInstrument: Bool
    /// The discontinuity design, when a running variable and a cutoff are named.
    public var discontinuity: DiscontinuityKind?
    /// Whether unit and period columns are named (a panel).
    public var isPanel: Bool

    /// A description given by hand (for example by a runner that knows the model).
    public init(rows: Int, treatment: TreatmentKind, covariates: [String] = [], hasInstrument: Bool = false,
                discontinuity: DiscontinuityKind? = nil, isPanel: Bool = false) {
        self.rows = rows
        self.treatment = treatment
        self.covariates = covariates
        self.hasInstrument = hasInstrument
        self.discontinuity = discontinuity
        self.isPanel = isPanel
    }
}

extension CausalData {
    /// The description of these data.
    public func describe() -> DataDescription {
        var kind = TreatmentKind.none
        if let t = treatment { kind = t.allSatisfy { $0 == 0 || $0 == 1 } ? .binary : .continuous }
        var discontinuity: DiscontinuityKind?
        if let x = runningVariable, let c = roles.cutoff {
            if let t = treatment {
                let sharp = zip(x, t).allSatisfy { $0.0 >= c ? $0.1 == 1 : $0.1 == 0 }
                discontinuity = sharp ? .sharp : .fuzzy
            } else {
                discontinuity = .sharp
            }
        }
        return DataDescription(rows: rowCount, treatment: kind, covariates: roles.covariates,
                               hasInstrument: instrument != nil, discontinuity: discontinuity,
                               isPanel: units != nil && periods != nil)
    }
}

/// Whether an estimator can run on a data set, and if not, why not.
public enum Applicability: Sendable, Equatable {
    /// The estimator can run.
    case applicable
    /// The estimator cannot run, for the stated reason.
    case notApplicable(reason: String)

    /// Whether the estimator can run.
    public var isApplicable: Bool { self == .applicable }

    /// `.applicable` when every condition holds, else the reason of the first that fails.
    static func requiring(_ conditions: (holds: Bool, reason: String)...) -> Applicability {
        for condition in conditions where !condition.holds { return .notApplicable(reason: condition.reason) }
        return .applicable
    }
}
