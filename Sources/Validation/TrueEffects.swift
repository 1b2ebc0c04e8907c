import MachineResources
import CausalModel
import Estimators
import Tabular

/// The true values of the estimands of a benchmark, from potential outcomes of a
/// large Monte Carlo sample of units (every unit keeps its noise under each action).
///
/// With δᵢ = Yᵢ(1) − Yᵢ(0) (Y under do(T = 1) and do(T = 0)):
/// - ATE = E[δ]; ATT = E[δ | T = 1]; ATU = E[δ | T = 0] (binary T only);
/// - LATE = E[(T(z=1) − T(z=0))·δ] / E[T(z=1) − T(z=0)] for a binary instrument Z, with
///   T(z) the treatment under do(Z = z): the complier average under monotonicity
///   (Imbens & Angrist 1994), in general the Wald estimand two-stage least squares targets;
/// - the effect at the cutoff E[δ_c | X = c], δ_c = Y(c, 1) − Y(c, 0) with Y(c, t) the
///   outcome under do(X = c, T = t), the estimand of sharp RD: each unit's δ_c is
///   weighted by a triangular kernel in its own sampled X around c (bandwidth h: the
///   distance to c within which 2% of the units lie), so that other causes of Y keep
///   their distribution among units near the cutoff (bias O(h²));
/// - at a fuzzy cutoff, the LATE E[(T⁺ − T⁻)·δ_c | X = c] / E[T⁺ − T⁻ | X = c], with T±
///   the treatment under do(X = c) with the mechanism's indicator held at 1 or 0
///   (`FuzzyDiscontinuity`) and the same kernel: the compliers' average effect at c;
/// - the variance-weighted effect E[e(1 − e)·δ] / E[e(1 − e)] with the true propensity
///   e = P(T = 1 | parents of T) (`StructuralCausalModel.propensity(of:)`): the estimand of
///   the partially linear model when its covariates include T's parents.
///
/// Each comes with its Monte Carlo standard error (`EffectMean`, as every sample truth), zero
/// when exact. When every sampled unit has the same δ, every estimand defined by δ is
/// that number exactly, also those whose weights the model does not give.
public struct TrueEffects: Sendable {
    /// The average treatment effect.
    public var ate: TruthValue?
    /// The average effect on the treated (binary treatment).
    public var att: TruthValue?
    /// The average effect on the untreated (binary treatment).
    public var atu: TruthValue?
    /// The local average treatment effect (with an instrument).
    public var late: TruthValue?
    /// The effect at the cutoff (sharp discontinuity).
    public var effectAtCutoff: TruthValue?
    /// The local average treatment effect at the cutoff (fuzzy discontinuity).
    public var lateAtCutoff: TruthValue?
    /// The variance-weighted effect.
    public var varianceWeightedEffect: TruthValue?
    /// The true CATE by bins of the first covariate, when there is one.
    public var conditional: BinnedConditionalEffects?
    /// Whether every sampled unit had the same effect δ.
    public var isConstantEffect: Bool
    /// The number of Monte Carlo units.
    public var units: Int
    /// Notes on estimands that could not be computed, or on assumptions of their definition.
    public var notes: [String]

    /// The truth of `estimand`, when known.
    public func value(for estimand: Estimand) -> TruthValue? {
        switch estimand {
        case .ate: return ate
        case .att: return att
        case .late: return late
        case .effectAtCutoff: return effectAtCutoff
        case .lateAtCutoff: return lateAtCutoff
        case .varianceWeightedEffect: return varianceWeightedEffect
        case .policyValue, .naturalDirectEffect, .naturalIndirectEffect: return nil
        }
    }

    /// The truths of `design` in `model` from `units` sampled units with `seed`.
    /// Complexity: O(units × model size); memory about 8 × (5 to 9) × units bytes.
    /// Throws `BenchmarkError.invalidOption` when that exceeds half the physical memory.
    public init(model: StructuralCausalModel, design: BenchmarkDesign, units: Int, seed: UInt64,
                options: SamplingOptions = SamplingOptions()) throws {
        guard units >= 2 else {
            throw BenchmarkError.invalidOption(option: "truth units", detail: "\(units); need at least 2")
        }
        let t = design.treatment, y = design.outcome
        let potential = try PotentialOutcomes(treatment: t, outcome: y)
        let binned = design.covariates.first
        var observed = [t]
        if let binned { observed.append(binned) }
        if let z = design.instrument { observed.append(z) }
        let rule = design.discontinuity ?? design.fuzzyDiscontinuity?.rule
        if let x = rule?.runningVariable, !observed.contains(x) { observed.append(x) }
        var selections = [try ColumnSelection(model, variables: observed)]
        selections += try potential.selections(for: model).dropFirst()
        let hasPropensity = try model.propensity(of: t) != nil
        if let z = design.instrument {
            for value in [0.0, 1.0] {
                selections.append(try ColumnSelection(model.intervening(.set(z, to: value)), variables: [t],
                                                      headers: [Self.header(t, under: "\(z)=\(Int(value))")]))
            }
        }
        if let d = rule {
            for value in [0.0, 1.0] {
                let at = "\(d.runningVariable)=\(BenchmarkDesign.format(d.cutoff)),\(t)=\(Int(value))"
                selections.append(try ColumnSelection(
                    model.intervening([.set(d.runningVariable, to: d.cutoff), .set(t, to: value)]),
                    variables: [y], headers: [Self.header(y, under: at)]))
            }
        }
        if let fuzzy = design.fuzzyDiscontinuity {
            for value in [0.0, 1.0] {
                selections.append(try ColumnSelection(
                    fuzzy.forcing(value, treatment: t, in: model).intervening(.set(fuzzy.rule.runningVariable, to: fuzzy.rule.cutoff)),
                    variables: [t], headers: [Self.header(t, under: "indicator=\(Int(value))")]))
            }
        }
        let columns = selections.reduce(0) { $0 + $1.variables.count }
        try MemoryBudget.require(units, bytesEach: 8 * (columns + Self.workingArrays), option: "truth units",
                                 what: "\(units) Monte Carlo units", purpose: "for the truth's \(columns) sampled "
                                     + "columns and \(Self.workingArrays) working arrays", unit: "units")
        let table = try StructuralCausalModel.sample(rows: units, seed: seed, selections: selections, options: options)
        let treatment = try table.numbers(t)
        let y0 = try table.numbers(potential.header(for: 0)), y1 = try table.numbers(potential.header(for: 1))
        var delta = [Double](repeating: 0, count: units)
        for i in 0..<units { delta[i] = y1[i] - y0[i] }

        var notes: [String] = []
        ate = TruthValue.weightedMean(delta)
        isConstantEffect = ate?.isExact ?? false
        self.units = units
        if treatment.allSatisfy({ $0 == 0 || $0 == 1 }) {
            att = TruthValue.weightedMean(delta, weights: treatment)
            atu = TruthValue.weightedMean(delta, weights: treatment.map { 1 - $0 })
        } else {
            notes.append("\(t) is not binary: the ATT and ATU are not defined; effects are Y(\(t) = 1) − Y(\(t) = 0)")
        }
        if hasPropensity {
            let e = try table.numbers(potential.propensityHeader)
            varianceWeightedEffect = TruthValue.weightedMean(delta, weights: e.map { $0 * (1 - $0) })
            if varianceWeightedEffect == nil && !isConstantEffect {
                notes.append("the variance-weighted effect is not defined: the true propensity of \(t) is 0 or 1 for every unit")
            }
        }
        if let z = design.instrument {
            let zValues = try table.numbers(z)
            if zValues.allSatisfy({ $0 == 0 || $0 == 1 }) {
                let t0 = try table.numbers(Self.header(t, under: "\(z)=0")), t1 = try table.numbers(Self.header(t, under: "\(z)=1"))
                late = TruthValue.weightedMean(delta, weights: zip(t1, t0).map { $0 - $1 })
                if late == nil && !isConstantEffect { notes.append("the instrument \(z) moves nobody's treatment: no LATE") }
            } else if !isConstantEffect {
                notes.append("the instrument \(z) is not binary: the LATE is not computed (the effect varies between units)")
            }
        }
        if let d = rule {
            let at = "\(d.runningVariable)=\(BenchmarkDesign.format(d.cutoff)),\(t)="
            let above = try table.numbers(Self.header(y, under: at + "1")), below = try table.numbers(Self.header(y, under: at + "0"))
            let atCutoff = zip(above, below).map { $0 - $1 }
            let near = Self.kernelWeights(try table.numbers(d.runningVariable), around: d.cutoff)
            if design.fuzzyDiscontinuity == nil {
                effectAtCutoff = TruthValue.weightedMean(atCutoff, weights: near)
            } else {
                let on = try table.numbers(Self.header(t, under: "indicator=1")), off = try table.numbers(Self.header(t, under: "indicator=0"))
                lateAtCutoff = TruthValue.weightedMean(atCutoff, weights: near.indices.map { near[$0] * (on[$0] - off[$0]) })
                if lateAtCutoff == nil { notes.append("crossing the cutoff moves nobody's treatment: no LATE at the cutoff") }
            }
        }
        if isConstantEffect, let ate {
            if design.instrument != nil, late == nil { late = ate }
            if varianceWeightedEffect == nil { varianceWeightedEffect = ate }
        }
        if let binned {
            conditional = BinnedConditionalEffects(covariate: binned, values: try table.numbers(binned), delta: delta)
        }
        self.notes = notes
    }

    /// Arrays of one number per unit besides the sampled columns: the unit effects δ,
    /// and the sorted covariate, bin members and bin values of the binned CATE.
    static let workingArrays = 4

    /// Triangular-kernel weights (1 − |xᵢ − c|/h)₊ with h the distance to c within which
    /// 2% of the units lie; where that many sit exactly at c (a discrete running
    /// variable), those units alone.
    static func kernelWeights(_ x: [Double], around c: Double) -> [Double] {
        let distances = x.map { abs($0 - c) }
        let k = max(1, x.count / 50)
        let h = distances.sorted()[min(k, distances.count) - 1]
        guard h > 0 else { return distances.map { $0 == 0 ? 1 : 0 } }
        return distances.map { max(0, 1 - $0 / h) }
    }

    /// The header of a variable's column under an intervention, e.g. `happiness | do(rain=1)`.
    static func header(_ variable: String, under intervention: String) -> String {
        "\(variable) | do(\(intervention))"
    }
}
