import CausalModel
import Reporting

extension BenchmarkReport {
    /// The report as JSON, a superset of the command-line contract
    ///
    ///     {"truth": {"ate": …, "att": …, "atu": …},
    ///      "estimators": [{"name": "ipw", "meanEstimate": …, "bias": …, "rmse": …,
    ///                      "coverage": …, "seconds": …}, …]}
    ///
    /// with the truth's standard errors and other estimands, each estimator's
    /// estimand, truth, failures, spread, warnings, CATE errors and every replication's
    /// estimate (null where it failed), the roles and the
    /// binned CATE. Unknown numbers (no truth, no estimate) are `null`. Keys sorted.
    public func jsonText(model: String? = nil) -> String {
        let root: KeyValuePairs<String, JSONValue> = [
            "treatment": .string(design.treatment), "outcome": .string(design.outcome),
            "rows": .integer(rows), "replications": .integer(replications), "seed": .unsigned(seed),
            "level": .number(level), "bootstrapReplications": .integer(bootstrapReplications), "seconds": .number(seconds),
            "truth": truthJSON, "roles": rolesJSON,
            "estimators": .array(estimators.map { $0.json(level: level) }),
            "notApplicable": .array(notApplicable.map { .object(["name": .string($0.name), "reason": .string($0.reason)]) }),
            "cate": truth.conditional.map(Self.json) ?? .null,
            "notes": .array(truth.notes.map(JSONValue.string)),
        ]
        let members = root.map { ($0.key, $0.value) } + (model.map { [("model", JSONValue.string($0))] } ?? [])
        return JSONValue.object(members).rendered(.sortedKeys) + "\n"
    }

    private var truthJSON: JSONValue {
        var members: [(String, JSONValue)] = [("units", .integer(truth.units)), ("constantEffect", .bool(truth.isConstantEffect))]
        let named: [(String, TruthValue?)] = [("ate", truth.ate), ("att", truth.att), ("atu", truth.atu), ("late", truth.late),
                                              ("effectAtCutoff", truth.effectAtCutoff), ("lateAtCutoff", truth.lateAtCutoff),
                                              ("varianceWeightedEffect", truth.varianceWeightedEffect)]
        for (key, value) in named {
            members.append((key, .number(value?.value)))
            members.append((key + "StandardError", .number(value?.standardError)))
        }
        return .object(members)
    }

    private var rolesJSON: JSONValue {
        let adjustment: String
        switch design.adjustment {
        case .backDoor(let set): adjustment = set.isEmpty ? "none needed" : "minimal back-door set"
        case .noValidSet: adjustment = "no valid adjustment set"
        case .outcomeCausesTreatment: adjustment = "outcome causes treatment"
        }
        return .object([
            "covariates": .array(design.covariates.map(JSONValue.string)), "adjustment": .string(adjustment),
            "adjustmentSets": .array(design.adjustmentSets.map { .array($0.map(JSONValue.string)) }),
            "instrument": .string(design.instrument),
            "frontDoorSet": design.frontDoorSet.map { .array($0.map(JSONValue.string)) } ?? .null, "runningVariable": .string(design.roles.runningVariable),
            "cutoff": .number(design.roles.cutoff),
            "discontinuity": .string(design.discontinuity != nil ? "sharp" : design.fuzzyDiscontinuity != nil ? "fuzzy" : nil), "group": .string(design.differenceInDifferences?.group),
            "period": .string(design.differenceInDifferences?.period), "positivityFails": .bool(design.positivityFails),
            "explanation": .array(design.explanation.map(JSONValue.string)),
        ])
    }

    private static func json(_ binned: BinnedConditionalEffects) -> JSONValue {
        .object([
            "covariate": .string(binned.covariate),
            "bins": .array(binned.bins.map { b in
                .object(["lower": .number(b.lower), "upper": .number(b.upper), "share": .number(b.share),
                         "truth": .number(b.truth.value), "standardError": .number(b.truth.standardError)])
            }),
        ])
    }
}

extension EstimatorPerformance {
    /// The estimator's results as a JSON object: the contract's name, meanEstimate, bias,
    /// rmse, coverage and seconds first, then its estimand and truth, the spread, failures,
    /// warnings, every replication's estimate (null where it failed), the ratio of mean SE
    /// to the spread and the verdicts at confidence level `level`.
    func json(level: Double) -> JSONValue {
        let p = self
        return .object([
            "name": .string(p.name), "meanEstimate": .number(p.meanEstimate), "bias": .number(p.bias), "rmse": .number(p.rmse),
            "coverage": .number(p.coverage), "seconds": .number(p.meanSeconds),
            "estimand": .string(p.estimand?.rawValue), "truth": .number(p.truth?.value),
            "truthStandardError": .number(p.truth?.standardError),
            "biasStandardError": .number(p.biasStandardError), "biased": .bool(p.isBiased),
            "runs": .integer(p.runs), "failures": .integer(p.failures), "firstFailure": .string(p.firstFailure),
            "firstFailureReplication": p.firstFailureReplication.map(JSONValue.integer) ?? .null,
            "standardDeviation": .number(p.standardDeviation), "meanStandardError": .number(p.meanStandardError),
            "uncertainty": .string(p.uncertainty), "binnedCATEError": .number(p.binnedCATEError),
            "unitEffectError": .number(p.unitEffectError),
            "estimates": .array(p.estimates.map { .number($0) }),
            "warnings": .array(p.warnings.map { .object(["warning": .string($0.example), "replications": .integer($0.replications)]) }),
            "standardErrorRatio": .number(p.standardErrorRatio), "verdicts": .strings(p.verdicts(level: level).map(\.rawValue)),
        ])
    }
}
