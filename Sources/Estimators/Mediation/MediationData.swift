import Probability
import Tabular

/// A sample for mediation analysis: a treatment T (compared between 0 and 1), a
/// mediator M, an outcome Y, and pre-treatment covariates C that block the confounding
/// of T–M, T–Y and M–Y (the identification conditions of VanderWeele 2015, §2.3).
public struct MediationData: Sendable {
    /// The treatment column.
    public let treatment: [Double]
    /// The mediator column.
    public let mediator: [Double]
    /// The outcome column.
    public let outcome: [Double]
    /// The covariate columns, by name.
    public let covariates: [(name: String, values: [Double])]

    /// Reads the named columns of `table`; throws when one is missing or holds a
    /// missing or non-finite value.
    public init(table: Table, treatment: String, mediator: String, outcome: String, covariates: [String]) throws {
        self.treatment = try table.finiteNumbers(treatment)
        self.mediator = try table.finiteNumbers(mediator)
        self.outcome = try table.finiteNumbers(outcome)
        self.covariates = try covariates.map { ($0, try table.finiteNumbers($0)) }
    }

    /// The number of units.
    public var count: Int { treatment.count }

    /// The mediator model's design: intercept, T, C.
    func mediatorDesign() -> Design {
        var design = Design(rows: count)
        design.addIntercept()
        design.add("treatment", treatment)
        for c in covariates { design.add(c.name, c.values) }
        return design
    }

    /// The outcome model's design: intercept, T, M, T·M (when `interaction`), C.
    func outcomeDesign(interaction: Bool) -> Design {
        var design = Design(rows: count)
        design.addIntercept()
        design.add("treatment", treatment)
        design.add("mediator", mediator)
        if interaction { design.add("treatment × mediator", zip(treatment, mediator).map { $0 * $1 }) }
        for c in covariates { design.add(c.name, c.values) }
        return design
    }

    /// The mediator regression M = β₀ + β₁T + β₂ᵀC + e.
    func mediatorFit() throws -> LinearRegression {
        try LinearRegression(mediatorDesign(), response: mediator, model: "mediator regression")
    }

    /// The outcome regression Y = θ₀ + θ₁T + θ₂M (+ θ₃T·M when `interaction`) + θ₄ᵀC + e.
    func outcomeFit(interaction: Bool) throws -> LinearRegression {
        try LinearRegression(outcomeDesign(interaction: interaction), response: outcome, model: "outcome regression")
    }

    /// The covariates' means c̄, in order.
    var covariateMeans: [Double] {
        covariates.map { $0.values.reduce(0, +) / Double(max(1, $0.values.count)) }
    }
}

/// A mediation estimator's answer: the natural direct and indirect effects of T from 0 to 1.
public struct MediationEstimate: Sendable {
    /// The natural direct effect (estimand `.naturalDirectEffect`).
    public let direct: EffectEstimate
    /// The natural indirect effect (estimand `.naturalIndirectEffect`).
    public let indirect: EffectEstimate
}

/// An estimator of natural direct and indirect effects from one sample.
public protocol MediationEstimator: Sendable {
    /// A short stable identifier, used in reports.
    var name: String { get }
    /// The estimates on `data` at confidence level `level`, drawing any randomness from `randomness`.
    func estimate(_ data: MediationData, level: Double, randomness: RandomStream) throws -> MediationEstimate
}

/// The mediation estimators `whatif benchmark --mediation` scores, in report order.
public enum MediationEstimators {
    /// Product of coefficients, VanderWeele's regression formulas, and simulation.
    public static let standard: [any MediationEstimator] = [ProductOfCoefficients(), RegressionMediation(),
                                                            SimulationMediation()]
}
