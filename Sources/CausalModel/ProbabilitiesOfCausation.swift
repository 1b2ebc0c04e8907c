import Probability
import Reporting
/// An interval of probabilities, [lower, upper].
public struct ProbabilityBounds: Sendable, Equatable, CustomStringConvertible {
    /// The smallest possible value.
    public let lower: Double
    /// The largest possible value.
    public let upper: Double

    /// The interval [lower, upper].
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether p lies in the interval, allowing `tolerance` either side.
    public func contains(_ p: Double, tolerance: Double = 1e-12) -> Bool {
        p >= lower - tolerance && p <= upper + tolerance
    }

    /// Whether the bounds pin the value down (to 1e-12): the quantity is identified.
    public var isPoint: Bool { upper - lower <= 1e-12 }

    /// "[lower, upper]".
    public var description: String { "[\(lower), \(upper)]" }
}

/// The observational and interventional probabilities that bound the
/// probabilities of causation, for a binary treatment (x treated, x′ control)
/// and a binary outcome event (y, and y′ its complement).
public struct CausationInputs: Sendable, Equatable {
    /// P(X = x, Y = y).
    public var treatedWithOutcome: Double
    /// P(X = x, Y = y′).
    public var treatedWithoutOutcome: Double
    /// P(X = x′, Y = y).
    public var controlWithOutcome: Double
    /// P(X = x′, Y = y′).
    public var controlWithoutOutcome: Double
    /// P(y_x) = P(Y = y | do(X = x)).
    public var outcomeIfTreated: Double
    /// P(y_x′) = P(Y = y | do(X = x′)).
    public var outcomeIfControl: Double

    /// The six probabilities, named as above.
    public init(treatedWithOutcome: Double, treatedWithoutOutcome: Double, controlWithOutcome: Double,
                controlWithoutOutcome: Double, outcomeIfTreated: Double, outcomeIfControl: Double) {
        self.treatedWithOutcome = treatedWithOutcome
        self.treatedWithoutOutcome = treatedWithoutOutcome
        self.controlWithOutcome = controlWithOutcome
        self.controlWithoutOutcome = controlWithoutOutcome
        self.outcomeIfTreated = outcomeIfTreated
        self.outcomeIfControl = outcomeIfControl
    }
}

/// The sharp bounds of Tian & Pearl (2000), "Probabilities of causation: bounds
/// and identification" (Annals of Mathematics and Artificial Intelligence 28,
/// 287–313), from observational P(X, Y) and interventional P(y_x), P(y_x′), with
/// P(y) = P(x, y) + P(x′, y):
///
///     max{0, P(y_x) − P(y_x′), P(y) − P(y_x′), P(y_x) − P(y)}
///         ≤ PNS ≤ min{P(y_x), P(y′_x′), P(x, y) + P(x′, y′), P(y_x) − P(y_x′) + P(x, y′) + P(x′, y)}
///     max{0, [P(y) − P(y_x′)] / P(x, y)} ≤ PN ≤ min{1, [P(y′_x′) − P(x′, y′)] / P(x, y)}
///     max{0, [P(y_x) − P(y)] / P(x′, y′)} ≤ PS ≤ min{1, [P(y_x) − P(x, y)] / P(x′, y′)}
///
/// Any model that reproduces those distributions has its PN, PS and PNS in these
/// intervals; a model's own answer is one point of them.
public struct TianPearlBounds: Sendable, Equatable {
    /// PN's bounds (nil when P(x, y) = 0).
    public let necessity: ProbabilityBounds?
    /// PS's bounds (nil when P(x′, y′) = 0).
    public let sufficiency: ProbabilityBounds?
    /// PNS's bounds.
    public let necessityAndSufficiency: ProbabilityBounds

    /// The bounds for the given probabilities.
    public init(_ p: CausationInputs) {
        let outcome = p.treatedWithOutcome + p.controlWithOutcome
        necessityAndSufficiency = ProbabilityBounds(
            lower: max(0, p.outcomeIfTreated - p.outcomeIfControl, outcome - p.outcomeIfControl, p.outcomeIfTreated - outcome),
            upper: min(p.outcomeIfTreated, 1 - p.outcomeIfControl, p.treatedWithOutcome + p.controlWithoutOutcome,
                       p.outcomeIfTreated - p.outcomeIfControl + p.treatedWithoutOutcome + p.controlWithOutcome))
        necessity = p.treatedWithOutcome > 0
            ? ProbabilityBounds(lower: max(0, (outcome - p.outcomeIfControl) / p.treatedWithOutcome),
                                upper: min(1, (1 - p.outcomeIfControl - p.controlWithoutOutcome) / p.treatedWithOutcome))
            : nil
        sufficiency = p.controlWithoutOutcome > 0
            ? ProbabilityBounds(lower: max(0, (p.outcomeIfTreated - outcome) / p.controlWithoutOutcome),
                                upper: min(1, (p.outcomeIfTreated - p.treatedWithOutcome) / p.controlWithoutOutcome))
            : nil
    }
}

/// The probabilities of causation of a model (Pearl 1999; Tian & Pearl 2000),
/// with the bounds any model sharing its observational and interventional
/// distributions must respect.
public struct ProbabilitiesOfCausation: Sendable {
    /// PN = P(Y_x′ = y′ | X = x, Y = y): among treated units with the outcome, the
    /// share that would not have had it without treatment (nil when P(x, y) = 0).
    public let necessity: CounterfactualEstimate?
    /// PS = P(Y_x = y | X = x′, Y = y′): among untreated units without the outcome,
    /// the share that would have had it with treatment (nil when P(x′, y′) = 0).
    public let sufficiency: CounterfactualEstimate?
    /// PNS = P(Y_x = y, Y_x′ = y′): the share of units whose outcome follows treatment.
    public let necessityAndSufficiency: CounterfactualEstimate
    /// The model's observational and interventional probabilities.
    public let inputs: CausationInputs
    /// Tian–Pearl bounds computed from `inputs`.
    public let bounds: TianPearlBounds
}

extension StructuralCausalModel {
    /// PN, PS and PNS of the event `outcome = outcomeValue` with respect to
    /// treatment `treatment = treated` (against `control`), computed from the
    /// model by abduction, action and prediction, alongside their Tian–Pearl
    /// bounds from the model's P(X, Y), P(y_x) and P(y_x′) (see `TianPearlBounds`).
    ///
    /// The treatment must take only the values `treated` and `control`, the
    /// outcome only 0 and 1 (y′ is 1 − y), and they must be different variables.
    /// The observational and interventional probabilities come from one run kept
    /// as running sums (`WeightedMoments`), so no draw is stored.
    public func probabilitiesOfCausation(treatment: String, outcome: String, treated: Double = 1, control: Double = 0,
                                         outcomeValue: Double = 1,
                                         options: CounterfactualOptions = CounterfactualOptions()) throws
        -> ProbabilitiesOfCausation {
        let (x, y) = try treatmentAndOutcome(treatment, outcome)
        guard outcomeValue == 0 || outcomeValue == 1 else {
            throw ModelError("the outcome value must be 0 or 1 (got \(outcomeValue.compactDescription))", variable: outcome)
        }
        guard treated != control else { throw ModelError("treated and control values are both \(treated.compactDescription)", variable: treatment) }
        let other = 1 - outcomeValue
        let doTreated: [Intervention] = [.set(treatment, to: treated)]
        let doControl: [Intervention] = [.set(treatment, to: control)]
        // Observational joint and both interventional worlds from one run, sharing the noise.
        // Selected values: X, Y factual; X, Y treated; X, Y control.
        let selection = (0..<3).flatMap { w in [(world: w, variable: x), (world: w, variable: y)] }
        let events: [[Double?]] = [
            [treated, outcomeValue, nil, nil, nil, nil], [treated, other, nil, nil, nil, nil],
            [control, outcomeValue, nil, nil, nil, nil], [control, other, nil, nil, nil, nil],
            [nil, nil, nil, outcomeValue, nil, nil], [nil, nil, nil, nil, nil, outcomeValue],
            [nil, nil, nil, outcomeValue, nil, other],
        ]
        let binary: [Double] = [0, 1]
        let joint = try population(Evidence(), worlds: [[], doTreated, doControl], variables: [x, y], purpose: .distribution,
                                   options: options,
                                   into: WeightedMoments(selection: selection, statistics: events.map(RowStatistic.event),
                                                         allowed: [[treated, control], binary, nil, binary, nil, binary]))
        if let bad = joint.sink.outside[0] {
            throw ModelError("takes the value \(bad.compactDescription), not only \(treated.compactDescription) and \(control.compactDescription): "
                             + "the probabilities of causation need a binary treatment", variable: treatment)
        }
        if let bad = joint.sink.outside.compactMap({ $0 }).first {
            throw ModelError("takes the value \(bad.compactDescription): the probabilities of causation need a 0/1 outcome",
                             variable: outcome)
        }
        let probabilities = joint.sink.means.map { $0.estimate(method: joint.method, warnings: joint.warnings) }
        let inputs = CausationInputs(
            treatedWithOutcome: probabilities[0].value, treatedWithoutOutcome: probabilities[1].value,
            controlWithOutcome: probabilities[2].value, controlWithoutOutcome: probabilities[3].value,
            outcomeIfTreated: probabilities[4].value, outcomeIfControl: probabilities[5].value)
        let pn = inputs.treatedWithOutcome > 0
            ? try counterfactualProbability(that: outcome, equals: other, given: Evidence([treatment: treated, outcome: outcomeValue]),
                                            doing: doControl, options: options)
            : nil
        let ps = inputs.controlWithoutOutcome > 0
            ? try counterfactualProbability(that: outcome, equals: outcomeValue, given: Evidence([treatment: control, outcome: other]),
                                            doing: doTreated, options: options)
            : nil
        return ProbabilitiesOfCausation(necessity: pn, sufficiency: ps, necessityAndSufficiency: probabilities[6], inputs: inputs,
                                        bounds: TianPearlBounds(inputs))
    }
}
