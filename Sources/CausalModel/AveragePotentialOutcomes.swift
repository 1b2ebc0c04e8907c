import Probability

/// The dose-response curve of a sample: for each treatment value t of a
/// `PotentialOutcomes` grid, the mean of Y(t) = Y under do(T = t) over the units,
/// μ(t) = (1/n) Σᵢ Yᵢ(t). Exact for the sample; as an estimate of the population's
/// E[Y(t)] its standard error is s(t)/√n. Rows are added block by block, so a
/// streamed sample of any size needs no memory per row.
public struct AveragePotentialOutcomes: Equatable, Sendable {
    /// The treatment values, in the order of the grid.
    public let values: [Double]
    private var moments: [RunningMoments]

    /// No units yet, for the treatment values of `design`.
    public init(_ design: PotentialOutcomes) {
        values = design.values
        moments = Array(repeating: RunningMoments(), count: design.values.count)
    }

    /// Adds units: `outcomes[k]` holds Y under do(T = values[k]) for each unit of the block.
    public mutating func add(_ outcomes: [UnsafeBufferPointer<Double>]) {
        precondition(outcomes.count == values.count, "one column of potential outcomes per treatment value")
        for k in outcomes.indices {
            for y in outcomes[k] { moments[k].add(y) }
        }
    }

    /// Units added.
    public var units: Int { moments.first?.count ?? 0 }

    /// μ(values[k]), the sample mean of Y(values[k]); NaN before any unit.
    public func mean(_ k: Int) -> Double { moments[k].mean }

    /// The standard error of `mean(k)` as an estimate of E[Y(values[k])]; NaN below two units.
    public func standardError(_ k: Int) -> Double { moments[k].standardErrorOfMean }
}
