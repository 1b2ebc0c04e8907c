import Foundation
import Probability

/// Average treatment effects of a binary treatment, from potential outcomes:
/// ATE = mean(Y₁ − Y₀); ATT = mean(Y₁ − Y₀ | T = 1); ATU = mean(Y₁ − Y₀ | T = 0).
///
/// Computed on a sample these are that sample's exact effects. As estimates of the
/// population effects each carries the Monte Carlo standard error of a mean of
/// unit-level effects, √(Σ(δᵢ − θ)²)/n over the group (`EffectMean`, the same
/// computation as every truth of a benchmark), 0 when every unit's effect is the
/// same. An effect over an empty group is NaN.
public struct TreatmentEffects: Equatable, Sendable {
    /// Average treatment effect.
    public var ate: Double { all.truth?.value ?? .nan }
    /// Average effect on the treated.
    public var att: Double { treated.truth?.value ?? .nan }
    /// Average effect on the untreated.
    public var atu: Double { untreated.truth?.value ?? .nan }
    /// Standard error of `ate` as an estimate of the population ATE.
    public var ateStandardError: Double { all.truth?.standardError ?? .nan }
    /// Standard error of `att` as an estimate of the population ATT.
    public var attStandardError: Double { treated.truth?.standardError ?? .nan }
    /// Standard error of `atu` as an estimate of the population ATU.
    public var atuStandardError: Double { untreated.truth?.standardError ?? .nan }
    /// Units in all.
    public var units: Int { all.count }
    /// Treated units.
    public var treatedUnits: Int { treated.count }

    private var all = EffectMean(), treated = EffectMean(), untreated = EffectMean()

    /// No units yet; add them with `add(treatment:y0:y1:firstRow:)`.
    public init() {}

    /// The effects in a sample of units with treatment `t` (0/1) and potential outcomes `y0`, `y1`.
    public init(treatment t: [Double], y0: [Double], y1: [Double]) throws {
        guard t.count == y0.count, t.count == y1.count else {
            throw ModelError("treatment and potential outcomes must have the same number of rows")
        }
        try t.withUnsafeBufferPointer { t in
            try y0.withUnsafeBufferPointer { y0 in
                try y1.withUnsafeBufferPointer { y1 in try add(treatment: t, y0: y0, y1: y1, firstRow: 0) }
            }
        }
    }

    /// Adds units: treatment (0/1) and potential outcomes per row; `firstRow`
    /// (0-based) numbers rows in errors.
    public mutating func add(treatment t: UnsafeBufferPointer<Double>, y0: UnsafeBufferPointer<Double>,
                             y1: UnsafeBufferPointer<Double>, firstRow: Int) throws {
        for i in t.indices {
            let d = y1[i] - y0[i]
            all.add(d)
            if t[i] == 1 { treated.add(d) } else if t[i] == 0 { untreated.add(d) } else {
                throw ModelError("row \(firstRow + i + 1): treatment value \(t[i]) is not 0 or 1")
            }
        }
    }
}

extension StructuralCausalModel {
    /// The treatment effects of a binary `treatment` on `outcome` in a sample of
    /// `rows` units with `seed` (exact for that sample; a Monte Carlo estimate of
    /// the population effects with the standard errors it reports), as `SampleTruth`
    /// computes them. Throws when a sampled treatment value is not 0 or 1.
    public func treatmentEffects(treatment: String, outcome: String, rows: Int, seed: UInt64,
                                 options: SamplingOptions = SamplingOptions()) throws -> TreatmentEffects {
        let design = try PotentialOutcomes(treatment: treatment, outcome: outcome)
        let selections = [try ColumnSelection(self, variables: [treatment])]
            + (try design.selections(for: self).dropFirst().prefix(2))
        let table = try Self.sample(rows: rows, seed: seed, selections: Array(selections), options: options)
        let headers = [treatment, design.header(for: 0), design.header(for: 1)]
        let truth = try SampleTruth(design: design, headers: headers)
        let (t, y0, y1) = (try table.numbers(headers[0]), try table.numbers(headers[1]), try table.numbers(headers[2]))
        try t.withUnsafeBufferPointer { t in
            try y0.withUnsafeBufferPointer { y0 in
                try y1.withUnsafeBufferPointer { y1 in try truth.add([t, y0, y1]) }
            }
        }
        guard let effects = truth.effects else { throw ModelError(truth.noEffectsReason ?? "no treatment effects", variable: treatment) }
        return effects
    }
}
