extension CausalData {
    /// The same data with the treatment column's values replaced (same length), e.g. by a
    /// permutation for a placebo test.
    public func replacingTreatment(_ values: [Double]) -> CausalData {
        precondition(values.count == rowCount, "a replacement treatment needs \(rowCount) values, not \(values.count)")
        return CausalData(roles: roles, source: source, outcome: outcome, treatment: values, covariates: covariates,
                          instrument: instrument, runningVariable: runningVariable, units: units, periods: periods, groups: groups)
    }

    /// The same data with the outcome column's values replaced (same length), e.g. by a dummy
    /// outcome the treatment cannot affect.
    public func replacingOutcome(_ values: [Double]) -> CausalData {
        precondition(values.count == rowCount, "a replacement outcome needs \(rowCount) values, not \(values.count)")
        return CausalData(roles: roles, source: source, outcome: values, treatment: treatment, covariates: covariates,
                          instrument: instrument, runningVariable: runningVariable, units: units, periods: periods, groups: groups)
    }

    /// The same data with one more covariate, named `name` in the roles.
    public func addingCovariate(_ name: String, _ values: [Double]) -> CausalData {
        precondition(values.count == rowCount, "an added covariate needs \(rowCount) values, not \(values.count)")
        var roles = self.roles
        roles.covariates.append(name)
        return CausalData(roles: roles, source: source, outcome: outcome, treatment: treatment, covariates: covariates + [values],
                          instrument: instrument, runningVariable: runningVariable, units: units, periods: periods, groups: groups)
    }
}
