import Foundation

/// Average treatment effects of a binary treatment, from potential outcomes:
/// ATE = mean(Y₁ − Y₀); ATT = mean(Y₁ − Y₀ | T = 1); ATU = mean(Y₁ − Y₀ | T = 0).
///
/// Computed on a sample these are that sample's exact effects. As estimates of
/// the population effects each carries the standard error of a mean of
/// unit-level effects, s/√n (s: the sample standard deviation of Y₁ − Y₀ in the group).
public struct TreatmentEffects: Codable, Equatable, Sendable {
    /// Average treatment effect.
    public var ate: Double
    /// Average effect on the treated.
    public var att: Double
    /// Average effect on the untreated.
    public var atu: Double
    /// Standard errors of the three as population estimates.
    public var ateStandardError: Double
    public var attStandardError: Double
    public var atuStandardError: Double
    /// Units in all, and treated units.
    public var units: Int
    public var treatedUnits: Int

    /// The effects in a sample of units with treatment `t` (0/1) and potential outcomes `y0`, `y1`.
    public init(treatment t: [Double], y0: [Double], y1: [Double]) throws {
        guard t.count == y0.count, t.count == y1.count, !t.isEmpty else {
            throw ModelError("treatment and potential outcomes must have the same, non-zero number of rows")
        }
        var all = RunningMean(), treated = RunningMean(), untreated = RunningMean()
        for i in t.indices {
            let d = y1[i] - y0[i]
            all.add(d)
            if t[i] == 1 { treated.add(d) } else if t[i] == 0 { untreated.add(d) } else {
                throw ModelError("row \(i + 1): treatment value \(t[i]) is not 0 or 1")
            }
        }
        ate = all.mean
        att = treated.mean
        atu = untreated.mean
        ateStandardError = all.standardError
        attStandardError = treated.standardError
        atuStandardError = untreated.standardError
        units = t.count
        treatedUnits = treated.count
    }
}

extension StructuralCausalModel {
    /// The treatment effects of a binary `treatment` on `outcome` in a sample of
    /// `rows` units with `seed` (exact for that sample; a Monte Carlo estimate of
    /// the population effects with the standard errors it reports).
    public func treatmentEffects(treatment: String, outcome: String, rows: Int, seed: UInt64,
                                 options: SamplingOptions = SamplingOptions()) throws -> TreatmentEffects {
        let design = try PotentialOutcomes(treatment: treatment, outcome: outcome)
        let selections = [try ColumnSelection(self, variables: [treatment])]
            + (try design.selections(for: self).dropFirst().prefix(2))
        let table = try Self.sample(rows: rows, seed: seed, selections: Array(selections), options: options)
        return try TreatmentEffects(treatment: table.numbers(treatment), y0: table.numbers(design.header(for: 0)),
                                    y1: table.numbers(design.header(for: 1)))
    }
}

/// Welford's running mean and variance.
struct RunningMean {
    private(set) var count = 0
    private var runningMean = 0.0
    private var sumOfSquares = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - runningMean
        runningMean += delta / Double(count)
        sumOfSquares += delta * (x - runningMean)
    }

    /// The mean (NaN when empty).
    var mean: Double { count == 0 ? .nan : runningMean }

    /// s/√n (0 for fewer than two values).
    var standardError: Double { count > 1 ? (sumOfSquares / Double(count - 1) / Double(count)).squareRoot() : 0 }
}
