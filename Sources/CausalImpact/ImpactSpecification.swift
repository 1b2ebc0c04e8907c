import BSTS
import Tabular

/// What to analyse and how: the periods, the response, the model and the sampler.
///
///     var spec = ImpactSpecification(pre: .rows(1...70), post: .rows(71...100))
///     spec.sampler.iterations = 2000
///     let result = try ImpactAnalysis.run(table: table, specification: spec)
public struct ImpactSpecification: Sendable {
    /// The pre-intervention period.
    public var pre: ImpactPeriod
    /// The post-intervention period; it must start after the pre-period ends.
    public var post: ImpactPeriod
    /// The response column; nil means the first numeric column that is not the time index.
    public var response: String?
    /// The structural time-series model.
    public var model = ModelOptions()
    /// The MCMC run (iterations, seed, chains). The seed also drives the posterior-predictive noise.
    public var sampler = SamplerOptions()
    /// Every interval is an equal-tailed posterior interval at level 1 − alpha.
    public var alpha = ImpactDefaults.alpha
    /// Holidays and known events, each a regression-holiday component of the model.
    public var events: [ImpactEvent] = []
    /// Events already placed on 0-based rows of the analysed table, as the refits of a
    /// placebo backtest or a covariate check carry the calendar onto their own rows
    /// (`carryingEvents(of:onto:)`).
    var eventRows: [EventPattern] = []

    /// A specification with the default model, sampler and alpha.
    public init(pre: ImpactPeriod, post: ImpactPeriod, response: String? = nil) {
        self.pre = pre
        self.post = post
        self.response = response
    }

    /// The command line's reading: periods written `START:END` (`ImpactPeriod(parsing:…)`),
    /// in values of `table`'s time index when it has one, in 1-based rows otherwise.
    public init(parsingPre pre: String, post: String, response: String? = nil, in table: Table) throws {
        // The table's own faults (columns, time order, size) are reported before the periods'.
        let timeIndex = try ColumnRoles(table: table, response: response).timeIndex
        self.init(pre: try ImpactPeriod(parsing: pre, name: "pre-period", rowCount: table.rowCount, timeIndex: timeIndex),
                  post: try ImpactPeriod(parsing: post, name: "post-period", rowCount: table.rowCount, timeIndex: timeIndex),
                  response: response)
    }

    /// Checks the options that do not depend on the data.
    public func validate() throws {
        guard alpha > 0, alpha < 1 else {
            throw ImpactError.badOption(name: "alpha", value: ImpactError.optionValue(alpha),
                                        requirement: "must lie strictly between 0 and 1")
        }
        guard sampler.iterations >= ImpactDefaults.minimumIterations else {
            throw ImpactError.badOption(name: "niter", value: "\(sampler.iterations)",
                                        requirement: "must be at least \(ImpactDefaults.minimumIterations)")
        }
        guard sampler.chains >= 1 else {
            throw ImpactError.badOption(name: "chains", value: "\(sampler.chains)", requirement: "must be at least 1")
        }
        guard sampler.chains <= FitLimits.maximumChains else {
            throw ImpactError.badOption(name: "chains", value: "\(sampler.chains)",
                                        requirement: "must be at most \(FitLimits.maximumChains)")
        }
        guard model.seasons >= 1 else {
            throw ImpactError.badOption(name: "seasons", value: "\(model.seasons)", requirement: "must be at least 1")
        }
        guard model.seasonDuration >= 1 else {
            throw ImpactError.badOption(name: "season-duration", value: "\(model.seasonDuration)",
                                        requirement: "must be at least 1")
        }
        if let m = model.expectedModelSize, !(m > 0 && m.isFinite) {
            throw ImpactError.badOption(name: "expected-model-size", value: ImpactError.optionValue(m),
                                        requirement: "must be a positive number (the expected count of included covariates)")
        }
        if let problem = model.componentProblem {
            throw ImpactError.badOption(name: problem.option, value: problem.value, requirement: problem.requirement)
        }
        guard model.priorLevelSD > 0, model.priorLevelSD.isFinite else {
            throw ImpactError.badOption(name: "prior-level-sd", value: ImpactError.optionValue(model.priorLevelSD),
                                        requirement: "must be positive")
        }
    }
}

extension ImpactSpecification {
    /// Checks the size of the fit against `FitLimits` (the rules BSTSModel.fit applies)
    /// before anything is sampled: at most as many seasons as pre-period points (from
    /// the first to the last observed response), and a sampler that fits in memory.
    /// `response` is the modelling response (NaN after the pre-period).
    func checkFitSize(response: [Double], covariates: Int) throws {
        guard let violation = FitLimits.violation(response: response, covariates: covariates, model: model,
                                                  sampler: sampler) else { return }
        switch violation {
        case let .tooManySeasons(seasons, maximum):
            throw ImpactError.badOption(
                name: "seasons", value: "\(seasons)",
                requirement: "must be at most \(maximum), the number of pre-period points (from the first to the last "
                    + "observed response): with more seasons, some season never occurs before the intervention")
        case let .periodTooLong(period, maximum):
            throw ImpactError.badOption(
                name: "trig", value: ImpactError.optionValue(period),
                requirement: "the period must be at most \(maximum), the number of pre-period points (from the first "
                    + "to the last observed response): a full cycle must be seen before the intervention")
        case let .autoregressiveOrderTooLarge(order, maximum):
            throw ImpactError.badOption(
                name: "ar", value: "\(order)",
                requirement: "must be at most \(maximum) for this pre-period: the observed pre-period points must "
                    + "number at least twice the AR coefficients, plus one")
        case let .studentTrendTooShort(span, minimum):
            throw ImpactError.badOption(
                name: "trend", value: "student",
                requirement: "needs a pre-period of at least \(minimum) points (from the first to the last observed "
                    + "response), not \(span): the σ and ν of level and slope are seen through the level's second "
                    + "differences")
        case let .stateTooLarge(m, rows, chains, bytes):
            throw ImpactError.modelTooLarge(stateDimension: m, rows: rows, chains: chains,
                                            gibibytes: FitLimitViolation.gibibytes(bytes))
        case let .tooManyIterations(iterations, maximum, rows, chains):
            throw ImpactError.badOption(
                name: "niter", value: "\(iterations)",
                requirement: "at most \(maximum) iterations per chain fit in the "
                    + "\(FitLimitViolation.gibibytes(FitLimits.memoryBudget)) GiB memory limit with \(rows) modelled "
                    + "rows and \(chains) \(chains == 1 ? "chain" : "chains")")
        }
    }
}

/// Named defaults of the impact analysis, each with where it comes from.
public enum ImpactDefaults {
    /// Interval level 1 − 0.05 = 95%: R CausalImpact's default `alpha`.
    public static let alpha = 0.05
    /// R CausalImpact refuses fewer than 10 MCMC iterations (`niter`).
    public static let minimumIterations = 10
    /// R CausalImpact requires a pre-period of at least 3 points.
    public static let minimumPreperiodRows = 3
    /// The fewest observed pre-period responses that can be modelled; fewer is "ill-conditioned"
    /// (R CausalImpact's rule).
    public static let minimumObservedResponses = 3
    /// Fewer kept draws than this (or than 5/alpha, which leaves 2.5 draws beyond each
    /// interval end) make the intervals little more than the extreme draws: the result
    /// then carries a warning.
    public static let minimumReliableDraws = 100
    /// The address, below the user's seed, of the stream that draws the posterior-predictive
    /// noise, so that it never overlaps the sampler's streams (the ASCII bytes of "PREDICT").
    public static let predictiveNoiseStream: UInt64 = 0x0050_5245_4449_4354
}
