import Reporting
import Foundation
import CausalModel
import GSL
import Probability
import Tabular

/// The categorical-table mechanism of a 0/1 variable with discrete parents: one
/// probability per configuration c of the parents' values,
///
///     y ~ Bernoulli(p_c),   p_c ~ Beta(1, 1)   (the two-category Dirichlet(1, 1) prior),
///
/// with the exact conjugate posterior p_c | data ~ Beta(1 + k_c, 1 + n_c − k_c) for k_c ones
/// among the n_c rows of configuration c. A configuration absent from the data keeps the
/// prior mean ½. Parameters are named `p_y[x=0,z=1]`.
struct BernoulliTable: Sendable {
    /// Parents with at most this many distinct values count as discrete.
    static let maximumLevels = 10

    let variable: String
    /// The parents' observed configurations.
    let table: ParentConfigurations
    /// (ones, rows) of each configuration.
    let counts: [(ones: Int, rows: Int)]

    /// Whether every value of `column` is 0 or 1.
    static func isBinary(_ column: [Double]) -> Bool { column.allSatisfy { $0 == 0 || $0 == 1 } }

    /// Whether `column` holds only whole numbers with at most `maximumLevels` distinct values.
    static func isDiscrete(_ column: [Double]) -> Bool {
        var levels = Set<Double>()
        for x in column {
            guard x == x.rounded() else { return false }
            levels.insert(x)
            if levels.count > maximumLevels { return false }
        }
        return true
    }

    init(variable: String, parents: [String], data: Table) throws {
        let y = try data.numbers(variable)
        table = try ParentConfigurations(parents: parents, data: data, variable: variable)
        var counts = [(ones: Int, rows: Int)](repeating: (0, 0), count: table.configurations.count)
        for (i, c) in table.rows.enumerated() {
            counts[c].rows += 1
            if y[i] == 1 { counts[c].ones += 1 }
        }
        self.variable = variable
        self.counts = counts
    }

    /// The parameter names, `p_y[x=0,z=1]` (`p_y` without parents).
    var names: [String] { table.configurations.indices.map { "p_\(variable)" + table.label($0) } }

    /// The Beta posteriors' parameters.
    private var betas: [(a: Double, b: Double)] { counts.map { (1 + Double($0.ones), 1 + Double($0.rows - $0.ones)) } }

    /// Mean a/(a + b), sd √(ab/((a + b)²(a + b + 1))), equal-tailed interval from the Beta quantiles.
    var summaries: [ParameterSummary] { betas.map { ParameterSummary.beta($0.a, $0.b) } }

    /// One exact posterior draw of every p_c.
    func draw(using stream: RandomStream) -> [Double] { betas.map { stream.beta($0.a, $0.b) } }

    /// The mechanism with probabilities `p`: Bernoulli(Σ_c p_c·[parents = c] + ½·[no observed configuration]).
    func mechanism(_ p: [Double]) -> (equation: Expr, noise: [NoiseTerm]) {
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        return (.noise(name), [NoiseTerm(name: name, family: .bernoulli, parameters: [table.expression(p, unseen: 0.5)])])
    }

    /// Log-likelihood at probabilities `p` and the accuracy of predicting 1 where p > ½.
    func fit(_ p: [Double]) -> (logLikelihood: Double, accuracy: Double) {
        var logLikelihood = 0.0, correct = 0, rows = 0
        for (count, pc) in zip(counts, p) {
            logLikelihood += Double(count.ones) * log(pc) + Double(count.rows - count.ones) * log(1 - pc)
            correct += pc > 0.5 ? count.ones : count.rows - count.ones
            rows += count.rows
        }
        return (logLikelihood, Double(correct) / Double(max(rows, 1)))
    }
}
