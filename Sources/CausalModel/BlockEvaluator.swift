import Foundation
import MachineResources
import Probability

/// The one evaluator of structural equations: given a block of rows' noise
/// variates ε, it computes every variable's column in evaluation order.
/// Observational, interventional, potential-outcome and counterfactual sampling
/// all run through `evaluate` (they differ in the model and in where ε comes from).
///
/// One evaluator per worker thread; it owns its ε buffers and scratch columns,
/// so evaluating a block allocates nothing.
final class BlockEvaluator {
    /// Rows per block: the unit of work and of random-stream addressing.
    static let blockSize = 4096

    let compiled: CompiledModel
    /// The most rows one call evaluates: `blockSize`, or fewer for a run of fewer rows.
    let capacity: Int
    /// ε buffers, one per compiled noise term, `capacity` long.
    let epsilon: [UnsafeMutablePointer<Double>]
    /// One block of every variable, for runs whose output is not the model's own
    /// columns (allocated on first use).
    var workspace: [UnsafeMutablePointer<Double>] {
        if let existing = workspaceStorage { return existing }
        let fresh = compiled.model.variables.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: capacity) }
        workspaceStorage = fresh
        return fresh
    }
    private var workspaceStorage: [UnsafeMutablePointer<Double>]?
    private var scratch: [UnsafeMutablePointer<Double>] = []
    private var scratchDepth = 0
    private let stream = RandomStream(seed: 0)

    /// An evaluator of `compiled` for calls of at most `capacity` rows (at most `blockSize`):
    /// a run of few rows of a large model need not hold full blocks.
    init(_ compiled: CompiledModel, capacity: Int = BlockEvaluator.blockSize) {
        let rows = min(BlockEvaluator.blockSize, max(1, capacity))
        self.compiled = compiled
        self.capacity = rows
        epsilon = compiled.noise.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: rows) }
    }

    /// The bytes an evaluator of `compiled` holds for calls of `capacity` rows: a column per
    /// noise term, per variable when `workspace` (its own columns) is used, and a few scratch
    /// columns (`scratchEstimate`; expressions rarely nest deeper).
    static func bytes(of compiled: CompiledModel, capacity: Int, workspace: Bool) -> Int {
        let columns = compiled.noise.count + (workspace ? compiled.model.variables.count : 0) + scratchEstimate
        return MemoryBudget.product(columns, capacity * MemoryLayout<Double>.stride)
    }

    /// Scratch columns counted by `bytes(of:capacity:workspace:)`.
    static let scratchEstimate = 8

    deinit {
        for p in epsilon { p.deallocate() }
        for p in workspaceStorage ?? [] { p.deallocate() }
        for p in scratch { p.deallocate() }
    }

    /// Draws ε for block `block` (its first `rows` rows) from the streams of `seed`:
    /// term k's variates come from the stream at (seed, hash(name of k), block).
    func drawNoise(seed: UInt64, block: Int, rows: Int) {
        drawNoise(seed: seed, block: block, rows: rows, terms: compiled.noise.indices)
    }

    /// `drawNoise` for the terms at `terms` (indices into `epsilon`) only: each term's
    /// stream is positioned on its own, so the draws equal those of a full call.
    func drawNoise(seed: UInt64, block: Int, rows: Int, terms: some Sequence<Int>) {
        let root = StreamKey(seed: seed)
        for k in terms {
            let term = compiled.noise[k]
            stream.reposition(at: root.appending(term.streamWord).appending(UInt64(block)))
            let buffer = UnsafeMutableBufferPointer(start: epsilon[k], count: rows)
            switch term.base {
            case .standardNormal: stream.fillNormal(buffer)
            case .uniform: stream.fillUniformOpen(buffer)
            case .other(let d): for i in 0..<rows { buffer[i] = d.sample(using: stream) }
            }
        }
    }

    /// Evaluates every equation for `rows` rows into `columns` (one pointer per
    /// model variable, each with room for `rows` values), reading ε from
    /// `epsilon`. `firstRow` (0-based) numbers rows in error messages.
    /// Variables marked in `clamped` (by variable index) keep the values already
    /// in their columns: counterfactual abduction holds observed variables at
    /// their evidence this way while computing the others, and `reaching` is
    /// called with each of them when the evaluation gets to it (its parents
    /// computed, its children not yet), to solve it for its noise.
    func evaluate(rows: Int, firstRow: Int, columns: [UnsafeMutablePointer<Double>], clamped: [Bool]? = nil,
                  reaching: ((Int) throws -> Void)? = nil) throws {
        for (v, plan) in compiled.steps {
            if clamped?[v] == true {
                try reaching?(v)
                continue
            }
            violations.removeAll(keepingCapacity: true)
            try evaluate(plan, into: columns[v], rows: rows, columns: columns)
            let out = columns[v]
            for i in 0..<rows where !out[i].isFinite {
                throw failure(at: i, value: out[i], firstRow: firstRow, variable: v)
            }
        }
    }

    /// Evaluates one compiled expression of this model (for example a noise
    /// term's parameters, or the part of an equation beside its noise) for
    /// `rows` rows into `out`, reading variables from `columns` and ε from
    /// `epsilon`. A row whose noise parameters are invalid is an error naming
    /// `variable` and the row.
    func evaluate(_ plan: ColumnPlan, into out: UnsafeMutablePointer<Double>, rows: Int, firstRow: Int,
                  columns: [UnsafeMutablePointer<Double>], variable: Int) throws {
        violations.removeAll(keepingCapacity: true)
        try evaluate(plan, into: out, rows: rows, columns: columns)
        if let first = violations.first(where: { !out[$0.row].isFinite }) {
            throw failure(at: first.row, value: out[first.row], firstRow: firstRow, variable: variable)
        }
    }

    /// Rows whose noise parameters broke their distribution's rules while the
    /// current expression was evaluated, with the rule broken (the first few).
    /// Such a row's term is NaN, which is an error only if the NaN reaches the
    /// variable's value (it does not when an `ifelse` takes the other branch).
    private var violations: [(row: Int, message: String)] = []

    /// Names row i of the current block in error messages when the rows are not
    /// the numbered rows of a sample (counterfactual blocks name the unit's
    /// evidence row, or nothing for a single unit).
    var rowName: ((Int) -> String)?

    /// The prefix naming row `i` in an error: "row 7: " from `firstRow`, or
    /// `rowName`'s name ("" when it gives none).
    func place(ofRow i: Int, firstRow: Int) -> String {
        guard let rowName else { return "row \(firstRow + i + 1): " }
        let name = rowName(i)
        return name.isEmpty ? "" : name + ": "
    }

    /// The error for a non-finite value in row `i` of variable `v`: the broken
    /// parameter rule when one explains it, else a hint at the usual causes.
    private func failure(at i: Int, value: Double, firstRow: Int, variable v: Int) -> ModelError {
        let hint = value.isNaN ? "look for a division by zero, or log or sqrt of a negative number"
            : "an overflow beyond double precision, or a division by zero"
        let reason = violations.first { $0.row == i }?.message ?? "the equation gives \(value) (\(hint))"
        return ModelError(place(ofRow: i, firstRow: firstRow) + reason, variable: compiled.model.variables[v].name)
    }

    // MARK: Scratch columns

    private func pushScratch() -> UnsafeMutablePointer<Double> {
        if scratchDepth == scratch.count {
            scratch.append(.allocate(capacity: capacity))
        }
        scratchDepth += 1
        return scratch[scratchDepth - 1]
    }

    private func popScratch(_ count: Int = 1) { scratchDepth -= count }

    /// The column holding `plan`'s values: a variable's or ε's own buffer when
    /// the plan is a leaf, otherwise a scratch column (popped by the caller).
    private func operand(_ plan: ColumnPlan, rows: Int, columns: [UnsafeMutablePointer<Double>],
                         pushed: inout Int) throws -> UnsafePointer<Double> {
        switch plan {
        case .variable(let v): return UnsafePointer(columns[v])
        case .epsilon(let k): return UnsafePointer(epsilon[k])
        default:
            let s = pushScratch()
            pushed += 1
            try evaluate(plan, into: s, rows: rows, columns: columns)
            return UnsafePointer(s)
        }
    }

    // MARK: Plans

    private func evaluate(_ plan: ColumnPlan, into out: UnsafeMutablePointer<Double>, rows n: Int,
                          columns: [UnsafeMutablePointer<Double>]) throws {
        switch plan {
        case .constant(let c):
            out.update(repeating: c, count: n)
        case .variable(let v):
            out.update(from: columns[v], count: n)
        case .epsilon(let k):
            out.update(from: epsilon[k], count: n)
        case .affine(let c, let terms):
            var pushed = 0
            defer { popScratch(pushed) }
            guard let first = terms.first else { out.update(repeating: c, count: n); return }
            let x = try operand(first.plan, rows: n, columns: columns, pushed: &pushed)
            let w = first.weight
            for i in 0..<n { out[i] = c + w * x[i] }
            for term in terms.dropFirst() {
                let y = try operand(term.plan, rows: n, columns: columns, pushed: &pushed)
                let u = term.weight
                for i in 0..<n { out[i] += u * y[i] }
            }
        case .function(let f, let x):
            try evaluate(x, into: out, rows: n, columns: columns)
            Self.apply(f, out, n)
        case .binary(let op, let a, let b):
            try evaluate(a, into: out, rows: n, columns: columns)
            var pushed = 0
            defer { popScratch(pushed) }
            let y = try operand(b, rows: n, columns: columns, pushed: &pushed)
            Self.apply(op, out, y, n)
        case .ifElse(let c, let t, let e):
            try evaluate(c, into: out, rows: n, columns: columns)
            var pushed = 0
            defer { popScratch(pushed) }
            let yes = try operand(t, rows: n, columns: columns, pushed: &pushed)
            let no = try operand(e, rows: n, columns: columns, pushed: &pushed)
            for i in 0..<n { out[i] = out[i] != 0 ? yes[i] : no[i] }
        case .noise(let k, let family, let parameters):
            var pushed = 0
            defer { popScratch(pushed) }
            var p: [UnsafePointer<Double>] = []
            p.reserveCapacity(parameters.count)
            for parameter in parameters { p.append(try operand(parameter, rows: n, columns: columns, pushed: &pushed)) }
            let constant = parameters.allSatisfy { if case .constant = $0 { return true } else { return false } }
            transform(family, epsilon: epsilon[k], parameters: p, constant: constant, into: out, rows: n)
        case .custom(let f, let arguments):
            var pushed = 0
            defer { popScratch(pushed) }
            var inputs: [UnsafeBufferPointer<Double>] = []
            for argument in arguments {
                inputs.append(UnsafeBufferPointer(start: try operand(argument, rows: n, columns: columns, pushed: &pushed), count: n))
            }
            f.body(inputs, UnsafeMutableBufferPointer(start: out, count: n))
        }
    }

    private static func apply(_ f: MathFunction, _ x: UnsafeMutablePointer<Double>, _ n: Int) {
        switch f {
        case .exp: for i in 0..<n { x[i] = Foundation.exp(x[i]) }
        case .log: for i in 0..<n { x[i] = Foundation.log(x[i]) }
        case .tanh: for i in 0..<n { x[i] = Foundation.tanh(x[i]) }
        case .abs: for i in 0..<n { x[i] = Swift.abs(x[i]) }
        case .sqrt: for i in 0..<n { x[i] = x[i].squareRoot() }
        default: for i in 0..<n { x[i] = f.apply(x[i]) }
        }
    }

    private static func apply(_ op: BinaryOperator, _ x: UnsafeMutablePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) {
        switch op {
        case .add: for i in 0..<n { x[i] += y[i] }
        case .subtract: for i in 0..<n { x[i] -= y[i] }
        case .multiply: for i in 0..<n { x[i] *= y[i] }
        case .divide: for i in 0..<n { x[i] /= y[i] }
        default: for i in 0..<n { x[i] = op.apply(x[i], y[i]) }
        }
    }

    /// A noise term's values from ε and per-row parameters: the noise convention's
    /// `DistributionFamily.value(epsilon:parameters:distribution:)`, with vectorised
    /// kernels for Normal, Bernoulli, BernoulliLogit and Categorical that call the convention's
    /// own scalar statements (`normalValue`, `bernoulliValue` and the validity
    /// checks) row by row. A row with invalid parameters gets NaN and is recorded
    /// in `violations`. With `constant` parameters the distribution is built once.
    private func transform(_ family: DistributionFamily, epsilon e: UnsafePointer<Double>,
                           parameters p: [UnsafePointer<Double>], constant: Bool,
                           into out: UnsafeMutablePointer<Double>, rows n: Int) {
        var row = [Double](repeating: 0, count: p.count)
        func invalid(_ i: Int) {
            for j in p.indices { row[j] = p[j][i] }
            if violations.count < 16, let violation = family.violation(row) { violations.append((i, "\(violation)")) }
            out[i] = .nan
        }
        switch family {
        case .normal:
            for i in 0..<n {
                let mean = p[0][i], sd = p[1][i]
                guard DistributionFamily.isValidLocationScale(mean, sd) else { invalid(i); continue }
                out[i] = DistributionFamily.normalValue(e[i], mean: mean, sd: sd)
            }
        case .bernoulli:
            for i in 0..<n {
                let q = p[0][i]
                guard DistributionFamily.isProbability(q) else { invalid(i); continue }
                out[i] = DistributionFamily.bernoulliValue(e[i], probability: q)
            }
        case .bernoulliLogit:
            for i in 0..<n {
                let eta = p[0][i]
                guard DistributionFamily.isValidLogit(eta) else { invalid(i); continue }
                out[i] = DistributionFamily.bernoulliValue(e[i], probability: Logistic.value(eta))
            }
        case .categorical where !constant:
            for i in 0..<n {
                guard let k = DistributionFamily.categoricalValue(e[i], count: p.count, weight: { p[$0][i] }) else { invalid(i); continue }
                out[i] = k
            }
        default:
            if constant, n > 0 {
                for j in p.indices { row[j] = p[j][0] }
                guard let d = try? family.distribution(row) else {
                    for i in 0..<n { invalid(i) }
                    return
                }
                for i in 0..<n { out[i] = family.value(epsilon: e[i], parameters: row, distribution: d) }
                return
            }
            for i in 0..<n {
                for j in p.indices { row[j] = p[j][i] }
                guard let d = try? family.distribution(row) else { invalid(i); continue }
                out[i] = family.value(epsilon: e[i], parameters: row, distribution: d)
            }
        }
    }
}
