import CausalModel
import Reporting
import Tabular

/// The two order-leak statistics of a generated data set (`Sortability`).
public struct SortabilityStatistics: Hashable, Sendable {
    /// Varsortability: sortability by marginal variance (Reisach, Seiler and Weichwald 2021).
    public let varsortability: Double?
    /// R²-sortability: sortability by the R² of each variable on all others (Reisach et al. 2023).
    public let r2Sortability: Double?
    /// The rows they were computed on.
    public let rows: Int
}

extension RandomModel {
    /// Varsortability and R²-sortability of `sample` (columns named as the variables)
    /// along the true graph (varsortability nil with fewer than 2 rows, R²-sortability unless
    /// there are more rows than variables + 1; both nil without edges).
    /// Cost O(rows · n² + n³) for the R² part.
    public func sortability(of sample: Table) throws -> SortabilityStatistics {
        let columns = try names.map { try sample.numbers($0) }
        let children = dag.children
        return SortabilityStatistics(
            varsortability: sample.rowCount > 1
                ? Sortability.sortability(scores: Sortability.variances(columns), children: children) : nil,
            r2Sortability: sample.rowCount > columns.count + 1
                ? Sortability.sortability(scores: try Sortability.explainedVariances(columns), children: children) : nil,
            rows: sample.rowCount)
    }

    /// The true graph as a 0/1 adjacency matrix in CSV: a header of the names, then one
    /// row per cause with 1 in the column of each of its effects.
    public var adjacencyCSV: String {
        let n = dag.nodeCount
        var matrix = [[Character]](repeating: [Character](repeating: "0", count: n), count: n)
        for (j, parents) in dag.parents.enumerated() { for i in parents { matrix[i][j] = "1" } }
        var out = names.joined(separator: ",") + "\n"
        for row in matrix { out += row.map(String.init).joined(separator: ",") + "\n" }
        return out
    }

    /// The model file: comment lines saying how it was made, then the equations.
    public var modelFileText: String {
        let s = specification
        var lines = ["# random model: \(s.nodes) nodes, \(s.graph.rawValue) graph of expected degree \(s.expectedDegree.compactDescription), "
            + "\(s.mechanism.rawValue) mechanisms, \(s.noise.rawValue) noise\(s.standardize ? ", standardised" : ""), seed \(seed)"]
        if s.binaryFraction > 0 || s.countFraction > 0 {
            lines.append("# binary share \(s.binaryFraction.compactDescription), count share \(s.countFraction.compactDescription)")
        }
        return lines.joined(separator: "\n") + "\n" + model.description
    }

    /// The JSON summary: the specification, the true graph (causal order and edges) and the statistics.
    public func summaryJSON(statistics: SortabilityStatistics, sampleRows: Int?) -> JSONValue {
        let s = specification
        let edges = dag.parents.enumerated().flatMap { j, ps in ps.map { JSONValue.strings([names[$0], names[j]]) } }
        return .object([
            ("varsortability", .number(statistics.varsortability)),
            ("r2Sortability", .number(statistics.r2Sortability)),
            ("statisticsRows", .integer(statistics.rows)),
            ("rows", sampleRows.map(JSONValue.integer) ?? .null),
            ("nodes", .integer(s.nodes)),
            ("edgeCount", .integer(dag.edgeCount)),
            ("graph", .string(s.graph.rawValue)),
            ("expectedDegree", .number(s.expectedDegree)),
            ("mechanism", .string(s.mechanism.rawValue)),
            ("noise", .string(s.noise.rawValue)),
            ("standardize", .bool(s.standardize)),
            ("standardization", .string(!s.standardize ? "none" : standardizationIsExact ? "exact" : "pilot sample")),
            ("binaryFraction", .number(s.binaryFraction)),
            ("countFraction", .number(s.countFraction)),
            ("seed", .unsigned(seed)),
            ("variables", .strings(names)),
            ("causalOrder", .strings(dag.causalOrder.map { names[$0] })),
            ("edges", .array(edges)),
        ])
    }
}
