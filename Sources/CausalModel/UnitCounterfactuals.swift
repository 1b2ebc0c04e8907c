import Reporting
import Tabular

/// Unit-level counterfactuals: one row per row of evidence.
public struct CounterfactualTable: Sendable {
    /// Every variable (declaration order) under the intervention, one row per
    /// evidence row: the unit's counterfactual value, or its posterior mean when
    /// the evidence leaves the unit's noise uncertain (for a 0/1 variable, the
    /// probability that it is 1).
    public let table: Table
    /// How many rows each method answered.
    public let rowsByMethod: [AbductionMethod: Int]
    /// "5 counterfactual rows written to out.csv (5 by exact inversion)": how many rows,
    /// where they went (when given), and how many each method answered.
    public func summary(writtenTo destination: String? = nil) -> String {
        let methods = rowsByMethod.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) by \($0.key)" }
        return "\(table.rowCount) counterfactual rows" + (destination.map { " written to \($0)" } ?? "")
            + " (\(methods.joined(separator: ", ")))"
    }

    /// The smallest effective sample size among rows answered by likelihood weighting.
    public let smallestEffectiveSampleSize: Double?
    /// Warnings about the answers' reliability.
    public let warnings: [String]
}

extension StructuralCausalModel {
    /// The counterfactual of every row of `evidence` under `interventions` (Pearl's
    /// abduction, action and prediction, unit by unit).
    ///
    /// The table needs a numeric column for every variable that is not latent, and
    /// no other columns; an empty or NA cell marks a value as unobserved in that
    /// row. Rows with the same observed cells share one abduction plan; fully
    /// observed rows of invertible equations are solved exactly, column-wise.
    /// Errors name the file, the column or the row.
    public func counterfactuals(for evidence: Table, doing interventions: [Intervention],
                                options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualTable {
        let values = try evidenceValues(evidence)
        let setting = try CounterfactualSetting(model: self, worlds: [interventions])
        let rows = evidence.rowCount
        let groups = try observationPatterns(values, rows: rows, source: evidence.source)
        var output: [[Double]] = []
        var rowsByMethod: [AbductionMethod: Int] = [:]
        var warnings: [String] = []
        var smallestESS: Double?
        for group in groups {
            let columns = EvidenceColumns(values: values.enumerated().map { v, column in
                guard group.observed[v], let column else { return nil }
                return group.rows.count == rows ? column : group.rows.map { column[$0] }
            }, units: group.rows.count)
            let describe: @Sendable (Int) -> String = { [rowsOfGroup = group.rows, source = evidence.source] u in
                "\(source), row \(rowsOfGroup[u] + 1)"
            }
            let result = try unitMeans(setting, isObserved: group.observed, evidence: columns, options: options, describe: describe)
            rowsByMethod[result.method, default: 0] += group.rows.count
            warnings += result.warnings
            if let ess = result.effectiveSampleSizes.min() { smallestESS = min(smallestESS ?? ess, ess) }
            if groups.count == 1 {
                output = result.means[0]
            } else {
                if output.isEmpty { output = Array(repeating: [Double](repeating: 0, count: rows), count: variables.count) }
                for v in variables.indices {
                    for (u, row) in group.rows.enumerated() { output[v][row] = result.means[0][v][u] }
                }
            }
        }
        if output.isEmpty { output = Array(repeating: [], count: variables.count) }
        if let smallestESS, let warning = lowEffectiveSampleSizeWarning(smallestESS, draws: max(1, options.samples)) {
            warnings.append("in some rows, " + warning)
        }
        let table = try Table(names: variableNames, columns: output.map(Column.numeric), source: "counterfactuals")
        return CounterfactualTable(table: table, rowsByMethod: rowsByMethod, smallestEffectiveSampleSize: smallestESS,
                                   warnings: Array(Set(warnings)).sorted())
    }

    /// The evidence table's numbers by variable index (nil for a latent variable
    /// without a column), after checking its columns.
    private func evidenceValues(_ evidence: Table) throws -> [[Double]?] {
        var values = [[Double]?](repeating: nil, count: variables.count)
        for (j, name) in evidence.names.enumerated() {
            guard let i = index(of: name) else {
                let hint = Suggestion.hint(for: name, among: variableNames)
                throw ModelError("\(evidence.source): column '\(name)' is not a variable of the model\(hint)")
            }
            if case .text(let cells) = evidence.columns[j], cells.allSatisfy(CSVReader.isMissing) {
                values[i] = Array(repeating: .nan, count: cells.count)  // a column with no value at all
            } else {
                values[i] = try evidence.numbers(name)  // a text column: an error naming its first cell that is not a number
            }
        }
        let missing = variables.indices.filter { values[$0] == nil && !variables[$0].isLatent }.map { variables[$0].name }
        if !missing.isEmpty {
            throw ModelError("\(evidence.source): the evidence has no column for \(missing.joined(separator: ", ")) "
                             + "(every variable that is not latent needs a column; leave a cell empty or NA where a value is unknown)")
        }
        return values
    }

    /// Rows grouped by which variables they observe (a missing cell is unobserved),
    /// in order of each group's first row.
    private func observationPatterns(_ values: [[Double]?], rows: Int, source: String) throws
        -> [(observed: [Bool], rows: [Int])] {
        let present = values.map { $0 != nil }
        var complete = true
        for (v, column) in values.enumerated() {
            guard let column else { continue }
            let finite = column.withUnsafeBufferPointer { cells in
                var all = true
                for x in cells where !x.isFinite { all = false }
                return all
            }
            if finite { continue }
            if let r = column.firstIndex(where: { $0.isInfinite }) {
                throw ModelError("\(source), row \(r + 1): the value \(column[r]) is not a finite number", variable: variables[v].name)
            }
            complete = false
        }
        if complete { return [(present, Array(0..<rows))] }
        var groups: [[Bool]: Int] = [:]
        var result: [(observed: [Bool], rows: [Int])] = []
        // One pattern buffer, refilled per row; a copy is kept only for a new pattern.
        var observed = [Bool](repeating: false, count: values.count)
        for r in 0..<rows {
            for v in values.indices { observed[v] = values[v].map { !$0[r].isNaN } ?? false }
            if let g = groups[observed] {
                result[g].rows.append(r)
            } else {
                groups[observed] = result.count
                result.append((observed, [r]))
            }
        }
        return result
    }

    /// Per-unit means of every variable in every world; units whose evidence has
    /// probability zero are errors naming their row.
    private func unitMeans(_ setting: CounterfactualSetting, isObserved: [Bool], evidence: EvidenceColumns,
                           options: CounterfactualOptions, describe: @escaping @Sendable (Int) -> String) throws
        -> (means: [[[Double]]], method: AbductionMethod, effectiveSampleSizes: [Double], warnings: [String]) {
        let queries = Array(repeating: Array(variables.indices), count: setting.worlds.count)
        let plan = AbductionPlan(setting: setting, isObserved: isObserved, queries: queries, purpose: .expectations,
                                 forceSampling: options.forceSampling)
        if !plan.isWeighted {
            // One row per unit: every world evaluated straight into the result's columns.
            let count = variables.count
            let columns = try withOutputColumns(count: setting.worlds.count * count, rows: evidence.units) { output in
                try CounterfactualEngine(plan: plan, evidence: evidence, options: options, describeUnit: describe)
                    .run(writingUnitsTo: output)
            }
            let means = setting.worlds.indices.map { w in Array(columns[(w * count)..<((w + 1) * count)]) }
            return (means, plan.method, [], [])
        }
        let (sink, weightedPlan, warnings) = try CounterfactualEngine.run(
            setting, isObserved: isObserved, queries: queries, purpose: .expectations, evidence: evidence, options: options,
            describeUnit: describe) { _ in UnitMeans(worlds: setting.worlds.count, variables: variables.count, units: evidence.units) }
        try sink.checkEveryUnit { u in
            let observed = Evidence(Dictionary(uniqueKeysWithValues: variables.indices.compactMap { v in
                evidence.values[v].map { (variables[v].name, $0[u]) }
            }))
            throw noMatchingNoise(observed, plan: weightedPlan, unit: describe(u))
        }
        let ess = weightedPlan.method == .likelihoodWeighting ? sink.effectiveSampleSizes : []
        return (sink.means, weightedPlan.method, ess, warnings)
    }
}
