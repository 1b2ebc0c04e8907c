import Foundation
import Probability
import Reporting

/// Cells of exact enumeration: for each entry a unit and a box of the free
/// terms' uniform ε, one interval [lower, upper) per free term, stored by term.
///
/// A discrete term's value is a step function of its uniform ε: it changes only
/// at the cut points of the noise convention (`DistributionFamily.forEachCutPoint`),
/// thresholds that depend on its parameters. A box is *homogeneous* when no
/// threshold of any world lies inside it; then every variable of every world is constant on the box, so evaluating
/// its midpoint gives the answer for all of it, weighted by its volume (and the
/// likelihood of the evidence). Boxes that are not homogeneous are cut at the
/// thresholds of the earliest term (in evaluation order) that has some inside:
/// the terms before it are constant on the box, so those thresholds are exact.
struct CellList: Sendable {
    /// The unit of each cell.
    private(set) var units: [Int] = []
    /// lower[d][c], upper[d][c]: cell c's interval of free term d.
    private(set) var lower: [[Double]]
    private(set) var upper: [[Double]]

    /// An empty list of cells over `dimensions` free terms.
    init(dimensions: Int) {
        lower = Array(repeating: [], count: dimensions)
        upper = Array(repeating: [], count: dimensions)
    }

    /// One cell per unit covering the whole unit cube.
    static func whole(units: Int, dimensions: Int) -> CellList {
        var cells = CellList(dimensions: dimensions)
        cells.units = Array(0..<units)
        cells.lower = Array(repeating: Array(repeating: 0, count: units), count: dimensions)
        cells.upper = Array(repeating: Array(repeating: 1, count: units), count: dimensions)
        return cells
    }

    var count: Int { units.count }
    var isEmpty: Bool { units.isEmpty }

    mutating func removeAll() {
        units.removeAll(keepingCapacity: true)
        for d in lower.indices {
            lower[d].removeAll(keepingCapacity: true)
            upper[d].removeAll(keepingCapacity: true)
        }
    }

    /// Appends a copy of `cells`' cell `c` whose interval of term `d` is [lo, hi).
    mutating func append(_ cells: CellList, _ c: Int, dimension d: Int, from lo: Double, to hi: Double) {
        units.append(cells.units[c])
        for e in lower.indices {
            lower[e].append(e == d ? lo : cells.lower[e][c])
            upper[e].append(e == d ? hi : cells.upper[e][c])
        }
    }

    /// Appends every cell of `other`.
    mutating func append(contentsOf other: CellList) {
        units += other.units
        for d in lower.indices {
            lower[d] += other.lower[d]
            upper[d] += other.upper[d]
        }
    }
}

/// A threshold of free term `dimension` found strictly inside row `row`'s cell.
private struct InsideThreshold {
    let row: Int
    let dimension: Int
    let value: Double
}

/// Thresholds closer than this to a cell's edge are treated as on the edge, so
/// that rounding in a threshold's computation does not cut slivers.
private let edgeTolerance = 1e-12

extension CounterfactualWorker {
    /// Decides each evaluated cell of the block: homogeneous cells are final
    /// (their weights stay); cells with thresholds inside are cut into finer
    /// cells (`slot.children`) and carry nothing themselves; cells that
    /// contradict the evidence on the whole box are dropped: an observed variable
    /// they contradict depends only on free terms before the first one with a
    /// threshold inside (`AbductionPlan.dependenceDepth`), so its value is
    /// constant on the box. Gives up (`EnumerationAbandoned`) when the block's cells
    /// would be cut into more than `maximumCells` pieces, or when a count family's
    /// parameters are too large for its thresholds to be trusted.
    func split(_ cells: CellList, _ range: Range<Int>, slot: BlockSlot) throws {
        let n = range.count
        var firstDimension = [Int](repeating: .max, count: n)
        var inside: [InsideThreshold] = []
        for (d, sources) in plan.thresholds.enumerated() {
            let lower = cells.lower[d], upper = cells.upper[d]
            for source in sources {
                let evaluator = source.world.map { worlds[$0] } ?? factual
                let columns = source.world.map { slot.worldColumns[$0].columns } ?? factualColumns
                var parameters: [UnsafePointer<Double>] = []
                for (p, parameterPlan) in source.parameters.enumerated() {
                    let buffer = scratch[3 + p]
                    try evaluator.evaluate(parameterPlan, into: buffer, rows: n, firstRow: 0, columns: columns,
                                           variable: source.variable)
                    parameters.append(UnsafePointer(buffer))
                }
                let variable = plan.setting.factual.model.variables[source.variable].name
                var row = [Double](repeating: 0, count: parameters.count)
                for r in 0..<n {
                    let before = inside.count
                    for k in parameters.indices { row[k] = parameters[k][r] }
                    try Self.appendThresholds(source.family, row, row: r, dimension: d, lower: lower[range.lowerBound + r],
                                              upper: upper[range.lowerBound + r], limit: maximumCells, variable: variable,
                                              to: &inside)
                    if inside.count > before { firstDimension[r] = min(firstDimension[r], d) }
                }
            }
        }
        guard !inside.isEmpty else { return }
        var cuts = inside.filter { $0.dimension == firstDimension[$0.row] }
        cuts.sort { ($0.row, $0.value) < ($1.row, $1.value) }
        let logWeights = slot.logWeights
        var next = 0
        for r in 0..<n where firstDimension[r] != .max {
            let impossible = failureDepth[r] < firstDimension[r]
            logWeights[r] = -.infinity
            let d = firstDimension[r]
            let c = range.lowerBound + r
            var edge = cells.lower[d][c]
            while next < cuts.count && cuts[next].row == r {
                let value = cuts[next].value
                next += 1
                if impossible || value <= edge { continue }
                slot.children.append(cells, c, dimension: d, from: edge, to: value)
                edge = value
            }
            if !impossible { slot.children.append(cells, c, dimension: d, from: edge, to: cells.upper[d][c]) }
        }
    }

    /// Appends the thresholds of a discrete term with parameters `p` (row `r`'s) that
    /// lie strictly inside (lower, upper): its cut points under the noise convention
    /// (`DistributionFamily.forEachCutPoint`), which count families visit from the
    /// first one above `lower`, so that the work is proportional to the thresholds
    /// inside. Gives up once more than `limit` thresholds are inside in all, or when
    /// a count family's parameters exceed `CounterfactualDefaults.maximumEnumeratedCount`.
    private static func appendThresholds(_ family: DistributionFamily, _ p: [Double], row r: Int,
                                         dimension: Int, lower: Double, upper: Double, limit: Int, variable: String,
                                         to inside: inout [InsideThreshold]) throws {
        func add(_ t: Double) throws -> Bool {
            guard t < upper - edgeTolerance else { return false }
            if t > lower + edgeTolerance {
                inside.append(InsideThreshold(row: r, dimension: dimension, value: t))
                guard inside.count <= limit else {
                    throw EnumerationAbandoned(reason: "one block's cells would be cut into more than \(limit) cells")
                }
            }
            return true
        }
        func checkCount(_ value: Double, _ what: String) throws {
            let largest = CounterfactualDefaults.maximumEnumeratedCount
            guard value <= largest else {
                throw EnumerationAbandoned(reason: "variable '\(variable)' has \(what) \(value.compactDescription), above "
                                           + "\(largest.compactDescription), too many values to enumerate")
            }
        }
        switch family {
        case .binomial: try checkCount(p[0], "a Binomial number of trials")
        case .poisson: try checkCount(p[0], "a Poisson mean")
        default: break
        }
        try family.forEachCutPoint(parameters: p, from: lower + edgeTolerance, add)
    }
}
