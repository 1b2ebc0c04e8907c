import Foundation
import Probability
import Reporting

/// How a benchmark runs: sample sizes, seeds, which estimators, threads.
public struct BenchmarkOptions: Sendable {
    /// Rows in each replication's sample.
    public var rows: Int
    /// Independent replications R.
    public var replications: Int
    /// The seed from which every replication's sample, every estimator's randomness
    /// and the truth sample are derived.
    public var seed: UInt64
    /// Monte Carlo units for the true values.
    public var truthUnits: Int
    /// The estimators to run, by name; nil runs every applicable one.
    public var estimators: [String]?
    /// Bootstrap resamples of the bootstrap-based estimators (the meta-learners).
    public var bootstrapReplications: Int
    /// Confidence level of every interval.
    public var level: Double
    /// Replications run in parallel (results do not depend on it).
    public var threads: Int
    /// Called with (replications done, replications in all) as replications finish,
    /// one call at a time.
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// Monte Carlo units for the truth unless asked otherwise: enough that the truth's
    /// standard error is about a thousandth of a unit-level effect's spread.
    public static let defaultTruthUnits = 1_000_000
    /// Bootstrap resamples unless asked otherwise. B resamples add a coefficient of
    /// variation of about 1/√(2B) to a bootstrap standard error (Efron & Tibshirani
    /// 1993, ch. 19): 13% at B = 30 against 7% at the estimators' own default of
    /// 100. A benchmark refits each bootstrap-based estimator B times in every
    /// replication, and with boosted trees that dominates the run (a 50 × 10,000-row
    /// banner benchmark takes minutes at B = 30, over ten at B = 100); coverage
    /// over replications still shows whether the intervals hold. Raise it with
    /// `--bootstrap` for final figures.
    public static let defaultBootstrapReplications = 30

    /// Options with the given sample sizes and defaults for the rest.
    public init(rows: Int, replications: Int, seed: UInt64 = RandomStream.defaultSeed, truthUnits: Int = BenchmarkOptions.defaultTruthUnits,
                estimators: [String]? = nil, bootstrapReplications: Int = BenchmarkOptions.defaultBootstrapReplications,
                level: Double = 0.95, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.rows = rows
        self.replications = replications
        self.seed = seed
        self.truthUnits = truthUnits
        self.estimators = estimators
        self.bootstrapReplications = bootstrapReplications
        self.level = level
        self.threads = threads
        self.progress = progress
    }

    /// The most bootstrap resamples a benchmark takes: each one refits the estimator, so
    /// an unbounded count would run for ever.
    public static let maximumBootstrapReplications = 100_000

    /// Throws `BenchmarkError.invalidOption` for a value out of range, and for estimator
    /// names that are empty, padded with white space or given twice.
    public func validate() throws {
        let checks: [(Bool, String, String)] = [
            (rows >= 10, "rows", "must be at least 10 (got \(rows))"),
            (replications >= 1, "replications", "must be at least 1 (got \(replications))"),
            (truthUnits >= 1000, "truth units", "must be at least 1000 (got \(truthUnits))"),
            (bootstrapReplications >= 2, "bootstrap", "must be at least 2 resamples (got \(bootstrapReplications))"),
            (bootstrapReplications <= Self.maximumBootstrapReplications, "bootstrap",
             "must be at most \(Self.maximumBootstrapReplications) resamples (got \(bootstrapReplications)); past that the "
                + "Monte Carlo error of a bootstrap standard error, about 1/√(2B) of it, is far below the replications' own"),
            (level > 0 && level < 1, "level", "must lie strictly between 0 and 1 (got \(level.compactDescription))"),
            (threads >= 1, "threads", "must be at least 1 (got \(threads))"),
        ]
        if let (_, option, detail) = checks.first(where: { !$0.0 }) {
            throw BenchmarkError.invalidOption(option: option, detail: detail)
        }
        guard let names = estimators else { return }
        if names.isEmpty { throw BenchmarkError.invalidOption(option: "estimators", detail: "the list is empty") }
        var seen = Set<String>()
        for (k, name) in names.enumerated() {
            if name.isEmpty || name != name.trimmingCharacters(in: .whitespacesAndNewlines) {
                throw BenchmarkError.invalidOption(option: "estimators", detail: "name \(k + 1) of \(names.count) is "
                    + (name.isEmpty ? "empty" : "'\(name)', with white space around it"))
            }
            if !seen.insert(name).inserted {
                throw BenchmarkError.invalidOption(option: "estimators", detail: "'\(name)' is named twice")
            }
        }
    }
}
