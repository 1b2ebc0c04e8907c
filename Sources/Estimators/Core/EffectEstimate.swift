import GSL

/// The causal quantity an estimator targets. A benchmark compares each estimate
/// with the true value of its own estimand.
public enum Estimand: String, Sendable, Equatable, CaseIterable {
    /// Average treatment effect E[Y(1) − Y(0)].
    case ate = "ATE"
    /// Average treatment effect on the treated E[Y(1) − Y(0) | T = 1].
    case att = "ATT"
    /// Local average treatment effect: E[Y(1) − Y(0)] among compliers, the units whose
    /// treatment the instrument moves (Imbens & Angrist 1994). For a continuous
    /// treatment, the instrument-weighted average of marginal effects.
    case late = "LATE"
    /// Sharp regression discontinuity: E[Y(1) − Y(0) | X = c] at the cutoff c.
    case effectAtCutoff = "effect at the cutoff"
    /// Fuzzy regression discontinuity: the average effect among compliers at the cutoff.
    case lateAtCutoff = "LATE at the cutoff"
    /// E[Var(T | X)·τ(X)] / E[Var(T | X)]: the conditional effects weighted by the
    /// conditional variance of the treatment (the partially linear model's θ;
    /// Robinson 1988). Equals the ATE when the effect is constant.
    case varianceWeightedEffect = "variance-weighted effect"
    /// The value of a target policy π: V(π) = E_x[Σₐ π(a | x) E[R | x, do(A = a)]], the
    /// mean reward if every unit's action were drawn from π (off-policy evaluation).
    case policyValue = "policy value"
    /// The natural direct effect E[Y(1, M(0))] − E[Y(0, M(0))] of a treatment through a mediator M (Pearl 2001).
    case naturalDirectEffect = "natural direct effect"
    /// The natural indirect effect E[Y(1, M(1))] − E[Y(1, M(0))] (Pearl 2001).
    case naturalIndirectEffect = "natural indirect effect"

    /// A sentence saying what the estimand is.
    public var meaning: String {
        switch self {
        case .ate: return "average treatment effect E[Y(1) − Y(0)]"
        case .att: return "average effect on the treated E[Y(1) − Y(0) | T = 1]"
        case .late: return "local average treatment effect among compliers"
        case .effectAtCutoff: return "average effect at the cutoff E[Y(1) − Y(0) | X = c]"
        case .lateAtCutoff: return "average effect among compliers at the cutoff"
        case .varianceWeightedEffect: return "conditional effects averaged with weights Var(T | X)"
        case .policyValue: return "mean reward under the target policy E[Σₐ π(a | x) E[R | x, do(A = a)]]"
        case .naturalDirectEffect: return "natural direct effect E[Y(1, M(0)) − Y(0, M(0))]"
        case .naturalIndirectEffect: return "natural indirect effect E[Y(1, M(1)) − Y(1, M(0))]"
        }
    }
}

/// How a standard error and its confidence interval were obtained.
public enum Uncertainty: Sendable, Equatable, CustomStringConvertible {
    /// A closed-form (asymptotic) variance, named by `method` (e.g. "HC1 sandwich");
    /// the interval is estimate ± z₁₋α/₂·SE.
    case analytic(method: String)
    /// The nonparametric bootstrap: `replications` resamples of rows (stratified by
    /// treatment arm where stated in `method`); the SE is the standard deviation of the
    /// replicates and the interval their equal-tailed percentile interval (Efron & Tibshirani 1993, §13.3).
    case bootstrap(replications: Int, method: String)
    /// Simulation from the estimates' asymptotic normal distribution (King, Tomz & Wittenberg
    /// 2000): `draws` simulated coefficient vectors; the SE is the standard deviation of the
    /// simulated effects and the interval their equal-tailed percentile interval.
    case simulation(draws: Int, method: String)

    /// Whether the uncertainty comes from resampling.
    public var isBootstrap: Bool {
        if case .bootstrap = self { return true }
        return false
    }

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .analytic(let method): return "analytic (\(method))"
        case let .bootstrap(replications, method): return "bootstrap, \(replications) resamples (\(method))"
        case let .simulation(draws, method): return "simulation, \(draws) draws (\(method))"
        }
    }
}

/// A two-sided confidence interval at a stated level.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Lower end.
    public var lower: Double
    /// Upper end.
    public var upper: Double
    /// Nominal coverage, e.g. 0.95.
    public var level: Double

    /// An interval from its ends and level.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The Wald interval estimate ± Φ⁻¹(1 − α/2)·SE with α = 1 − level.
    public init(normalAround estimate: Double, standardError: Double, level: Double) {
        let z = SpecialFunctions.normalQuantile(1 - (1 - level) / 2)
        self.init(lower: estimate - z * standardError, upper: estimate + z * standardError, level: level)
    }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// A named number an estimator reports beside its estimate (a bandwidth, a first-stage F, …).
public struct Diagnostic: Sendable, Equatable {
    /// What the number is, e.g. "first-stage F".
    public let name: String
    /// Its value.
    public let value: Double

    /// A named value.
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

/// The uniform result of every estimator: the estimate of its estimand with a
/// standard error, a confidence interval (saying whether analytic or bootstrap),
/// the rows used, warnings and diagnostics.
public struct EffectEstimate: Sendable, Equatable, CustomStringConvertible {
    /// The estimator's name (its `EffectEstimator.name`).
    public var estimator: String
    /// What is estimated.
    public var estimand: Estimand
    /// The point estimate.
    public var value: Double
    /// Its standard error.
    public var standardError: Double
    /// The confidence interval.
    public var interval: ConfidenceInterval
    /// How the standard error and interval were obtained.
    public var uncertainty: Uncertainty
    /// The number of rows that entered the estimate.
    public var sampleSize: Int
    /// Things the user should know (poor overlap, a weak instrument, dropped units …).
    public var warnings: [EstimatorWarning]
    /// Further numbers (bandwidths, first-stage F, propensity range …), in a stable order.
    public var diagnostics: [Diagnostic]

    /// A result with every field given.
    public init(estimator: String, estimand: Estimand, value: Double, standardError: Double,
                interval: ConfidenceInterval, uncertainty: Uncertainty, sampleSize: Int,
                warnings: [EstimatorWarning] = [], diagnostics: [Diagnostic] = []) {
        self.estimator = estimator
        self.estimand = estimand
        self.value = value
        self.standardError = standardError
        self.interval = interval
        self.uncertainty = uncertainty
        self.sampleSize = sampleSize
        self.warnings = warnings
        self.diagnostics = diagnostics
    }

    /// A result with an analytic standard error and the normal (Wald) interval.
    public init(estimator: String, estimand: Estimand, value: Double, standardError: Double,
                method: String, sampleSize: Int, level: Double,
                warnings: [EstimatorWarning] = [], diagnostics: [Diagnostic] = []) {
        self.init(estimator: estimator, estimand: estimand, value: value, standardError: standardError,
                  interval: ConfidenceInterval(normalAround: value, standardError: standardError, level: level),
                  uncertainty: .analytic(method: method), sampleSize: sampleSize,
                  warnings: warnings, diagnostics: diagnostics)
    }

    /// The value of the diagnostic called `name`, if reported.
    public func diagnostic(_ name: String) -> Double? { diagnostics.first { $0.name == name }?.value }

    /// The value in words, for one line of output.
    public var description: String {
        var text = "\(estimator): \(estimand.rawValue) = \(value) (SE \(standardError), "
            + "\(Int((interval.level * 100).rounded()))% CI [\(interval.lower), \(interval.upper)], \(uncertainty); n = \(sampleSize))"
        for warning in warnings { text += "\n  warning: \(warning)" }
        return text
    }
}
