import Foundation

/// A sink for the rows of a population answer (one unit): it can say how much
/// weight it received.
protocol PopulationSink: CounterfactualSink {
    /// Kish's effective sample size of the weights received (0 when no row carried weight).
    var effectiveSampleSize: Double { get }
}

/// Per-unit weighted means of every variable in every world: the unit-level
/// counterfactual answers of plans with several rows per unit. Each mean is
/// kept as a running weighted mean, m ← m + (w / W)(x − m), which returns a
/// constant exactly; the weights are accumulated relative to a running maximum
/// log weight per unit.
struct UnitMeans: CounterfactualSink {
    private let worlds: Int, variables: Int, units: Int
    /// The running means, world by world, variable by variable, unit by unit.
    private var flat: [Double]
    /// Each unit's weights.
    private var weights: [LogWeightTotals]
    /// The current block's step w / W by row (0 for rows without weight).
    private var steps = [Double](repeating: 0, count: BlockEvaluator.blockSize)

    init(worlds: Int, variables: Int, units: Int) {
        (self.worlds, self.variables, self.units) = (worlds, variables, units)
        flat = Array(repeating: 0, count: worlds * variables * units)
        weights = Array(repeating: LogWeightTotals(), count: units)
    }

    /// means[world][variable][unit].
    var means: [[[Double]]] {
        (0..<worlds).map { w in (0..<variables).map { v in Array(flat[((w * variables + v) * units)...].prefix(units)) } }
    }

    /// One pass over the rows for the weights, then one per column for the means.
    mutating func accept(_ slot: BlockSlot) {
        let n = slot.rows
        for r in 0..<n {
            let u = slot.units[r]
            steps[r] = weights[u].add(logWeight: slot.logWeights[r]).map { $0.weight / weights[u].total } ?? 0
        }
        flat.withUnsafeMutableBufferPointer { means in
            for w in 0..<worlds {
                for v in 0..<variables {
                    let column = slot.worldColumns[w].columns[v], base = (w * variables + v) * units
                    for r in 0..<n where steps[r] != 0 {
                        let i = base + slot.units[r]
                        means[i] += steps[r] * (column[r] - means[i])
                    }
                }
            }
        }
    }

    /// Reports each unit whose evidence had probability zero (no row carried weight).
    func checkEveryUnit(impossible: (Int) throws -> Never) throws {
        for u in weights.indices where !(weights[u].total > 0) { try impossible(u) }
    }

    /// Kish's effective sample size of each unit's weights, (Σw)² / Σw².
    var effectiveSampleSizes: [Double] { weights.map { $0.total * $0.total / $0.squares } }
}

/// Every finished row's log weight and selected values: a population answer
/// whose rows are returned (`CounterfactualSample`).
struct WeightedRows: PopulationSink {
    /// (world, variable) pairs kept.
    let selection: [(world: Int, variable: Int)]
    private(set) var logWeights: [Double] = []
    /// values[k][row] for selection k.
    private(set) var values: [[Double]]

    init(selection: [(world: Int, variable: Int)]) {
        self.selection = selection
        values = Array(repeating: [], count: selection.count)
    }

    mutating func accept(_ slot: BlockSlot) {
        for r in 0..<slot.rows where slot.logWeights[r] > -.infinity {
            logWeights.append(slot.logWeights[r])
            for (k, s) in selection.enumerated() { values[k].append(slot.worldColumns[s.world].columns[s.variable][r]) }
        }
    }

    var effectiveSampleSize: Double {
        var weights = WeightedMean()
        for l in logWeights { weights.add(logWeight: l, value: 0) }
        return weights.effectiveSampleSize
    }
}

/// A function of one row's selected values whose posterior expectation is wanted.
enum RowStatistic: Sendable {
    /// Σₖ cₖ vₖ over the selection (an expectation, or a paired difference).
    case linear([Double])
    /// 1 when every selected value with a stated value equals it (to 1e-9
    /// relative), else 0: the probability of a joint event.
    case event([Double?])
}

/// Running estimates of a few statistics of the selected values (`WeightedMean`
/// each): a population answer whose memory does not grow with the number of draws.
/// Optionally records, per selected value, the first value outside a stated set.
struct WeightedMoments: PopulationSink {
    /// (world, variable) pairs read.
    let selection: [(world: Int, variable: Int)]
    let statistics: [RowStatistic]
    /// For each selected value, the values it may take (nil: any).
    let allowed: [[Double]?]
    /// One running estimate per statistic.
    private(set) var means: [WeightedMean]
    /// For each selected value, the first value met outside `allowed`.
    private(set) var outside: [Double?]

    init(selection: [(world: Int, variable: Int)], statistics: [RowStatistic], allowed: [[Double]?]? = nil) {
        self.selection = selection
        self.statistics = statistics
        self.allowed = allowed ?? Array(repeating: nil, count: selection.count)
        means = Array(repeating: WeightedMean(), count: statistics.count)
        outside = Array(repeating: nil, count: selection.count)
    }

    mutating func accept(_ slot: BlockSlot) {
        let columns = selection.map { UnsafePointer(slot.worldColumns[$0.world].columns[$0.variable]) }
        let logWeights = slot.logWeights
        for (s, statistic) in statistics.enumerated() {
            switch statistic {
            case .linear(let coefficients):
                for r in 0..<slot.rows {
                    var f = 0.0
                    for k in coefficients.indices where coefficients[k] != 0 { f += coefficients[k] * columns[k][r] }
                    means[s].add(logWeight: logWeights[r], value: f)
                }
            case .event(let values):
                for r in 0..<slot.rows {
                    var holds = true
                    for k in values.indices { if let v = values[k], !approximatelyEqual(columns[k][r], v) { holds = false } }
                    means[s].add(logWeight: logWeights[r], value: holds ? 1 : 0)
                }
            }
        }
        for (k, values) in allowed.enumerated() where outside[k] == nil {
            guard let values else { continue }
            rows: for r in 0..<slot.rows where logWeights[r] > -.infinity {
                for v in values where approximatelyEqual(columns[k][r], v) { continue rows }
                outside[k] = columns[k][r]
                break
            }
        }
    }

    var effectiveSampleSize: Double { means.first?.effectiveSampleSize ?? 0 }
}

/// Equality of a computed value and a stated one, to 1e-9 relative.
func approximatelyEqual(_ x: Double, _ value: Double) -> Bool { abs(x - value) <= 1e-9 * max(1, abs(value)) }
