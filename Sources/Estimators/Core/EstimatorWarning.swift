import Reporting

/// Something about an estimate the user should know: it was computed, but an
/// assumption looks strained or some units were left out.
public enum EstimatorWarning: Sendable, Equatable, CustomStringConvertible {
    /// `units` estimated propensity scores lie outside [bound, 1 − bound]: weights are
    /// large and the estimate leans on few units (Crump, Hotz, Imbens & Mitnik 2009).
    case poorOverlap(units: Int, bound: Double, minimum: Double, maximum: Double)
    /// `units` rows with propensity outside [bound, 1 − bound] were dropped; the estimand
    /// now refers to the remaining (overlap) population.
    case trimmed(units: Int, bound: Double)
    /// `units` propensity scores were clipped to [bound, 1 − bound] in a score function.
    case clippedPropensities(units: Int, bound: Double)
    /// The first-stage F statistic of the excluded instruments is below 10
    /// (Staiger & Stock 1997): 2SLS is biased towards OLS and its intervals undercover.
    case weakInstrument(firstStageF: Double)
    /// `strata` strata lacking treated or control units were dropped, with their `rows` rows.
    case droppedStrata(strata: Int, rows: Int)
    /// `units` treated units had no control within the caliper and were left unmatched;
    /// the estimate refers to the matched treated units.
    case unmatched(units: Int, caliper: Double)
    /// `replications` bootstrap resamples could not be estimated and were skipped.
    case bootstrapFailures(replications: Int, of: Int)
    /// The treatment switches on at different periods for different units (or switches
    /// off): two-way fixed effects then compares later- with earlier-treated units and
    /// can be biased when effects vary over time (Goodman-Bacon 2021).
    case staggeredAdoption(firstPeriods: Int)
    /// Few observations on one side of a discontinuity within the bandwidth.
    case fewObservations(side: String, count: Int)
    /// The importance weights w = π(a | x)/p of off-policy evaluation are so uneven
    /// that their Kish effective sample size (Σw)²/Σw² is a small share of the `rounds`:
    /// the estimate leans on few rounds and its standard error is itself unreliable.
    case extremeWeights(effectiveSampleSize: Double, rounds: Int, maximum: Double)
    /// The importance weights average `mean`, more than four standard errors from 1,
    /// their expectation when the propensities are right and the logging policy gives
    /// every action the target takes a chance: check the propensities and the target.
    case weightsMeanNotOne(mean: Double, standardError: Double)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case let .poorOverlap(units, bound, minimum, maximum):
            return "poor overlap: \(units) propensity scores outside [\(bound), \(1 - bound)] "
                + "(range \(minimum) to \(maximum)); inverse weights are large"
        case let .trimmed(units, bound):
            return "trimmed \(units) rows with propensity outside [\(bound), \(1 - bound)]; "
                + "the estimate refers to the remaining population"
        case let .clippedPropensities(units, bound):
            return "clipped \(units) propensity scores to [\(bound), \(1 - bound)]: overlap is poor"
        case let .weakInstrument(f):
            return "weak instrument: first-stage F = \(f) < 10; 2SLS is biased towards OLS"
        case let .droppedStrata(strata, rows):
            return "dropped \(strata) strata (\(rows) rows) without both treated and control units"
        case let .unmatched(units, caliper):
            return "\(units) treated units had no control within the caliper (\(caliper) SD of the logit propensity) and were dropped"
        case let .bootstrapFailures(failed, total):
            return "\(failed) of \(total) bootstrap resamples failed and were skipped"
        case let .staggeredAdoption(firstPeriods):
            return "treatment starts in \(firstPeriods) different periods: two-way fixed effects may be biased under heterogeneous effects"
        case let .fewObservations(side, count):
            return "only \(count) observations \(side) of the cutoff within the bandwidth"
        case let .extremeWeights(ess, rounds, maximum):
            return "extreme importance weights: effective sample size \(NumberFormatting.significant(ess, digits: 3)) of "
                + "\(rounds) rounds (largest weight \(NumberFormatting.significant(maximum, digits: 3))); the estimate leans on few rounds"
        case let .weightsMeanNotOne(mean, se):
            return "the importance weights average \(NumberFormatting.significant(mean, digits: 4)) (SE "
                + "\(NumberFormatting.significant(se, digits: 2))), not 1: the propensities or the target probabilities may be wrong"
        }
    }
}
