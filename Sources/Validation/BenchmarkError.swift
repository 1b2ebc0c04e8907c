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
    /// No estimator can run on the benchmark's data; `reasons` are the distinct reasons given.
    case noApplicableEstimator(treatment: String, reasons: [String])

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
        case let .noApplicableEstimator(treatment, reasons):
            return "no estimator applies to the effect of '\(treatment)' as sampled (reasons: \(reasons.joined(separator: "; ")))"
        }
    }
}
