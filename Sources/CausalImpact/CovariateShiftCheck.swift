import Tabular

/// One covariate analysed as the response, with the same periods and model but no
/// other covariates and a level free to wander (prior level sd at least
/// `wanderingLevelSD`): a covariate that the intervention moved is no control. Covariates
/// are chosen because they track the response, so they wander as it does; with
/// CausalImpact's stiff default level (0.01) a random-walk covariate would look as if it
/// moved at any date.
public struct CovariateShift: Sendable {
    /// The smallest prior level sd of a covariate's own analysis (R's `prior.level.sd` for a wandering series).
    public static let wanderingLevelSD = 0.1

    /// The covariate.
    public let covariate: String
    /// Its own average absolute effect at the intervention.
    public let effect: PosteriorEstimate
    /// Its own tail-area probability.
    public let tailProbability: Double
    /// Whether its own effect is clear (`ImpactSummary.isClear`): then it moved.
    public let moved: Bool

    /// Each covariate of `table` (as `specification` reads it) analysed as the response;
    /// a covariate whose pre-period is constant cannot be analysed and is left out.
    public static func check(table: Table, specification: ImpactSpecification) throws -> [CovariateShift] {
        let roles = try ColumnRoles(table: table, response: specification.response)
        let data = try ImpactData(table: table, specification: specification)
        return try zip(roles.covariateNames, roles.covariates).compactMap { name, x in
            // The covariate alone, without the time index: the periods as rows.
            var spec = try specification.carryingEvents(of: data, onto: 0...(table.rowCount - 1))
            spec.response = name
            spec.model.priorLevelSD = max(spec.model.priorLevelSD, wanderingLevelSD)
            spec.pre = .rows((data.requestedPre.lowerBound + 1)...(data.requestedPre.upperBound + 1))
            spec.post = .rows((data.post.lowerBound + 1)...(data.post.upperBound + 1))
            let single = try Table(numericColumns: [(name, x)], source: "\(table.source), covariate '\(name)'")
            guard case .inferred(let result) = try ImpactAnalysis.outcome(table: single, specification: spec) else { return nil }
            return CovariateShift(covariate: name, effect: result.summary.average.absoluteEffect,
                                  tailProbability: result.summary.tailProbability, moved: result.summary.isClear)
        }
    }

    /// The warning for a covariate that moved, or nil.
    public var warning: MisuseWarning? {
        moved ? .covariateMoved(covariate: covariate, effect: effect.mean, lower: effect.lower, upper: effect.upper,
                                tailProbability: tailProbability) : nil
    }
}
