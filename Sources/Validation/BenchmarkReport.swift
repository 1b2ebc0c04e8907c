import CausalModel
import Estimators

/// The result of a benchmark: the design, the truth, and how every estimator did.
/// `text()` gives the plain-words report, `jsonText()` the JSON of the command-line
/// contract and `chart()` the picture of estimates and intervals against the truth.
public struct BenchmarkReport: Sendable {
    /// The roles and why they were chosen.
    public let design: BenchmarkDesign
    /// The true values.
    public let truth: TrueEffects
    /// Rows per replication.
    public let rows: Int
    /// Replications.
    public let replications: Int
    /// The seed.
    public let seed: UInt64
    /// The confidence level of the intervals.
    public let level: Double
    /// Bootstrap resamples of the bootstrap-based estimators.
    public let bootstrapReplications: Int
    /// Per estimator, in catalog order.
    public let estimators: [EstimatorPerformance]
    /// The catalog's estimators that did not run, with the reason.
    public let notApplicable: [(name: String, reason: String)]
    /// Wall-clock seconds of the whole run (truth and replications).
    public let seconds: Double

    init(design: BenchmarkDesign, truth: TrueEffects, options: BenchmarkOptions, estimators: [EstimatorPerformance],
         notApplicable: [(name: String, reason: String)], seconds: Double) {
        self.design = design
        self.truth = truth
        rows = options.rows
        replications = options.replications
        seed = options.seed
        level = options.level
        bootstrapReplications = options.bootstrapReplications
        self.estimators = estimators
        self.notApplicable = notApplicable
        self.seconds = seconds
    }

    /// The performance of the estimator called `name`, if it ran.
    public func performance(of name: String) -> EstimatorPerformance? {
        estimators.first { $0.name == name }
    }

    /// The true values the report lists: (label, estimand or nil for the ATU, value).
    var truthRows: [(label: String, value: TruthValue)] {
        let all: [(String, TruthValue?)] = [
            ("ATE", truth.ate), ("ATT", truth.att), ("ATU", truth.atu), ("LATE", truth.late),
            (Estimand.effectAtCutoff.rawValue, truth.effectAtCutoff), (Estimand.lateAtCutoff.rawValue, truth.lateAtCutoff),
            (Estimand.varianceWeightedEffect.rawValue, truth.varianceWeightedEffect),
        ]
        return all.compactMap { label, value in value.map { (label, $0) } }
    }
}
