import Probability
import Reporting

/// Potential outcomes of a treatment T on an outcome Y: for every unit, Y under
/// do(T = t) for each treatment value t, computed from the unit's own noise
/// (same seed, same noise-term streams), next to the observed data.
public struct PotentialOutcomes: Sendable {
    /// The treatment variable.
    public let treatment: String
    /// The outcome variable.
    public let outcome: String
    /// The treatment values, 0 and 1 for a binary treatment.
    public let values: [Double]

    /// Potential outcomes of `outcome` under do(`treatment` = each of `values`).
    public init(treatment: String, outcome: String, values: [Double] = [0, 1]) throws {
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else {
            throw ModelError("potential outcomes need at least one finite treatment value")
        }
        guard treatment != outcome else { throw ModelError("the treatment and the outcome are the same variable", variable: treatment) }
        self.treatment = treatment
        self.outcome = outcome
        self.values = values
    }

    /// The column header of Y under do(T = t): `Y_0`, `Y_1`, `Y_2.5`, ….
    public func header(for value: Double) -> String {
        "\(outcome)_\(value.compactDescription)"
    }

    /// The header of the true propensity column, `T_propensity`.
    public var propensityHeader: String { "\(treatment)_propensity" }

    /// What to sample: every observed variable of `model`, then Y under each
    /// do(T = t), then the true propensity P(T = 1 | parents of T) when T's
    /// mechanism gives it (see `StructuralCausalModel.propensity(of:)`).
    public func selections(for model: StructuralCausalModel) throws -> [ColumnSelection] {
        guard model.index(of: treatment) != nil else { throw model.unknownVariable(treatment) }
        guard model.index(of: outcome) != nil else { throw model.unknownVariable(outcome) }
        var selections = [try ColumnSelection(model)]
        for value in values {
            selections.append(try ColumnSelection(model.intervening(.set(treatment, to: value)),
                                                  variables: [outcome], headers: [header(for: value)]))
        }
        if let p = try model.propensity(of: treatment) {
            selections.append(try ColumnSelection(model.intervening(.replace(treatment, with: p, noise: [])),
                                                  variables: [treatment], headers: [propensityHeader]))
        }
        return selections
    }
}

extension StructuralCausalModel {
    /// P(T = 1 | parents of T) as an expression over T's parents, when T's
    /// mechanism gives it: a `Bernoulli(p)` or `BernoulliLogit(eta)` noise term
    /// alone (p, or logistic(eta)), or a deterministic 0/1 rule of the parents —
    /// a comparison or a `step` (the rule itself). Nil otherwise.
    public func propensity(of treatment: String) throws -> Expr? {
        let equation = try variable(named: treatment).equation
        if equation.noiseTerms.isEmpty {
            switch equation {
            case .binary(.less, _, _), .binary(.lessOrEqual, _, _), .binary(.greater, _, _),
                 .binary(.greaterOrEqual, _, _), .binary(.equal, _, _), .binary(.notEqual, _, _), .function(.step, _):
                return equation
            default:
                return nil
            }
        }
        guard case .noise(let name) = equation, let term = noiseTerm(named: name) else { return nil }
        switch term.family {
        case .bernoulli: return term.parameters[0]
        case .bernoulliLogit: return .function(.logistic, term.parameters[0])
        default: return nil
        }
    }
}
