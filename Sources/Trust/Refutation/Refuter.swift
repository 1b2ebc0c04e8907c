import Estimators
import GSL
import Probability

/// Checks that try to refute an effect estimate by changing the data in ways whose effect
/// on the estimate is known (DoWhy's refuters; Sharma & Kiciman 2020). Each runs K
/// simulations of its change and re-estimates with the same estimator.
///
/// Two kinds of question are asked:
///
/// - **Should vanish** (`placeboTreatment`, `dummyOutcome`): the true effect in the changed
///   data is 0. The K new estimates θ̃ₖ are tested for mean 0 with a one-sample t test,
///   t = θ̄/(s/√K) on K − 1 degrees of freedom; the alarm is p < α. When nothing is wrong the
///   alarm rings with probability α (checked over replications in the tests).
/// - **Should not move** (`randomCommonCause`, `dataSubset`, `bootstrap`): the new estimates
///   should scatter around the original θ̂. As DoWhy does, the original is located in their
///   distribution, z = (θ̂ − θ̄)/s, p = 2Φ(−|z|); the alarm is p < α. These alarm rarely
///   when nothing is wrong (the original sits in the middle), and flag estimates that an
///   irrelevant covariate, a fifth of the rows or a resample can move far.
///   The bootstrap also compares the estimator's standard error with the spread of the
///   resampled estimates (the alarm also rings when the estimator's is below ⅔ of it).
///
/// None of these can detect confounding by a variable missing from the data: that is what
/// `SensitivityAnalysis` is for, and what `LatentConfounderCheck` shows.
public enum RefuterKind: String, Sendable, Equatable, CaseIterable {
    /// Replace the treatment by a random permutation of itself: the effect should vanish.
    case placeboTreatment = "placebo-treatment"
    /// Add an independent N(0, 1) covariate: the estimate should not move.
    case randomCommonCause = "random-common-cause"
    /// Re-estimate on random subsets of the rows (80% by default): it should not move.
    case dataSubset = "data-subset"
    /// Re-estimate on resamples of the rows with replacement: it should not move, and the
    /// resamples' spread should match the estimator's standard error.
    case bootstrap
    /// Replace the outcome by one the treatment cannot affect — the covariates' least-squares
    /// prediction of it plus permuted residuals (the outcome itself permuted, without
    /// covariates): the effect should vanish.
    case dummyOutcome = "dummy-outcome"

    /// Whether the estimate should vanish (else: should not move).
    public var expectsZero: Bool { self == .placeboTreatment || self == .dummyOutcome }

    /// What the change is, in words.
    var change: String {
        switch self {
        case .placeboTreatment: return "with the treatment randomly permuted"
        case .randomCommonCause: return "with an added random covariate"
        case .dataSubset: return "on random subsets of the rows"
        case .bootstrap: return "on bootstrap resamples"
        case .dummyOutcome: return "with an outcome the treatment cannot affect"
        }
    }
}

/// Runs refuters on a data set with an estimator.
///
///     let refuter = Refuter(kinds: RefuterKind.allCases, simulations: 20)
///     let report = try refuter.run(OrdinaryLeastSquares(), on: data, seed: 1)
///     for r in report.refutations { print(r.kind, r.pValue, r.alarm, r.verdict) }
///
/// Randomness: simulation k of refuter j draws its change from the stream (seed, 1, j, k) and
/// the estimator's randomness from (seed, 2, j, k); the original estimate from (seed, 0).
public struct Refuter: Sendable {
    /// The refuters to run, in order.
    public var kinds: [RefuterKind]
    /// Simulations K per refuter (at least 2).
    public var simulations: Int
    /// The level α of the alarms.
    public var alpha: Double
    /// The share of rows in each subset of `dataSubset`.
    public var subsetFraction: Double

    /// The name of the covariate `randomCommonCause` adds.
    public static let randomCovariateName = "random_common_cause"
    /// Below this share of the resamples' spread, an estimator's standard error raises the bootstrap's alarm.
    public static let standardErrorRatioAlarm = 2.0 / 3.0

    /// Refuters with K = 20 simulations each, alarms at α = 0.05, subsets of 80%.
    public init(kinds: [RefuterKind] = RefuterKind.allCases, simulations: Int = 20, alpha: Double = 0.05,
                subsetFraction: Double = 0.8) {
        self.kinds = kinds
        self.simulations = simulations
        self.alpha = alpha
        self.subsetFraction = subsetFraction
    }

    /// Throws `SensitivityError.invalidOption` for settings out of range.
    public func validate() throws {
        guard !kinds.isEmpty else { throw SensitivityError.invalidOption(option: "refuters", detail: "name at least one") }
        guard simulations >= 2 else { throw SensitivityError.invalidOption(option: "simulations", detail: "at least 2 (got \(simulations))") }
        guard alpha > 0, alpha < 1 else { throw SensitivityError.invalidOption(option: "alpha", detail: "must lie strictly between 0 and 1 (got \(alpha))") }
        guard subsetFraction > 0, subsetFraction < 1 else {
            throw SensitivityError.invalidOption(option: "subset fraction", detail: "must lie strictly between 0 and 1 (got \(subsetFraction))")
        }
    }

    /// The original estimate and every refuter's result.
    public func run(_ estimator: any EffectEstimator, on data: CausalData, seed: UInt64) throws -> RefutationReport {
        try validate()
        let original = try estimator.estimate(data, randomness: RandomStream(seed: seed, path: [0]))
        let refutations = try kinds.enumerated().map { j, kind in
            try refute(kind, index: UInt64(j), estimator: estimator, data: data, original: original, seed: seed)
        }
        return RefutationReport(estimator: estimator.name, treatment: data.roles.treatment ?? "", outcome: data.roles.outcome,
                                rows: data.rowCount, original: original, alpha: alpha, simulations: simulations, refutations: refutations)
    }

    private func refute(_ kind: RefuterKind, index j: UInt64, estimator: any EffectEstimator, data: CausalData,
                        original: EffectEstimate, seed: UInt64) throws -> Refutation {
        let dummyBase = kind == .dummyOutcome ? try DummyOutcome(data) : nil
        var estimates: [Double] = []
        var standardErrors: [Double] = []
        var failure: String?
        for k in 0..<simulations {
            let stream = RandomStream(seed: seed, path: [1, j, UInt64(k)])
            let changed: CausalData
            switch kind {
            case .placeboTreatment:
                guard var t = data.treatment else { throw EstimationError.missingRole(estimator: kind.rawValue, role: "a treatment column") }
                stream.shuffle(&t)
                changed = data.replacingTreatment(t)
            case .randomCommonCause:
                changed = data.addingCovariate(Self.randomCovariateName, (0..<data.rowCount).map { _ in stream.normal() })
            case .dataSubset:
                var rows = Array(0..<data.rowCount)
                stream.shuffle(&rows)
                changed = data.selecting(rows: rows.prefix(max(2, Int((subsetFraction * Double(data.rowCount)).rounded()))).sorted())
            case .bootstrap:
                changed = data.selecting(rows: (0..<data.rowCount).map { _ in stream.uniformInt(below: data.rowCount) })
            case .dummyOutcome:
                changed = data.replacingOutcome(dummyBase!.draw(stream))
            }
            do {
                let estimate = try estimator.estimate(changed, randomness: RandomStream(seed: seed, path: [2, j, UInt64(k)]))
                guard estimate.value.isFinite else { throw EstimationError.invalidDesign(estimator: estimator.name, detail: "non-finite estimate") }
                estimates.append(estimate.value)
                standardErrors.append(estimate.standardError)
            } catch {
                failure = failure ?? "\(error)"
            }
        }
        guard estimates.count >= 2 else {
            throw SensitivityError.invalidOption(option: kind.rawValue, detail: "the estimator failed on \(simulations - estimates.count) of "
                + "\(simulations) simulations (\(failure ?? "no estimate")); this refuter cannot run with it")
        }
        return Refutation(kind: kind, original: original, estimates: estimates, failures: simulations - estimates.count, alpha: alpha)
    }
}

/// The dummy outcome's parts: the covariates' least-squares prediction of the outcome and
/// its residuals, which each draw permutes (the outcome itself without covariates).
struct DummyOutcome {
    let fitted: [Double]
    let residuals: [Double]

    init(_ data: CausalData) throws {
        guard !data.covariates.isEmpty else {
            fitted = [Double](repeating: 0, count: data.rowCount)
            residuals = data.outcome
            return
        }
        let fit = try RegressionFit(response: data.outcome, regressors: Array(zip(data.roles.covariates, data.covariates)))
        residuals = fit.fit.residuals
        fitted = zip(data.outcome, residuals).map { $0 - $1 }
    }

    func draw(_ stream: RandomStream) -> [Double] {
        var shuffled = residuals
        stream.shuffle(&shuffled)
        return zip(fitted, shuffled).map { $0 + $1 }
    }
}
