/// The z-score budget for statistical assertions: with fixed seeds, a correct
/// implementation fails a single |estimate − truth| ≤ z·SE check with
/// probability about 1e-5 (two-sided normal tail at 4.42).
public let defaultZBudget = 4.42

/// Whether `estimate` lies within `z` standard errors of `truth`, with a message
/// that reports the measured z-score.
public func withinStandardErrors(_ estimate: Double, _ truth: Double, standardError: Double,
                                 z: Double = defaultZBudget) -> (ok: Bool, message: String) {
    let score = standardError > 0 ? (estimate - truth) / standardError : (estimate == truth ? 0 : .infinity)
    return (abs(score) <= z, "estimate \(estimate), truth \(truth), SE \(standardError): z = \(score) (budget \(z))")
}
