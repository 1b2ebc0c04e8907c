import CausalModel
import GSL
import Reporting
import Tabular

/// The value combinations (configurations) of a variable's discrete parents that the data
/// show, sorted, with the configuration of every row: what a conditional probability table
/// (`BernoulliTable`, `CategoricalTable`) is indexed by.
struct ParentConfigurations: Sendable {
    /// At most this many parent configurations are tabulated.
    static let maximumConfigurations = 256

    /// The parents.
    let parents: [String]
    /// The observed configurations, sorted lexicographically.
    let configurations: [[Double]]
    /// The index in `configurations` of each row's configuration.
    let rows: [Int]

    /// The configurations of `parents` in `data`; throws `ModelError` naming `variable`
    /// when there are more than `maximumConfigurations`.
    init(parents: [String], data: Table, variable: String) throws {
        let columns = try parents.map { try data.numbers($0) }
        var index: [[Double]: Int] = [:]
        var seen: [[Double]] = []
        let firstSeen = (0..<data.rowCount).map { i -> Int in
            let c = columns.map { $0[i] }
            if let k = index[c] { return k }
            seen.append(c)
            index[c] = seen.count - 1
            return seen.count - 1
        }
        guard seen.count <= Self.maximumConfigurations else {
            throw ModelError("its parents take \(seen.count) value combinations, more than the "
                + "\(Self.maximumConfigurations) a table may hold", variable: variable)
        }
        let order = seen.indices.sorted { seen[$0].lexicographicallyPrecedes(seen[$1]) }
        var rank = [Int](repeating: 0, count: seen.count)
        for (position, k) in order.enumerated() { rank[k] = position }
        self.parents = parents
        configurations = order.map { seen[$0] }
        rows = firstSeen.map { rank[$0] }
    }

    /// `[x=0,z=1]` for configuration `c`; empty without parents.
    func label(_ c: Int) -> String {
        parents.isEmpty ? "" : "[" + zip(parents, configurations[c]).map { "\($0)=\(NumberFormatting.general($1))" }.joined(separator: ",") + "]"
    }

    /// Σ_c value_c·[parents = c] + unseen·[no observed configuration]: one entry of the
    /// table as an expression of the parents (just value₀ without parents).
    func expression(_ values: [Double], unseen: Double) -> Expr {
        func sum(_ terms: [Expr]) -> Expr { terms.dropFirst().reduce(terms.first ?? .constant(0)) { .binary(.add, $0, $1) } }
        guard !parents.isEmpty else { return .constant(values.first ?? unseen) }
        let indicators = configurations.map { c in
            zip(parents, c).map { Expr.binary(.equal, .variable($0), .constant($1)) }.reduce(nil as Expr?) { product, factor in
                product.map { .binary(.multiply, $0, factor) } ?? factor
            } ?? .constant(1)
        }
        let observed = sum(zip(values, indicators).map { .binary(.multiply, .constant($0), $1) })
        return .binary(.add, observed, .binary(.multiply, .constant(unseen), .binary(.subtract, .constant(1), sum(indicators))))
    }
}

extension ParameterSummary {
    /// Beta(a, b): mean a/(a + b), sd √(ab/((a + b)²(a + b + 1))), interval from the Beta quantiles.
    static func beta(_ a: Double, _ b: Double) -> ParameterSummary {
        let tail = (1 - level) / 2
        return ParameterSummary(mean: a / (a + b), sd: (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot(),
                                lower: SpecialFunctions.betaQuantile(tail, a, b), upper: SpecialFunctions.betaQuantile(1 - tail, a, b),
                                rHat: nil, effectiveSampleSize: nil)
    }
}
