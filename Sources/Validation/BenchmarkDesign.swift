import CausalGraph
import CausalModel
import Estimators

/// How the covariates of a benchmark were chosen.
public enum AdjustmentChoice: Sendable, Equatable {
    /// A minimal back-door set (Pearl 2009, Definition 3.3.1): adjusting for it
    /// identifies the effect. Empty when no back-door path exists.
    case backDoor([String])
    /// No set of observed variables blocks every back-door path (an unobserved
    /// common cause): the covariate estimators get every observed variable that the
    /// treatment does not cause, and the benchmark shows their bias.
    case noValidSet(fallback: [String])
    /// The outcome causes the treatment (the treatment is a descendant of the outcome):
    /// the treatment has no effect on the outcome (the truth is 0) and no adjustment
    /// can identify that, because the association runs the other way. The covariate
    /// estimators get every observed variable that the treatment does not cause, and
    /// the benchmark shows their bias.
    case outcomeCausesTreatment(fallback: [String])
}

/// What a benchmark reads from a model's graph and equations: the roles the
/// sampled columns play for the estimators, and why.
///
/// - Covariates: the first minimal back-door set of the causal diagram (smallest,
///   then in declaration order; `DirectedGraph.minimalBackDoorSets`); when none
///   exists, every observed non-descendant of the treatment except the outcome.
/// - Instrument: the first observed non-descendant Z of the treatment (declaration
///   order) that is an instrument given the other covariates
///   (`DirectedGraph.instruments(treatment:outcome:given:)`); Z is then not a covariate.
/// - A sharp discontinuity: the treatment's equation is `X >= c` or `step(X - c)`
///   (`SharpDiscontinuity`): running variable X and cutoff c.
/// - A fuzzy discontinuity: the treatment's mechanism holds one such indicator
///   (`FuzzyDiscontinuity`), e.g. `T ~ Bernoulli(0.2 + 0.6 * (X >= c))`.
/// - A 2×2 difference in differences: the treatment's equation is `G * P` with two
///   binary variables (`TwoByTwoDesign`): group G and period P of a repeated cross-section.
public struct BenchmarkDesign: Sendable {
    /// The treatment T.
    public let treatment: String
    /// The outcome Y.
    public let outcome: String
    /// Every minimal back-door set (empty: none exists; `[[]]`: no adjustment needed).
    public let adjustmentSets: [[String]]
    /// The covariates chosen and why.
    public let adjustment: AdjustmentChoice
    /// The instrument, when the graph has one.
    public let instrument: String?
    /// When no back-door set exists: a front-door set Z of observed mediators (Pearl
    /// 2009, Definition 3.3.3; `DirectedGraph.frontDoorSet`), which identifies the effect
    /// as Σ_z P(z | t) Σ_t′ E[Y | t′, z] P(t′). No estimator of the library uses it; the
    /// report names it so that a failure to estimate is explained.
    public let frontDoorSet: [String]?
    /// The sharp discontinuity the treatment's equation states, if any.
    public let discontinuity: SharpDiscontinuity?
    /// The fuzzy discontinuity the treatment's mechanism holds, if any (never with a sharp one).
    public let fuzzyDiscontinuity: FuzzyDiscontinuity?
    /// The 2×2 design the treatment's equation states, if any.
    public let differenceInDifferences: TwoByTwoDesign?
    /// Whether the treatment is a deterministic function of covariates the
    /// estimators adjust for: then no unit has both treatment values at the same
    /// covariates (positivity fails) and covariate-based estimators cannot compare.
    public let positivityFails: Bool
    /// The roles of the sampled columns for the estimators.
    public let roles: Roles

    /// The design of the effect of `treatment` on `outcome` in `model`. Throws
    /// `ModelError` for a name that is not a variable (with the likely intended one),
    /// and `BenchmarkError` when the treatment and outcome coincide or either is latent.
    public init(model: StructuralCausalModel, treatment: String, outcome: String) throws {
        let t = try model.variable(named: treatment)
        let y = try model.variable(named: outcome)
        guard treatment != outcome else { throw BenchmarkError.sameTreatmentAndOutcome(treatment) }
        for v in [t, y] where v.isLatent { throw BenchmarkError.latentVariable(v.name) }
        let graph = model.causalDiagram
        let sets = try graph.minimalBackDoorSets(treatment: treatment, outcome: outcome)
        let downstream = try graph.descendants(of: [treatment])
        let reversed = try graph.descendants(of: [outcome]).contains(treatment)
        let nonDescendants = model.variables.filter { !$0.isLatent && !downstream.contains($0.name) }.map(\.name)
            .filter { $0 != treatment && $0 != outcome }
        var covariates = sets.first ?? nonDescendants
        var instrument: String?
        for z in nonDescendants {
            let others = covariates.filter { $0 != z }
            if try graph.instruments(treatment: treatment, outcome: outcome, given: Set(others)).contains(z) {
                instrument = z
                covariates = others
                break
            }
        }
        self.treatment = treatment
        self.outcome = outcome
        adjustmentSets = sets
        adjustment = reversed ? .outcomeCausesTreatment(fallback: covariates)
            : sets.isEmpty ? .noValidSet(fallback: covariates) : .backDoor(covariates)
        self.instrument = instrument
        frontDoorSet = sets.isEmpty && !reversed ? try graph.frontDoorSet(treatment: treatment, outcome: outcome) : nil
        // A running variable must be observed.
        let observed = { (rule: SharpDiscontinuity) in (try? model.variable(named: rule.runningVariable).isLatent) == false }
        discontinuity = SharpDiscontinuity(treatmentEquation: t.equation).flatMap { observed($0) ? $0 : nil }
        fuzzyDiscontinuity = FuzzyDiscontinuity(treatment: treatment, in: model).flatMap { observed($0.rule) ? $0 : nil }
        let rule = discontinuity ?? fuzzyDiscontinuity?.rule
        if let did = TwoByTwoDesign(treatmentEquation: t.equation),
           try model.propensity(of: did.group) != nil, try model.propensity(of: did.period) != nil {
            differenceInDifferences = did
        } else {
            differenceInDifferences = nil
        }
        let parents = try Set(model.parents(of: treatment))
        positivityFails = t.equation.noiseTerms.isEmpty && !parents.isEmpty && parents.isSubset(of: covariates)
        roles = Roles(outcome: outcome, treatment: treatment, covariates: covariates, instrument: instrument,
                      runningVariable: rule?.runningVariable, cutoff: rule?.cutoff,
                      period: differenceInDifferences?.period, group: differenceInDifferences?.group)
    }

    /// The covariates given to the estimators.
    public var covariates: [String] { roles.covariates }

    /// Plain-words lines saying which roles were chosen and why.
    public var explanation: [String] {
        var lines: [String] = []
        let list = { (names: [String]) in names.isEmpty ? "{}" : "{" + names.joined(separator: ", ") + "}" }
        switch adjustment {
        case .backDoor(let set) where set.isEmpty:
            lines.append("covariates: none needed: no back-door path runs from \(treatment) to \(outcome)")
        case .backDoor(let set):
            var line = "covariates: \(list(set)), a minimal back-door set: adjusting for it blocks every back-door path "
                + "from \(treatment) to \(outcome)"
            let others = adjustmentSets.filter { $0 != set }
            if !others.isEmpty { line += " (other minimal sets: \(others.map(list).joined(separator: ", ")))" }
            lines.append(line)
        case .noValidSet(let fallback):
            lines.append("no valid adjustment set: no set of observed variables blocks every back-door path from "
                + "\(treatment) to \(outcome) (an unobserved common cause); \(fallbackWords(fallback)), and their bias shows "
                + "what that costs")
        case .outcomeCausesTreatment(let fallback):
            lines.append("reverse causation: \(outcome) causes \(treatment) (\(treatment) is a descendant of \(outcome)), so "
                + "\(treatment) has no effect on \(outcome): the true effect is 0, and no adjustment can identify it, since "
                + "the association between them runs from \(outcome) to \(treatment); \(fallbackWords(fallback)), and their "
                + "estimates show that association, not an effect")
        }
        if let instrument {
            let given = covariates.isEmpty ? "" : " given \(list(covariates))"
            lines.append("instrument: \(instrument): it moves \(treatment) and reaches \(outcome) only through \(treatment)\(given)")
        }
        if let z = frontDoorSet {
            lines.append("front-door set: \(list(z)): it carries every directed path from \(treatment) to \(outcome), no "
                + "back-door path from \(treatment) reaches it, and \(treatment) blocks its back-door paths to \(outcome), so "
                + "the front-door criterion identifies the effect (no estimator here uses front-door identification)")
        }
        if let d = discontinuity {
            lines.append("sharp discontinuity: \(treatment) = 1{\(d.runningVariable) ≥ \(Self.format(d.cutoff))}: running "
                + "variable \(d.runningVariable), cutoff \(Self.format(d.cutoff))")
        }
        if let d = fuzzyDiscontinuity?.rule {
            lines.append("fuzzy discontinuity: the mechanism of \(treatment) holds 1{\(d.runningVariable) ≥ \(Self.format(d.cutoff))}, "
                + "so its probability may jump there: running variable \(d.runningVariable), cutoff \(Self.format(d.cutoff)); "
                + "the truth of the LATE at the cutoff weights each unit's effect there by whether crossing moves its treatment")
        }
        if let d = differenceInDifferences {
            lines.append("2×2 difference in differences: \(treatment) = \(d.group) × \(d.period): group \(d.group), period "
                + "\(d.period), a repeated cross-section (no unit column)")
        }
        if positivityFails {
            lines.append("positivity fails for adjustment: \(treatment) is a deterministic function of the covariates, so no "
                + "treated and untreated units share covariate values; weighting and matching cannot run, and regressions "
                + "extrapolate")
        }
        return lines
    }

    /// What the covariate estimators get when no adjustment set is valid.
    private func fallbackWords(_ fallback: [String]) -> String {
        fallback.isEmpty
            ? "no observed variable that \(treatment) does not cause is left to adjust for, so the covariate estimators "
                + "run without covariates"
            : "the covariate estimators get every observed variable that \(treatment) does not cause, {"
                + fallback.joined(separator: ", ") + "}"
    }

    /// A number as written in a model file (70, not 70.0).
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
