import CausalModel
import Foundation
import Probability
import Reporting
import Tabular

/// The conditional probability table of a discrete variable with K > 2 levels, coded
/// 0 … K − 1, given discrete parents: one probability vector per configuration c of the
/// parents' values,
///
///     y ~ Categorical(p_c,0, …, p_c,K−1),   (p_c,0, …, p_c,K−1) ~ Dirichlet(1, …, 1),
///
/// with the exact conjugate posterior Dirichlet(1 + n_c,0, …, 1 + n_c,K−1) for n_c,k rows of
/// configuration c at level k (Gelman et al. 2013, *Bayesian Data Analysis* 3rd ed., §3.4).
/// Each p_c,k is marginally Beta(α_k, α₀ − α_k), α₀ = Σ_k α_k. A configuration absent from
/// the data keeps the prior mean 1/K for every level. Parameters are named
/// `p_y=k[x=0,z=1]`, the probability of level k in that configuration. The fitted model
/// writes the table as `y ~ Categorical(P₀, …, P_(K−1))`, each P_k the sum over the
/// configurations of p_c,k·[parents = c] (`ParentConfigurations.expression`).
struct CategoricalTable: Sendable {
    let variable: String
    /// K: the levels are 0 … K − 1.
    let levels: Int
    /// The parents' observed configurations.
    let table: ParentConfigurations
    /// counts[c][k]: rows of configuration c at level k.
    let counts: [[Int]]

    /// Whether an automatic mechanism of `column` is a categorical table: whole numbers in
    /// 0 … `BernoulliTable.maximumLevels` − 1, not only 0 and 1.
    static func isCategorical(_ column: [Double]) -> Bool {
        !BernoulliTable.isBinary(column) && column.allSatisfy(isLevel)
    }

    /// Whether `value` codes a level: a whole number in 0 … `BernoulliTable.maximumLevels` − 1.
    static func isLevel(_ value: Double) -> Bool {
        value >= 0 && value < Double(BernoulliTable.maximumLevels) && value == value.rounded()
    }

    /// The table of `variable` on `parents`, with K = the largest value + 1. Throws
    /// `ModelError` naming the row of a value that is not a level (a whole number from 0 to 9).
    init(variable: String, parents: [String], data: Table) throws {
        let y = try data.numbers(variable)
        if let row = y.firstIndex(where: { !Self.isLevel($0) }) {
            throw ModelError("\(data.source): row \(row + 1) of column '\(variable)' is \(NumberFormatting.general(y[row])), not a level of a categorical "
                + "table (levels are coded 0, 1, …, \(BernoulliTable.maximumLevels - 1))", variable: variable)
        }
        table = try ParentConfigurations(parents: parents, data: data, variable: variable)
        levels = Int(y.max() ?? 0) + 1
        var counts = [[Int]](repeating: [Int](repeating: 0, count: levels), count: table.configurations.count)
        for (i, c) in table.rows.enumerated() { counts[c][Int(y[i])] += 1 }
        self.variable = variable
        self.counts = counts
    }

    /// The parameter names, configuration by configuration, level by level: `p_y=2[x=0,z=1]`.
    var names: [String] {
        table.configurations.indices.flatMap { c in (0..<levels).map { "p_\(variable)=\($0)" + table.label(c) } }
    }

    /// The Dirichlet posteriors' parameters α_c,k = 1 + n_c,k.
    private var alphas: [[Double]] { counts.map { $0.map { 1 + Double($0) } } }

    /// Each p_c,k as Beta(α_c,k, α_c,0 − α_c,k), in the order of `names`.
    var summaries: [ParameterSummary] {
        alphas.flatMap { alpha in
            let total = alpha.reduce(0, +)
            return alpha.map { ParameterSummary.beta($0, total - $0) }
        }
    }

    /// One exact posterior draw of every probability vector: independent Gamma(α_c,k, 1)
    /// variates, each divided by their configuration's sum.
    func draw(using stream: RandomStream) -> [Double] {
        alphas.flatMap { alpha in
            let g = alpha.map { stream.gamma(shape: $0, rate: 1) }
            let total = g.reduce(0, +)
            return g.map { $0 / total }
        }
    }

    /// The mechanism with probabilities `p` (in the order of `names`): Categorical(P₀, …, P_(K−1)).
    func mechanism(_ p: [Double]) -> (equation: Expr, noise: [NoiseTerm]) {
        let columns = (0..<levels).map { k in table.configurations.indices.map { p[$0 * levels + k] } }
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        let parameters = columns.map { table.expression($0, unseen: 1 / Double(levels)) }
        return (.noise(name), [NoiseTerm(name: name, family: .categorical, parameters: parameters)])
    }

    /// Log-likelihood at probabilities `p` (in the order of `names`) and the accuracy of
    /// predicting each configuration's most probable level.
    func fit(_ p: [Double]) -> (logLikelihood: Double, accuracy: Double) {
        var logLikelihood = 0.0, correct = 0, rows = 0
        for (c, row) in counts.enumerated() {
            let probabilities = Array(p[(c * levels)..<((c + 1) * levels)])
            let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
            for (k, n) in row.enumerated() where n > 0 { logLikelihood += Double(n) * log(probabilities[k]) }
            correct += row[best]
            rows += row.reduce(0, +)
        }
        return (logLikelihood, Double(correct) / Double(max(rows, 1)))
    }
}
