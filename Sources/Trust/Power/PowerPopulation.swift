import CausalModel
import Probability
import Tabular

/// Where the units of simulated randomised experiments come from.
///
/// Each simulated experiment takes n fresh units, treats the first ⌊n/2⌋ and leaves the rest
/// as controls. The units are independent and identically distributed, so assigning by
/// position is a complete randomisation: the arms are exchangeable whatever the outcomes.
public enum PowerPopulation: Sendable {
    /// Units sampled from a structural causal model: each unit's outcome under do(T = 0) and,
    /// for the model's own effect, under do(T = 1), from the same noise (potential outcomes).
    /// The treatment's own mechanism plays no part: the experiment sets it.
    case model(StructuralCausalModel, treatment: String, outcome: String)
    /// Units resampled with replacement from observed outcomes (say, historical data without
    /// the change), taken as every unit's outcome under control.
    case data(outcomes: [Double], name: String)

    /// The outcome's name.
    public var outcomeName: String {
        switch self {
        case .model(_, _, let outcome): return outcome
        case .data(_, let name): return name
        }
    }

    /// Whether the population carries its own treatment effect (a model does; data do not).
    public var hasOwnEffect: Bool {
        if case .model = self { return true }
        return false
    }

    /// The selections that sample Y under do(T = 0) (and under do(T = 1) when `treated`).
    func selections(treated: Bool) throws -> [ColumnSelection] {
        guard case let .model(model, treatment, outcome) = self else { return [] }
        guard model.index(of: treatment) != nil else { throw model.unknownVariable(treatment) }
        guard model.index(of: outcome) != nil else { throw model.unknownVariable(outcome) }
        guard treatment != outcome else { throw ModelError("the treatment and the outcome are the same variable", variable: treatment) }
        var selections = [try ColumnSelection(model.intervening(.set(treatment, to: 0)), variables: [outcome], headers: ["y0"])]
        if treated {
            selections.append(try ColumnSelection(model.intervening(.set(treatment, to: 1)), variables: [outcome], headers: ["y1"]))
        }
        return selections
    }

    /// `rows` units' outcomes under control (and under treatment, when `selections` has two),
    /// drawn from the stream of `seed`; one thread, so that callers may run draws in parallel.
    func draw(rows: Int, seed: UInt64, selections: [ColumnSelection]) throws -> (control: [Double], treated: [Double]?) {
        switch self {
        case .model:
            let table = try StructuralCausalModel.sample(rows: rows, seed: seed, selections: selections,
                                                         options: SamplingOptions(threads: 1))
            return (try table.numbers("y0"), selections.count > 1 ? try table.numbers("y1") : nil)
        case .data(let outcomes, _):
            let stream = RandomStream(seed: seed)
            return ((0..<rows).map { _ in outcomes[stream.uniformInt(below: outcomes.count)] }, nil)
        }
    }
}

extension PowerPopulation {
    /// The outcomes of a table's column `outcome` as a population; with `treatment`, only the
    /// rows whose treatment is 0 (the controls). Throws for a missing or non-finite outcome
    /// and for fewer than two rows.
    public init(csv table: Table, outcome: String, controlsOf treatment: String? = nil) throws {
        var values = try table.numbers(outcome)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw PowerError.invalidOption(option: "outcome", detail: "column '\(outcome)', row \(bad + 1): missing or non-finite value")
        }
        if let treatment {
            let t = try table.numbers(treatment)
            values = values.indices.filter { t[$0] == 0 }.map { values[$0] }
        }
        guard values.count >= 2 else {
            throw PowerError.invalidOption(option: "outcome", detail: "\(values.count) usable rows in '\(outcome)'; need at least 2")
        }
        self = .data(outcomes: values, name: outcome)
    }
}
