import Foundation
import Testing
import ModelCatalog
@testable import CausalModel

/// A mechanism's action probabilities and conditional mean as expressions, checked by
/// evaluating them per unit (A's mechanism replaced by the expression) against the
/// formulas written by hand.
@Suite struct ActionProbabilitiesTests {
    /// The columns of `expressions` evaluated on `rows` units of `model` (A's mechanism replaced by each).
    static func evaluate(_ expressions: [Expr], as variable: String, in model: StructuralCausalModel, rows: Int) throws -> [[Double]] {
        let selections = try expressions.enumerated().map { k, e in
            try ColumnSelection(model.intervening(.replace(variable, with: e, noise: [])), variables: [variable], headers: ["e\(k)"])
        }
        let table = try StructuralCausalModel.sample(rows: rows, seed: 4, selections: [ColumnSelection(model)] + selections)
        return try expressions.indices.map { try table.numbers("e\($0)") }
    }

    @Test func aCategoricalOfExponentialsIsASoftmax() throws {
        let model = try ModelCatalog.load("recommender")
        #expect(try model.actionCount(of: "item") == 4)
        let p = try #require(try model.actionProbabilities(of: "item", actions: 4))
        let columns = try Self.evaluate(p, as: "item", in: model, rows: 200)
        let table = try model.sample(rows: 200, seed: 4)
        let a = try table.numbers("activity"), n = try table.numbers("novelty")
        for i in 0..<200 {
            let w = [exp(0.8 * a[i]), exp(0.3), exp(0.9 * n[i]), exp(-0.5 * a[i] - 0.4 * n[i])]
            for k in 0..<4 { #expect(abs(columns[k][i] - w[k] / w.reduce(0, +)) < 1e-12) }
        }
    }

    @Test func bernoulliDrawsAndRules() throws {
        let model = try ModelFileParser().parse("""
            x = Normal(0, 1)
            t ~ BernoulliLogit(x)
            r = ifelse(x > 0, 2, 0)
            y = 2 * x + t + Normal(1, 3)
            """)
        #expect(try model.actionCount(of: "t") == 2 && model.actionCount(of: "r") == nil)
        let bernoulli = try Self.evaluate(try #require(try model.actionProbabilities(of: "t", actions: 2)), as: "t", in: model, rows: 100)
        let rule = try Self.evaluate(try #require(try model.actionProbabilities(of: "r", actions: 3)), as: "r", in: model, rows: 100)
        let x = try model.sample(rows: 100, seed: 4).numbers("x")
        for i in 0..<100 {
            let p = 1 / (1 + exp(-x[i]))
            #expect(abs(bernoulli[1][i] - p) < 1e-12 && abs(bernoulli[0][i] - (1 - p)) < 1e-12)
            #expect(rule.map { $0[i] } == (x[i] > 0 ? [0, 0, 1] : [1, 0, 0]))
        }
        // E[y | x, t] = 2x + t + 1: the Normal's mean replaces its noise.
        let mean = try #require(try model.conditionalMean(of: "y"))
        let values = try Self.evaluate([mean], as: "y", in: model, rows: 100)[0]
        let t = try model.sample(rows: 100, seed: 4).numbers("t")
        for i in 0..<100 { #expect(abs(values[i] - (2 * x[i] + t[i] + 1)) < 1e-12) }
    }

    @Test func noClosedFormWhereTheNoiseIsNotAffineOrNotItsOwn() throws {
        let model = try ModelFileParser().parse("""
            noise U ~ Normal(0, 1)
            x = U
            y = exp(Normal(0, 1))
            z = x + U
            w ~ Poisson(exp(x))
            a ~ Normal(x, 1)
            """)
        #expect(try model.conditionalMean(of: "y") == nil, "exp of noise is not affine")
        #expect(try model.conditionalMean(of: "z") == nil, "U is shared with x")
        #expect(try model.conditionalMean(of: "w") == .function(.exp, .variable("x")))
        #expect(try model.actionProbabilities(of: "a", actions: 2) == nil, "a Normal draw has no action probabilities")
    }
}
