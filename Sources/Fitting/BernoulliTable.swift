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
    /// At most this many parent configurations are tabulated.
    static let maximumConfigurations = 256

    let variable: String
    let parents: [String]
    /// The observed configurations, in first-seen order, with (ones, rows).
    let configurations: [[Double]]
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
        let columns = try parents.map { try data.numbers($0) }
        var index: [[Double]: Int] = [:]
        var configurations: [[Double]] = []
        var counts: [(ones: Int, rows: Int)] = []
        for i in y.indices {
            let c = columns.map { $0[i] }
            let k = index[c] ?? {
                configurations.append(c)
                counts.append((0, 0))
                index[c] = configurations.count - 1
                return configurations.count - 1
            }()
            counts[k].rows += 1
            if y[i] == 1 { counts[k].ones += 1 }
        }
        let order = configurations.indices.sorted { configurations[$0].lexicographicallyPrecedes(configurations[$1]) }
        guard configurations.count <= Self.maximumConfigurations else {
            throw ModelError("its parents take \(configurations.count) value combinations, more than the "
                + "\(Self.maximumConfigurations) a table may hold", variable: variable)
        }
        self.variable = variable
        self.parents = parents
        self.configurations = order.map { configurations[$0] }
        self.counts = order.map { counts[$0] }
    }

    /// The parameter names, `p_y[x=0,z=1]` (`p_y` without parents).
    var names: [String] {
        configurations.map { c in
            parents.isEmpty ? "p_\(variable)"
                : "p_\(variable)[" + zip(parents, c).map { "\($0)=\(NumberFormatting.general($1))" }.joined(separator: ",") + "]"
        }
    }

    /// The Beta posteriors' parameters.
    private var betas: [(a: Double, b: Double)] { counts.map { (1 + Double($0.ones), 1 + Double($0.rows - $0.ones)) } }

    /// Mean a/(a + b), sd √(ab/((a + b)²(a + b + 1))), equal-tailed interval from the Beta quantiles.
    var summaries: [ParameterSummary] {
        betas.map { a, b in
            let mean = a / (a + b)
            let tail = (1 - ParameterSummary.level) / 2
            return ParameterSummary(mean: mean, sd: (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot(),
                                    lower: SpecialFunctions.betaQuantile(tail, a, b), upper: SpecialFunctions.betaQuantile(1 - tail, a, b),
                                    rHat: nil, effectiveSampleSize: nil)
        }
    }

    /// One exact posterior draw of every p_c.
    func draw(using stream: RandomStream) -> [Double] { betas.map { stream.beta($0.a, $0.b) } }

    /// The mechanism with probabilities `p`: Bernoulli(Σ_c p_c·[parents = c] + ½·[no observed configuration]).
    func mechanism(_ p: [Double]) -> (equation: Expr, noise: [NoiseTerm]) {
        func sum(_ terms: [Expr]) -> Expr { terms.dropFirst().reduce(terms.first ?? .constant(0)) { .binary(.add, $0, $1) } }
        let indicators = configurations.map { c in
            zip(parents, c).map { Expr.binary(.equal, .variable($0), .constant($1)) }.reduce(nil as Expr?) { product, factor in
                product.map { .binary(.multiply, $0, factor) } ?? factor
            } ?? .constant(1)
        }
        var probability = sum(zip(p, indicators).map { parents.isEmpty ? .constant($0) : .binary(.multiply, .constant($0), $1) })
        if !parents.isEmpty {
            let unseen = Expr.binary(.subtract, .constant(1), sum(indicators))
            probability = .binary(.add, probability, .binary(.multiply, .constant(0.5), unseen))
        }
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        return (.noise(name), [NoiseTerm(name: name, family: .bernoulli, parameters: [probability])])
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
