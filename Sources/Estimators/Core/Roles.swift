/// What the columns of a data set mean for effect estimation: which column is the
/// outcome, the treatment, the covariates, and (for the designs that need them) the
/// instrument, the running variable and its cutoff, the unit and the period.
///
///     let roles = Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"])
///     let rd = Roles(outcome: "y", runningVariable: "score", cutoff: 70)
public struct Roles: Sendable, Equatable {
    /// The outcome Y.
    public var outcome: String
    /// The treatment T (0/1 for most estimators); optional for a sharp discontinuity,
    /// where treatment is 1{X ≥ c}.
    public var treatment: String?
    /// Pre-treatment covariates X used for adjustment.
    public var covariates: [String]
    /// An instrument Z: moves T, affects Y only through T.
    public var instrument: String?
    /// The running variable (score) of a regression discontinuity.
    public var runningVariable: String?
    /// The cutoff c of the running variable: treatment switches on at X ≥ c.
    public var cutoff: Double?
    /// The unit (individual, firm …) identifier of a panel; numeric or text.
    public var unit: String?
    /// The period identifier of a panel; numeric or text.
    public var period: String?

    /// Roles by column name; only the outcome is required.
    public init(outcome: String, treatment: String? = nil, covariates: [String] = [],
                instrument: String? = nil, runningVariable: String? = nil, cutoff: Double? = nil,
                unit: String? = nil, period: String? = nil) {
        self.outcome = outcome
        self.treatment = treatment
        self.covariates = covariates
        self.instrument = instrument
        self.runningVariable = runningVariable
        self.cutoff = cutoff
        self.unit = unit
        self.period = period
    }
}
