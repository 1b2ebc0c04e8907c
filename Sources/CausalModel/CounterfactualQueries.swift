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
        let outcome = try populationRows(evidence, worlds: [interventions], variables: [y], purpose: .expectations, options: options)
        return estimate(outcome.rows.values[0], outcome)
    }

    /// P(Y_x = value | evidence): the probability that `variable` would have equalled
    /// `value` (to 1e-9 relative) under `interventions`, given the evidence.
    public func counterfactualProbability(that variable: String, equals value: Double, given evidence: Evidence,
                                          doing interventions: [Intervention],
                                          options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualEstimate {
        guard let y = index(of: variable) else { throw unknownVariable(variable) }
        let outcome = try populationRows(evidence, worlds: [interventions], variables: [y], purpose: .distribution, options: options)
        return estimate(outcome.rows.values[0].map { Self.equal($0, value) ? 1 : 0 }, outcome)
    }

    /// The effect of treatment on the treated, ETT = E[Y_x − Y_x′ | X = x]: among
    /// units that received `treated`, the mean difference between the outcome
    /// under `treated` and under `control`. Both worlds share each unit's abducted
    /// noise, so the sampled difference is paired.
    public func effectOfTreatmentOnTheTreated(treatment: String, outcome: String, treated: Double = 1, control: Double = 0,
                                              options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualEstimate {
        guard index(of: treatment) != nil else { throw unknownVariable(treatment) }
        guard let y = index(of: outcome) else { throw unknownVariable(outcome) }
        let result = try populationRows(Evidence([treatment: treated]),
                                        worlds: [[.set(treatment, to: treated)], [.set(treatment, to: control)]],
                                        variables: [y], purpose: .expectations, options: options)
        let difference = zip(result.rows.values[0], result.rows.values[1]).map { $0 - $1 }
        return estimate(difference, result)
    }

    /// The estimate of Σᵢ wᵢ fᵢ over a run's weighted rows. The rows of an
    /// expectations run under Gaussian conditioning are the posterior mean only,
    /// which is exact for the linear functionals the callers form.
    func estimate(_ f: [Double], _ outcome: (rows: WeightedRows, method: AbductionMethod, warnings: [String]))
        -> CounterfactualEstimate {
        weightedEstimate(f, weights: outcome.rows.relativeWeights, method: outcome.method, warnings: outcome.warnings)
    }

    /// Equality of a computed value and a stated one, to 1e-9 relative.
    static func equal(_ x: Double, _ value: Double) -> Bool { abs(x - value) <= 1e-9 * max(1, abs(value)) }
}
