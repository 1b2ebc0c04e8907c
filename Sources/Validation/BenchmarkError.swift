/// Why a benchmark cannot run, worded for the person who asked for it.
public enum BenchmarkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The treatment and the outcome are the same variable.
    case sameTreatmentAndOutcome(String)
    /// The treatment or outcome is latent: it is never observed, so no estimator can use it.
    case latentVariable(String)
    /// An option is out of range (`option` names it as the user wrote it).
    case invalidOption(option: String, detail: String)
    /// An estimator asked for by name is not in the catalog.
    case unknownEstimator(name: String, known: [String])
    /// An estimator asked for by name cannot run on the benchmark's data.
    case notApplicable(name: String, reason: String)
    /// No estimator can run on the benchmark's data; `reasons` are the distinct reasons
    /// the estimators give, `frontDoorSet` the set that would identify the effect when
    /// the graph has one (front-door identification is not among the estimators).
    case noApplicableEstimator(treatment: String, outcome: String, reasons: [String], frontDoorSet: [String]?)
    /// Replication `replication` (1-based) of `replications` failed before its estimators
    /// ran, e.g. sampling met a domain error; `sampleSeed` reproduces its rows.
    case replicationFailed(replication: Int, replications: Int, sampleSeed: UInt64, message: String)
    /// The truth's Monte Carlo sample of `units` units (with `seed`) failed, e.g. on a domain error.
    case truthFailed(units: Int, seed: UInt64, message: String)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .sameTreatmentAndOutcome(let name):
            return "'\(name)' cannot be both the treatment and the outcome"
        case .latentVariable(let name):
            return "variable '\(name)' is latent (never observed), so it cannot be a treatment or an outcome of a benchmark"
        case let .invalidOption(option, detail):
            return "\(option): \(detail)"
        case let .unknownEstimator(name, known):
            return "no estimator named '\(name)' (estimators: \(known.joined(separator: ", ")))"
        case let .notApplicable(name, reason):
            return "estimator '\(name)' cannot run on this design: it \(reason)"
        case let .noApplicableEstimator(treatment, outcome, reasons, frontDoorSet):
            var text = "no estimator applies to the effect of '\(treatment)' on '\(outcome)'"
            if let z = frontDoorSet {
                text += ": it is identified by the front-door criterion through {\(z.joined(separator: ", "))} (no observed set "
                    + "blocks its back-door paths), and front-door identification is not among the estimators"
            }
            return text + " (the estimators' reasons: \(reasons.joined(separator: "; ")))"
        case let .replicationFailed(replication, replications, sampleSeed, message):
            return "replication \(replication) of \(replications) (sample seed \(sampleSeed)): \(message)"
        case let .truthFailed(units, seed, message):
            return "the truth's sample of \(units) units with their potential outcomes (seed \(seed)): \(message)"
        }
    }
}
