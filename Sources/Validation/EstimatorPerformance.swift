import CausalModel
import Estimators
import Probability

/// How one estimator did over the replications of a benchmark, against the true
/// value of its own estimand θ.
///
/// Over the R' replications where it produced an estimate θ̂ᵣ (with interval Iᵣ):
/// mean estimate θ̄ = (1/R')Σθ̂ᵣ; bias θ̄ − θ with standard error √(s²/R' + SE(θ)²)
/// (s the standard deviation of the θ̂ᵣ, SE(θ) the truth's Monte Carlo error);
/// RMSE √((1/R')Σ(θ̂ᵣ − θ)²); coverage (1/R')Σ1{θ ∈ Iᵣ} with binomial standard error
/// √(c(1 − c)/R'). Failures are counted, not averaged. The bias is flagged when
/// |bias| exceeds the two-sided 0.27% critical value of Student's t with R' − 1 degrees
/// of freedom times its standard error (3 standard errors for many replications).
public struct EstimatorPerformance: Sendable {
    /// A warning and the number of replications that raised it.
    public struct WarningCount: Sendable, Equatable {
        /// The first such warning, in words.
        public var example: String
        /// Replications that raised a warning of this kind.
        public var replications: Int
    }

    /// The estimator's name.
    public var name: String
    /// Its estimand (nil when it never produced an estimate).
    public var estimand: Estimand?
    /// The truth of that estimand (nil when unknown).
    public var truth: TruthValue?
    /// Replications attempted.
    public var runs: Int
    /// Every replication's estimate, in replication order (NaN where it failed).
    public var estimates: [Double]
    /// Replications where it failed.
    public var failures: Int
    /// The first failure's message.
    public var firstFailure: String?
    /// The replication (1-based) of the first failure.
    public var firstFailureReplication: Int?
    /// The mean estimate θ̄ (NaN when it never produced one).
    public var meanEstimate: Double
    /// The standard deviation of the estimates over replications.
    public var standardDeviation: Double
    /// The mean of the reported standard errors (compare with `standardDeviation`).
    public var meanStandardError: Double
    /// The averages of the intervals' lower and upper ends (NaN when no estimate).
    public var meanInterval: (lower: Double, upper: Double)
    /// The 2.5% and 97.5% quantiles of the estimates over replications (type 7,
    /// Hyndman & Fan 1996); nil with fewer than two estimates.
    public var middleOfEstimates: ClosedRange<Double>?
    /// θ̄ − θ.
    public var bias: Double?
    /// The Monte Carlo standard error of the bias.
    public var biasStandardError: Double?
    /// The root mean squared error against θ.
    public var rmse: Double?
    /// The fraction of intervals that contain θ.
    public var coverage: Double?
    /// The mean seconds per estimate.
    public var meanSeconds: Double
    /// How the standard errors and intervals were obtained (from the first estimate).
    public var uncertainty: String?
    /// Whether they come from bootstrap resamples (from the first estimate).
    public var isBootstrap: Bool
    /// Warnings by kind.
    public var warnings: [WarningCount]
    /// The root mean square over replications of the binned CATE error, for
    /// estimators that predict conditional effects.
    public var binnedCATEError: Double?
    /// The root mean square over replications of the unit-level effect error (PEHE).
    public var unitEffectError: Double?

    /// The probability that an unbiased estimator is flagged as biased: the two-sided
    /// normal tail beyond 3 standard errors.
    public static let biasFlagProbability = 0.0027

    /// The multiple of its standard error the bias must exceed to be flagged: the
    /// 1 − `biasFlagProbability`/2 quantile of Student's t with R' − 1 degrees of
    /// freedom (R' estimates); nil with fewer than two estimates.
    public var biasCriticalValue: Double? {
        let estimates = runs - failures
        guard estimates >= 2, let t = try? StudentT(degreesOfFreedom: Double(estimates - 1)) else { return nil }
        return t.quantile(1 - Self.biasFlagProbability / 2)
    }

    /// Whether the bias is statistically detectable: |bias| > `biasCriticalValue` × its standard error.
    public var isBiased: Bool {
        guard let bias, let biasStandardError, let critical = biasCriticalValue else { return false }
        return abs(bias) > critical * biasStandardError
    }

    /// The mean reported standard error over the spread of the estimates (1 when the
    /// standard errors are right); nil without a spread.
    public var standardErrorRatio: Double? {
        guard standardDeviation > 0, standardDeviation.isFinite, meanStandardError.isFinite else { return nil }
        return meanStandardError / standardDeviation
    }

    /// What a reader should conclude about the estimator, each flag with a stated threshold:
    /// `biased` (`isBiased`); `underCovers` when the coverage is more than two binomial
    /// standard errors below the nominal `level`, √(level(1 − level)/R'); `tooNarrow` and
    /// `tooWide` when the standard-error ratio is off 1 by more than max(0.2, 2/√(2(R' − 1))),
    /// two relative standard errors of a sample SD over R' estimates. Empty: fine.
    public func verdicts(level: Double) -> [Verdict] {
        let estimates = Double(runs - failures)
        guard estimates >= 2 else { return [] }
        var found: [Verdict] = isBiased ? [.biased] : []
        if let coverage, coverage < level - 2 * (level * (1 - level) / estimates).squareRoot() { found.append(.underCovers) }
        if let ratio = standardErrorRatio {
            let tolerance = max(0.2, 2 / (2 * (estimates - 1)).squareRoot())
            if ratio < 1 - tolerance { found.append(.tooNarrow) }
            if ratio > 1 + tolerance { found.append(.tooWide) }
        }
        return found
    }

    /// A flag on an estimator's performance (`verdicts(level:)`).
    public enum Verdict: String, Sendable {
        /// The bias exceeds its Monte Carlo error.
        case biased
        /// The intervals hold the truth less often than their level promises.
        case underCovers = "under-covers"
        /// The reported standard errors are smaller than the estimates' spread.
        case tooNarrow = "intervals too narrow"
        /// The reported standard errors are larger than the estimates' spread.
        case tooWide = "intervals too wide"
    }

    /// The verdicts in words: "fine", or the flags joined ("biased, under-covers"); "—" with fewer than two estimates.
    public func verdictText(level: Double) -> String {
        guard runs - failures >= 2 else { return "—" }
        let found = verdicts(level: level)
        return found.isEmpty ? "fine" : found.map(\.rawValue).joined(separator: ", ")
    }

    /// The binomial standard error of the coverage.
    public var coverageStandardError: Double? {
        coverage.map { c in (c * (1 - c) / Double(max(1, runs - failures))).squareRoot() }
    }

    /// The performance of estimator `name` from its `runs`, judged against `truth`.
    init(name: String, runs: [EstimatorRun], truth: TrueEffects) {
        self.init(name: name, runs: runs, truthOf: { truth.value(for: $0) })
    }

    /// The performance of estimator `name` from its `runs`, judged against the truth of
    /// its estimand as `truthOf` gives it (nil: unknown).
    init(name: String, runs: [EstimatorRun], truthOf: (Estimand) -> TruthValue?) {
        self.name = name
        self.runs = runs.count
        self.estimates = runs.map { $0.estimate?.value ?? .nan }
        let estimates = runs.compactMap(\.estimate)
        failures = runs.count - estimates.count
        let failed = runs.firstIndex { $0.failure != nil }
        firstFailure = failed.flatMap { runs[$0].failure }
        firstFailureReplication = failed.map { $0 + 1 }
        estimand = estimates.first?.estimand
        self.truth = estimand.flatMap(truthOf)
        uncertainty = estimates.first.map { "\($0.uncertainty)" }
        isBootstrap = estimates.first?.uncertainty.isBootstrap ?? false
        meanSeconds = runs.isEmpty ? .nan : runs.reduce(0) { $0 + $1.seconds } / Double(runs.count)
        let values = estimates.map(\.value)
        let count = Double(values.count)
        let mean = values.isEmpty ? .nan : values.reduce(0, +) / count
        let sd = values.count > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot() : .nan
        meanEstimate = mean
        standardDeviation = sd
        meanStandardError = values.isEmpty ? .nan : estimates.reduce(0) { $0 + $1.standardError } / count
        meanInterval = values.isEmpty ? (.nan, .nan)
            : (estimates.reduce(0) { $0 + $1.interval.lower } / count, estimates.reduce(0) { $0 + $1.interval.upper } / count)
        let sorted = values.sorted()
        middleOfEstimates = sorted.count > 1 ? Self.quantile(sorted, 0.025)...Self.quantile(sorted, 0.975) : nil
        if let truth = self.truth, !values.isEmpty {
            let theta = truth.value
            bias = mean - theta
            let spread = values.count > 1 ? sd * sd / count : 0
            biasStandardError = (spread + truth.standardError * truth.standardError).squareRoot()
            rmse = (values.reduce(0) { $0 + ($1 - theta) * ($1 - theta) } / count).squareRoot()
            coverage = Double(estimates.filter { $0.interval.contains(theta) }.count) / count
        }
        var kinds: [String] = []
        var counts: [String: WarningCount] = [:]
        for estimate in estimates {
            var seen = Set<String>()
            for warning in estimate.warnings {
                let kind = Self.kind(warning)
                guard seen.insert(kind).inserted else { continue }
                if counts[kind] == nil {
                    kinds.append(kind)
                    counts[kind] = WarningCount(example: "\(warning)", replications: 0)
                }
                counts[kind]!.replications += 1
            }
        }
        warnings = kinds.map { counts[$0]! }
        binnedCATEError = Self.rootMeanSquare(runs.compactMap(\.binnedCATEError))
        unitEffectError = Self.rootMeanSquare(runs.compactMap(\.unitEffectError))
    }

    /// The kind of a warning: its case name.
    private static func kind(_ warning: EstimatorWarning) -> String {
        Mirror(reflecting: warning).children.first?.label ?? "\(warning)"
    }

    /// The p-quantile of sorted values by linear interpolation (Hyndman & Fan type 7).
    private static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let j = Int(h.rounded(.down))
        guard j + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[j] + (h - Double(j)) * (sorted[j + 1] - sorted[j])
    }

    private static func rootMeanSquare(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        return (finite.reduce(0) { $0 + $1 * $1 } / Double(finite.count)).squareRoot()
    }
}
