import Foundation
import Probability
import Reporting

/// Abduction by exact enumeration, when every free noise term is a uniform ε
/// thresholded into discrete values (Bernoulli, BernoulliLogit, Binomial,
/// Categorical, Poisson): the unit cube of the free ε is cut into cells on which
/// every world is constant, each row a cell weighted by its probability (its
/// volume) times the likelihood of the evidence on it. An exact answer.
///
/// A discrete term's value is a step function of its uniform ε: it changes only
/// at the cut points of the noise convention (`DistributionFamily.forEachCutPoint`),
/// thresholds that depend on its parameters. A box is *homogeneous* when no
/// threshold of any world lies inside it; then every variable of every world is
/// constant on the box, so evaluating its midpoint gives the answer for all of
/// it, weighted by its volume (and the likelihood of the evidence). Boxes that
/// are not homogeneous are cut at the thresholds of the earliest term (in
/// evaluation order) that has some inside: the terms before it are constant on
/// the box, so those thresholds are exact. Observed variables solved for their
/// own noise are weighted as under likelihood weighting, with a discrete term's
/// ε at the middle of its interval.
struct ExactEnumeration: CounterfactualStrategy {
    /// For each free term (`AbductionPlan.dims`), where its thresholds come from.
    let thresholds: [[ThresholdSource]]

    var method: AbductionMethod { .enumeration }
    var isWeighted: Bool { true }

    /// The enumeration of the free terms `dims` of `setting`.
    init(dims: [Int], setting: CounterfactualSetting) {
        thresholds = dims.map { ThresholdSource.sources(of: $0, in: setting) }
    }

    /// Starts from one cell per unit covering the whole cube and evaluates level
    /// after level of finer cells until every cell is final. Gives way
    /// (`EnumerationAbandoned`) once more than `options.maximumCells` cells would be visited.
    func schedule<Sink: CounterfactualSink>(_ evidence: EvidenceColumns, options: CounterfactualOptions,
                                            waves: inout BlockWaves<Sink>) throws {
        func tooManyCells(_ cells: Int) -> EnumerationAbandoned {
            EnumerationAbandoned(reason: "it would visit at least \(cells) cells, more than the \(options.maximumCells) allowed")
        }
        let size = BlockEvaluator.blockSize
        var pending = CellList.whole(units: evidence.units, dimensions: thresholds.count)
        var processed = 0
        while !pending.isEmpty {
            processed += pending.count
            guard processed <= options.maximumCells else { throw tooManyCells(processed) }
            var next = CellList(dimensions: thresholds.count)
            let cells = pending
            try waves.run(count: (cells.count + size - 1) / size, collect: { slot in
                next.append(contentsOf: slot.children)
                // Stop as soon as the next level alone is over the limit (whatever the wave size).
                guard processed + next.count <= options.maximumCells else { throw tooManyCells(processed + next.count) }
            }) { b in
                .cells(cells, (b * size)..<min(cells.count, (b + 1) * size))
            }
            pending = next
        }
    }

    /// Each free term at the middle of the cell's interval, the row weighted by the
    /// cell's volume; then the observed variables solved for their own noise.
    func abduct(_ block: CounterfactualBlock, rows n: Int, firstRow: Int, in worker: CounterfactualWorker,
                slot: BlockSlot) throws {
        guard case .cells(let cells, let range) = block else { return }
        worker.holdInactiveTerms(rows: n)
        let factual = worker.factual, logWeights = slot.logWeights
        for (d, t) in worker.plan.dims.enumerated() {
            let lower = cells.lower[d], upper = cells.upper[d]
            let target = t < factual.epsilon.count ? factual.epsilon[t] : worker.scratch[0]
            for r in 0..<n {
                let lo = lower[range.lowerBound + r], hi = upper[range.lowerBound + r]
                target[r] = 0.5 * (lo + hi)
                logWeights[r] += log(hi - lo)
            }
            if t >= factual.epsilon.count { worker.copy(worker.scratch[0], toFreshTerm: t, rows: n) }
        }
        try worker.solveObserved(rows: n, firstRow: firstRow, units: slot.units, logWeights: logWeights, discreteTerms: .middle)
    }

    /// Cuts the block's cells on which some world is not constant (`split`).
    func afterPrediction(_ block: CounterfactualBlock, in worker: CounterfactualWorker, slot: BlockSlot) throws {
        guard case .cells(let cells, let range) = block else { return }
        try split(cells, range, in: worker, slot: slot)
    }

    /// Decides each evaluated cell of the block: homogeneous cells are final
    /// (their weights stay); cells with thresholds inside are cut into finer
    /// cells (`slot.children`) and carry nothing themselves; cells that
    /// contradict the evidence on the whole box are dropped: an observed variable
    /// they contradict depends only on free terms before the first one with a
    /// threshold inside (`AbductionPlan.dependenceDepth`), so its value is
    /// constant on the box. Gives up (`EnumerationAbandoned`) when the block's cells
    /// would be cut into more than `maximumCells` pieces, or when a count family's
    /// parameters are too large for its thresholds to be trusted.
    private func split(_ cells: CellList, _ range: Range<Int>, in worker: CounterfactualWorker, slot: BlockSlot) throws {
        let n = range.count
        var firstDimension = [Int](repeating: .max, count: n)
        var inside: [InsideThreshold] = []
        for (d, sources) in thresholds.enumerated() {
            let lower = cells.lower[d], upper = cells.upper[d]
            for source in sources {
                let evaluator = source.world.map { worker.worlds[$0] } ?? worker.factual
                let columns = source.world.map { slot.worldColumns[$0].columns } ?? worker.factualColumns
                var parameters: [UnsafePointer<Double>] = []
                for (p, parameterPlan) in source.parameters.enumerated() {
                    let buffer = worker.scratch[3 + p]
                    try evaluator.evaluate(parameterPlan, into: buffer, rows: n, firstRow: 0, columns: columns,
                                           variable: source.variable)
                    parameters.append(UnsafePointer(buffer))
                }
                let variable = worker.plan.setting.factual.model.variables[source.variable].name
                var row = [Double](repeating: 0, count: parameters.count)
                for r in 0..<n {
                    let before = inside.count
                    for k in parameters.indices { row[k] = parameters[k][r] }
                    try Self.appendThresholds(source.family, row, row: r, dimension: d, lower: lower[range.lowerBound + r],
                                              upper: upper[range.lowerBound + r], limit: worker.maximumCells, variable: variable,
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
            let impossible = worker.failureDepth[r] < firstDimension[r]
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

/// A threshold of free term `dimension` found strictly inside row `row`'s cell.
private struct InsideThreshold {
    let row: Int
    let dimension: Int
    let value: Double
}

/// Thresholds closer than this to a cell's edge are treated as on the edge, so
/// that rounding in a threshold's computation does not cut slivers.
private let edgeTolerance = 1e-12

/// Where a free discrete term's thresholds come from in one evaluation: the
/// factual model (`world` nil) or a world, with the term's family and parameters.
struct ThresholdSource: Sendable {
    /// nil for the factual model, else the world's index.
    let world: Int?
    let family: DistributionFamily
    let parameters: [ColumnPlan]
    /// A variable reading the term (named in errors).
    let variable: Int

    /// The sources of joint term `t`: every evaluation that reads it through its transform.
    static func sources(of t: Int, in setting: CounterfactualSetting) -> [ThresholdSource] {
        var sources: [ThresholdSource] = []
        if t < setting.factual.noise.count, let found = find(t, in: setting.factual) {
            sources.append(ThresholdSource(world: nil, family: found.family, parameters: found.parameters, variable: found.variable))
        }
        for (w, world) in setting.worlds.enumerated() {
            if let k = setting.worldIndex[w][t], let found = find(k, in: world) {
                sources.append(ThresholdSource(world: w, family: found.family, parameters: found.parameters, variable: found.variable))
            }
        }
        return sources
    }

    private static func find(_ k: Int, in compiled: CompiledModel)
        -> (variable: Int, family: DistributionFamily, parameters: [ColumnPlan])? {
        func search(_ plan: ColumnPlan) -> (DistributionFamily, [ColumnPlan])? {
            switch plan {
            case .noise(let j, let family, let parameters):
                if j == k { return (family, parameters) }
                return parameters.lazy.compactMap(search).first
            case .constant, .variable, .epsilon: return nil
            case .affine(_, let terms): return terms.lazy.compactMap { search($0.plan) }.first
            case .function(_, let x): return search(x)
            case .binary(_, let a, let b): return search(a) ?? search(b)
            case .ifElse(let c, let t, let e): return search(c) ?? search(t) ?? search(e)
            case .custom(_, let arguments): return arguments.lazy.compactMap(search).first
            }
        }
        for (v, plan) in compiled.steps {
            if let (family, parameters) = search(plan) { return (v, family, parameters) }
        }
        return nil
    }
}
