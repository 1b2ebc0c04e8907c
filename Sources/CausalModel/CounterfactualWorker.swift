import Foundation
import GSL
import Probability
import Reporting

/// Observed values by unit.
struct EvidenceColumns: Sendable {
    /// By variable index: each unit's observed value, or nil when the variable is not observed.
    let values: [[Double]?]
    /// The number of units.
    let units: Int
}

/// A block of rows for a worker: at most `BlockEvaluator.blockSize` of them.
enum CounterfactualBlock: Sendable {
    /// One row per unit, for units first..<first + count (exact inversion, Gaussian conditioning).
    case units(first: Int, count: Int)
    /// Draws `index · blockSize ..< index · blockSize + count` of one unit (likelihood weighting).
    case particles(unit: Int, index: Int, count: Int)
    /// Cells `range` of a cell list (enumeration).
    case cells(CellList, Range<Int>)

    var rows: Int {
        switch self {
        case .units(_, let count), .particles(_, _, let count): return count
        case .cells(_, let range): return range.count
        }
    }
}

/// A block's results: for each row its unit, its log weight (−∞ for rows that
/// carry nothing: impossible, or split into finer cells) and every world's values.
final class BlockSlot: @unchecked Sendable {
    var rows = 0
    let units: UnsafeMutablePointer<Int>
    let logWeights: UnsafeMutablePointer<Double>
    /// One storage per world, one column per variable.
    let worldColumns: [ColumnStorage]
    /// Enumeration: the finer cells this block's rows were split into.
    var children: CellList

    init(worlds: Int, variables: Int, dimensions: Int) {
        units = .allocate(capacity: BlockEvaluator.blockSize)
        logWeights = .allocate(capacity: BlockEvaluator.blockSize)
        worldColumns = (0..<worlds).map { _ in ColumnStorage(columns: variables, rows: BlockEvaluator.blockSize) }
        children = CellList(dimensions: dimensions)
    }

    deinit {
        units.deallocate()
        logWeights.deallocate()
    }
}

/// One thread's evaluators and buffers for counterfactual blocks. Each block goes
/// through Pearl's three steps: abduction on the factual model by the plan's
/// strategy (`CounterfactualStrategy.abduct`, with the shared steps here: terms
/// held at their median, the observed variables solved for their own noise),
/// intervention (the worlds are the intervened models, compiled once), and
/// prediction (`predict`: each world evaluated on the abducted noise). Every
/// evaluation goes through `BlockEvaluator.evaluate`, the one evaluator.
final class CounterfactualWorker: @unchecked Sendable {
    let plan: AbductionPlan
    let evidence: EvidenceColumns
    let seed: UInt64
    /// The most thresholds enumeration may cut one block's cells at (see `split`).
    let maximumCells: Int
    let factual: BlockEvaluator
    let worlds: [BlockEvaluator]
    /// Working columns of noise inversion.
    let inversionScratch = ScratchColumns()
    /// Other working columns: bounds of solved intervals, threshold parameters.
    let scratch = ScratchColumns()
    /// By row of the current block: the smallest dependence depth of an observed
    /// variable the row contradicts (`Int.max` when none).
    let failureDepth = UnsafeMutablePointer<Int>.allocate(capacity: BlockEvaluator.blockSize)
    /// Names a unit in error messages ("evidence row 3"; empty for a single unit).
    let describeUnit: @Sendable (Int) -> String
    /// Factual terms held at their median: neither solved for nor free.
    private let heldFactualTerms: [Int]
    /// Fresh world terms held at their median (not free).
    private let heldFreshTerms: [Int]
    /// By variable: the inversion that solves it for its own noise term (clamped variables only).
    private let pivotOfVariable: [NoiseInversion?]
    /// Factual terms a particle draws: all but the continuous pivots, whose ε is solved.
    private let drawnFactualTerms: [Int]
    /// By world: its fresh terms (positions in the world's ε), the only ones a particle
    /// draws there; the others are copied from the factual ε.
    private let drawnWorldTerms: [[Int]]

    init(plan: AbductionPlan, evidence: EvidenceColumns, seed: UInt64, maximumCells: Int,
         describeUnit: @escaping @Sendable (Int) -> String) {
        self.plan = plan
        self.evidence = evidence
        self.seed = seed
        self.maximumCells = maximumCells
        self.describeUnit = describeUnit
        factual = BlockEvaluator(plan.setting.factual)
        worlds = plan.setting.worlds.map { BlockEvaluator($0) }
        let active = Set(plan.dims).union(plan.pivots.map(\.term))
        heldFactualTerms = plan.setting.factual.noise.indices.filter { !active.contains($0) }
        heldFreshTerms = plan.setting.freshTerms.filter { !active.contains($0) }
        var pivotOfVariable = [NoiseInversion?](repeating: nil, count: plan.setting.factual.model.variables.count)
        for pivot in plan.pivots { pivotOfVariable[pivot.variable] = pivot }
        self.pivotOfVariable = pivotOfVariable
        let solved = Set(plan.pivots.filter { !$0.isDiscrete }.map(\.term))
        drawnFactualTerms = plan.setting.factual.noise.indices.filter { !solved.contains($0) }
        let factualCount = plan.setting.factual.noise.count
        drawnWorldTerms = plan.setting.worldTerms.map { terms in terms.indices.filter { terms[$0] >= factualCount } }
    }

    deinit { failureDepth.deallocate() }

    /// The factual model's columns during abduction: evidence in the clamped ones.
    var factualColumns: [UnsafeMutablePointer<Double>] { factual.workspace }

    /// Runs `block`, writing its results into `slot`, or, for one row per unit
    /// when `output` is given, every world's values straight into `output`
    /// (world w's variable v at column w · variables + v, row = unit).
    func run(_ block: CounterfactualBlock, into slot: BlockSlot, output: ColumnPointers? = nil) throws {
        let n = block.rows
        slot.rows = n
        slot.children.removeAll()
        let units = slot.units
        var firstRow = 0
        switch block {
        case .units(let first, _):
            for r in 0..<n { units[r] = first + r }
            firstRow = first
        case .particles(let unit, _, _):
            units.update(repeating: unit, count: n)
        case .cells(let cells, let range):
            for r in 0..<n { units[r] = cells.units[range.lowerBound + r] }
        }
        let logWeights = slot.logWeights
        logWeights.update(repeating: 0, count: n)
        failureDepth.update(repeating: .max, count: n)
        // Errors name the unit's evidence row, whatever the block.
        let name: (Int) -> String = { [describeUnit] r in describeUnit(units[r]) }
        factual.rowName = name
        for world in worlds { world.rowName = name }
        let columns = factualColumns
        for v in plan.clampedVariables { writeEvidence(of: v, into: columns[v], block: block, units: units) }
        try plan.strategy.abduct(block, rows: n, firstRow: firstRow, in: self, slot: slot)
        try predict(block, rows: n, firstRow: firstRow, into: slot, output: output)
        try plan.strategy.afterPrediction(block, in: self, slot: slot)
    }

    /// Prediction: each world evaluated on the abducted noise by the one block
    /// evaluator. A world reads the factual ε of every term it shares with the
    /// factual model (the unit keeps its noise) and holds the observed variables
    /// its interventions cannot change at their evidence. With `output`, a block
    /// of units writes straight into it.
    private func predict(_ block: CounterfactualBlock, rows n: Int, firstRow: Int, into slot: BlockSlot,
                         output: ColumnPointers?) throws {
        let units = slot.units
        for (w, world) in worlds.enumerated() {
            for (j, t) in plan.setting.worldTerms[w].enumerated() where t < factual.epsilon.count {
                world.epsilon[j].update(from: factual.epsilon[t], count: n)
            }
            var columns = slot.worldColumns[w].columns
            if let output, case .units(let first, _) = block {
                let count = columns.count
                columns = (0..<count).map { output.columns[w * count + $0] + first }
            }
            for v in plan.worldClampedVariables[w] { writeEvidence(of: v, into: columns[v], block: block, units: units) }
            try world.evaluate(rows: n, firstRow: firstRow, columns: columns, clamped: plan.worldClamped[w])
        }
    }

    /// Writes the observed values of variable `v` for the block's rows into `column`.
    private func writeEvidence(of v: Int, into column: UnsafeMutablePointer<Double>, block: CounterfactualBlock,
                               units: UnsafeMutablePointer<Int>) {
        let observed = evidence.values[v]!
        if case .units(let first, let count) = block {
            observed.withUnsafeBufferPointer { column.update(from: $0.baseAddress! + first, count: count) }
        } else {
            for r in 0..<block.rows { column[r] = observed[units[r]] }
        }
    }

    // MARK: Abduction

    /// Holds the terms that cannot affect the answer (neither solved for nor free)
    /// at the median of their base distribution, in the factual model and the worlds.
    func holdInactiveTerms(rows n: Int) {
        let setting = plan.setting
        for t in heldFactualTerms { factual.epsilon[t].update(repeating: setting.medians[t], count: n) }
        for t in heldFreshTerms { write(setting.medians[t], toFreshTerm: t, rows: n) }
    }

    /// Draws every term that is not solved exactly from its prior, for draws
    /// `block · blockSize …` of `unit`, from the unit's own streams.
    func drawNoise(unit: Int, block: Int, rows n: Int) {
        let unitSeed = Self.unitSeed(seed, unit)
        factual.drawNoise(seed: unitSeed, block: block, rows: n, terms: drawnFactualTerms)
        for (w, world) in worlds.enumerated() where !drawnWorldTerms[w].isEmpty {
            world.drawNoise(seed: unitSeed, block: block, rows: n, terms: drawnWorldTerms[w])
        }
    }

    /// Where a solved discrete term's ε goes inside the interval that gives its observed value.
    enum DiscretePlacement {
        /// At the drawn uniform's relative position (a draw from its posterior).
        case drawn
        /// At the middle (when nothing but the interval's length matters).
        case middle
    }

    /// The shared abduction step of the strategies that solve: the factual model is
    /// evaluated with the observed variables held at their evidence, each solved for
    /// its own noise term as soon as its parents are known (so an impossible value
    /// is reported on its own variable before its children read it); then the
    /// checked variables are compared with their evidence.
    func solveObserved(rows n: Int, firstRow: Int, units: UnsafeMutablePointer<Int>, logWeights: UnsafeMutablePointer<Double>,
                       discreteTerms placement: DiscretePlacement) throws {
        try factual.evaluate(rows: n, firstRow: firstRow, columns: factualColumns, clamped: plan.clamped) { v in
            try self.solve(self.pivotOfVariable[v]!, rows: n, firstRow: firstRow, units: units, logWeights: logWeights,
                           placement: placement)
        }
        try checkObserved(rows: n, units: units, logWeights: logWeights)
    }

    private func write(_ value: Double, toFreshTerm t: Int, rows n: Int) {
        for (w, world) in worlds.enumerated() {
            if let j = plan.setting.worldIndex[w][t] { world.epsilon[j].update(repeating: value, count: n) }
        }
    }

    /// Copies `values` into fresh term `t` of every world that reads it.
    func copy(_ values: UnsafeMutablePointer<Double>, toFreshTerm t: Int, rows n: Int) {
        for (w, world) in worlds.enumerated() {
            if let j = plan.setting.worldIndex[w][t] { world.epsilon[j].update(from: values, count: n) }
        }
    }

    /// Solves a clamped variable for its own noise term. A discrete term's ε is
    /// placed in its interval as `placement` says. Evidence impossible in a row is an
    /// error when each unit has one row, a zero weight otherwise; a value that
    /// no parents could give (outside its family's support) is an error either
    /// way, and so is a solution beyond double precision (an overflow, not an
    /// impossibility).
    private func solve(_ pivot: NoiseInversion, rows n: Int, firstRow: Int, units: UnsafeMutablePointer<Int>,
                       logWeights: UnsafeMutablePointer<Double>, placement: DiscretePlacement) throws {
        let weighted = plan.isWeighted
        let drawn = placement == .drawn
        let epsilon = factual.epsilon[pivot.term]
        // A continuous term is solved straight into its ε buffer; a discrete one into its interval's bounds.
        let lower = pivot.isDiscrete ? scratch[1] : epsilon, upper = scratch[2]
        let observed = factualColumns[pivot.variable]
        try pivot.solve(observed: observed, rows: n, firstRow: firstRow, evaluator: factual, columns: factualColumns,
                        scratch: inversionScratch,
                        into: InversionOutput(epsilon: lower, upper: upper, logLikelihood: weighted ? logWeights : nil))
        for r in 0..<n where lower[r].isInfinite { throw overflow(pivot, unit: units[r]) }
        if pivot.isDiscrete {
            for r in 0..<n { epsilon[r] = lower[r] + (upper[r] - lower[r]) * (drawn ? epsilon[r] : 0.5) }
        }
        let median = plan.setting.medians[pivot.term]
        let depth = plan.dependenceDepth.isEmpty ? -1 : plan.dependenceDepth[pivot.variable]
        for r in 0..<n where !epsilon[r].isFinite {
            guard weighted, !pivot.excludes(observed[r]) else { throw impossible(pivot, unit: units[r]) }
            epsilon[r] = median
            logWeights[r] = -.infinity
            failureDepth[r] = min(failureDepth[r], depth)
        }
    }

    private func impossible(_ pivot: NoiseInversion, unit: Int) -> ModelError {
        let value = evidence.values[pivot.variable]![unit]
        let reason = pivot.excludes(value) ? pivot.supportDescription
            : "given its parents (no value of its noise \(plan.setting.termNames[pivot.term]) reproduces it)"
        return ModelError("\(place(unit))the observed value \(value.compactDescription) has probability zero under the model \(reason)",
                          variable: plan.setting.factual.model.variables[pivot.variable].name)
    }

    private func overflow(_ pivot: NoiseInversion, unit: Int) -> ModelError {
        let value = evidence.values[pivot.variable]![unit]
        return ModelError("\(place(unit))solving the observed value \(value.compactDescription) for its noise "
                          + "\(plan.setting.termNames[pivot.term]) overflows double precision (the evidence or the values "
                          + "computed from it are too large for the equation)",
                          variable: plan.setting.factual.model.variables[pivot.variable].name)
    }

    /// Zero weight where a checked variable's computed value differs from the
    /// evidence (by more than 1e-9 relative); an error when each unit has one row
    /// (the checked variables are then noise-free functions of their parents).
    private func checkObserved(rows n: Int, units: UnsafeMutablePointer<Int>, logWeights: UnsafeMutablePointer<Double>) throws {
        for v in plan.checked {
            let observed = evidence.values[v]!
            let computed = factualColumns[v]
            let depth = plan.dependenceDepth.isEmpty ? -1 : plan.dependenceDepth[v]
            for r in 0..<n {
                let x = observed[units[r]]
                guard !approximatelyEqual(computed[r], x) else { continue }
                guard plan.isWeighted else {
                    throw ModelError("\(place(units[r]))the observed value \(x.compactDescription) differs from \(computed[r].compactDescription), "
                                     + "the value its noise-free equation gives from the other evidence (probability zero under the model)",
                                     variable: plan.setting.factual.model.variables[v].name)
                }
                logWeights[r] = -.infinity
                failureDepth[r] = min(failureDepth[r], depth)
            }
        }
    }

    /// The unit's description as a message prefix ("evidence row 3: "), or nothing.
    private func place(_ unit: Int) -> String {
        let text = describeUnit(unit)
        return text.isEmpty ? "" : text + ": "
    }

    /// The seed of a unit's draws: distinct units get independent streams.
    static func unitSeed(_ seed: UInt64, _ unit: Int) -> UInt64 {
        // One SplitMix64 step from x (Steele, Lea & Flood 2014).
        func mix(_ x: UInt64) -> UInt64 {
            var state = x
            return SplitMix64.next(&state)
        }
        return unit == 0 ? seed : mix(seed ^ mix(UInt64(unit)))
    }
}
