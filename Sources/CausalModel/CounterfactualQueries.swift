extension StructuralCausalModel {
    /// E[Y_x | evidence]: the expected value that `variable` would have taken under
    /// `interventions`, for units like the one described by `evidence` (Pearl's
    /// abduction, action, prediction). For a 0/1 variable it is the probability
    /// that the variable would have been 1.
    ///
    /// Exact (standard error 0) when the evidence pins down every relevant noise
    /// term, when the rest is finite discrete noise, or when the model is
    /// linear-Gaussian; otherwise estimated by likelihood weighting.
    ///
    ///     // She did not see the banner and spent $20: what would she have spent had she seen it?
    ///     try model.counterfactualExpectation(of: "spend", given: Evidence(["engagement": 40, "banner": 0, "spend": 20]),
    ///                                         doing: [.set("banner", to: 1)])
    public func counterfactualExpectation(of variable: String, given evidence: Evidence, doing interventions: [Intervention],
                                          options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualEstimate {
        guard let y = index(of: variable) else { throw unknownVariable(variable) }
        return try populationEstimate(evidence, worlds: [interventions], variable: y, purpose: .expectations, .linear([1]),
                                      options: options)
    }

    /// P(Y_x = value | evidence): the probability that `variable` would have equalled
    /// `value` (to 1e-9 relative) under `interventions`, given the evidence.
    public func counterfactualProbability(that variable: String, equals value: Double, given evidence: Evidence,
                                          doing interventions: [Intervention],
                                          options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualEstimate {
        guard let y = index(of: variable) else { throw unknownVariable(variable) }
        return try populationEstimate(evidence, worlds: [interventions], variable: y, purpose: .distribution, .event([value]),
                                      options: options)
    }

    /// The effect of treatment on the treated, ETT = E[Y_x − Y_x′ | X = x]: among
    /// units that received `treated`, the mean difference between the outcome
    /// under `treated` and under `control`. Both worlds share each unit's abducted
    /// noise, so the sampled difference is paired. The treatment and the outcome
    /// must be different variables.
    public func effectOfTreatmentOnTheTreated(treatment: String, outcome: String, treated: Double = 1, control: Double = 0,
                                              options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualEstimate {
        let (_, y) = try treatmentAndOutcome(treatment, outcome)
        return try populationEstimate(Evidence([treatment: treated]),
                                      worlds: [[.set(treatment, to: treated)], [.set(treatment, to: control)]],
                                      variable: y, purpose: .expectations, .linear([1, -1]), options: options)
    }

    /// The posterior expectation of one statistic of `variable` across `worlds`
    /// (selected in world order), kept as running sums: no draw is stored.
    private func populationEstimate(_ evidence: Evidence, worlds: [[Intervention]], variable: Int, purpose: CounterfactualPurpose,
                                    _ statistic: RowStatistic, options: CounterfactualOptions) throws -> CounterfactualEstimate {
        let selection = worlds.indices.map { (world: $0, variable: variable) }
        let outcome = try population(evidence, worlds: worlds, variables: [variable], purpose: purpose, options: options,
                                     into: WeightedMoments(selection: selection, statistics: [statistic]))
        return outcome.sink.means[0].estimate(method: outcome.method, warnings: outcome.warnings)
    }

    /// The indices of a treatment and an outcome, which must be different variables of the model.
    func treatmentAndOutcome(_ treatment: String, _ outcome: String) throws -> (treatment: Int, outcome: Int) {
        guard let x = index(of: treatment) else { throw unknownVariable(treatment) }
        guard let y = index(of: outcome) else { throw unknownVariable(outcome) }
        guard x != y else {
            throw ModelError("the treatment and the outcome are the same variable '\(outcome)' (name two different variables)")
        }
        return (x, y)
    }
}
