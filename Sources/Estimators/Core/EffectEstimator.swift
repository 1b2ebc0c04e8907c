import Probability
import Tabular

/// An estimator of a causal effect from data: given a `CausalData` it returns an
/// `EffectEstimate` of its estimand with a standard error and confidence interval.
///
/// Estimators are plain values holding their options; `estimate` is a pure function
/// of the data and the random stream (used by bootstraps and cross-fitting; the
/// deterministic estimators ignore it), so a runner can replicate results exactly.
///
///     for estimator in EstimatorCatalog.standard() where estimator.applicability(to: data.describe()).isApplicable {
///         print(try estimator.estimate(data, seed: 7))
///     }
public protocol EffectEstimator: Sendable {
    /// A short stable identifier (e.g. "ipw"), used in reports and benchmark files.
    var name: String { get }
    /// Whether this estimator can run on data of this description, and if not, why not.
    func applicability(to data: DataDescription) -> Applicability
    /// The estimate on `data`, drawing any randomness from `randomness`.
    func estimate(_ data: CausalData, randomness: RandomStream) throws -> EffectEstimate
}

extension EffectEstimator {
    /// The estimate on `data`, drawing any randomness from the stream of `seed`.
    public func estimate(_ data: CausalData, seed: UInt64 = RandomStream.defaultSeed) throws -> EffectEstimate {
        try estimate(data, randomness: RandomStream(seed: seed))
    }

    /// The estimate on the columns of `table` named by `roles`, drawing any randomness
    /// from the stream of `seed`.
    public func estimate(_ table: Table, roles: Roles, seed: UInt64 = RandomStream.defaultSeed) throws -> EffectEstimate {
        try estimate(CausalData(table: table, roles: roles), seed: seed)
    }
}

/// Throws `invalidOption` unless 0 < level < 1.
func checkLevel(_ level: Double, estimator: String) throws {
    guard level > 0, level < 1 else {
        throw EstimationError.invalidOption(estimator: estimator, detail: "confidence level \(level) must lie strictly between 0 and 1")
    }
}

/// The conditions estimators share, worded as reasons for `Applicability`.
extension DataDescription {
    var binaryTreatmentCondition: (holds: Bool, reason: String) {
        (treatment == .binary, "needs a binary (0/1) treatment")
    }
    var anyTreatmentCondition: (holds: Bool, reason: String) {
        (treatment != .none, "needs a treatment column")
    }
    var covariatesCondition: (holds: Bool, reason: String) {
        (!covariates.isEmpty, "needs at least one covariate")
    }
}

/// The library's estimators with their default options.
public enum EstimatorCatalog {
    /// Every estimator, with default options; `bootstrapReplications` sets the
    /// resamples of the bootstrap-based ones (the meta-learners).
    public static func standard(level: Double = 0.95, bootstrapReplications: Int = 100) -> [any EffectEstimator] {
        var all: [any EffectEstimator] = [
            DifferenceInMeans(level: level),
            RegressionAdjustment(level: level),
            Stratification(level: level),
            InverseProbabilityWeighting(weighting: .horvitzThompson, level: level),
            InverseProbabilityWeighting(weighting: .hajek, level: level),
            AugmentedIPW(level: level),
            PropensityScoreMatching(level: level),
            DifferenceInDifferences(level: level),
            TwoWayFixedEffects(level: level),
            TwoStageLeastSquares(level: level),
            RegressionDiscontinuity(design: .sharp, level: level),
            RegressionDiscontinuity(design: .fuzzy, level: level),
        ]
        for learner in [Learner.linear, Learner.boostedTrees(BoostedTrees())] {
            for kind in [MetaLearner.Kind.s, .t, .x] {
                all.append(MetaLearner(kind, learner: learner, replications: bootstrapReplications, level: level))
            }
            all.append(DoubleML(model: .interactive, learner: learner, level: level))
            all.append(DoubleML(model: .partiallyLinear, learner: learner, level: level))
        }
        return all
    }

    /// The estimators of `standard` that can run on data of this description.
    public static func applicable(to description: DataDescription, level: Double = 0.95,
                                  bootstrapReplications: Int = 100) -> [any EffectEstimator] {
        standard(level: level, bootstrapReplications: bootstrapReplications)
            .filter { $0.applicability(to: description).isApplicable }
    }
}
