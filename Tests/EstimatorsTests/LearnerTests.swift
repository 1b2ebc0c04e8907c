import Foundation
import Probability
import Testing
@testable import Estimators

/// The base learners on functions whose values are known.
@Suite struct LearnerTests {
    private let x = (0..<1000).map { Double($0) / 1000 }

    @Test func boostedTreesLearnAStepAndAnInteraction() throws {
        // y = 2·1{x₁ > 0.5} + 1{x₁ > 0.75 and x₂ > 0.5}, no noise; the steps sit on bin edges
        // (32 quantile bins of 1000 evenly spaced values: edges at 0.5 and 0.75).
        let x2 = x.indices.map { Double(($0 * 7919) % 1000) / 1000 }
        let y = zip(x, x2).map { a, b in (a > 0.5 ? 2.0 : 0) + (a > 0.75 && b > 0.5 ? 1 : 0) }
        let features = Features(names: ["x1", "x2"], columns: [x, x2])
        let rows = Array(x.indices)
        let fit = try Learner.boostedTrees(BoostedTrees(trees: 200, learningRate: 0.2, l2Regularisation: 0))
            .fitRegression(features, y, rows: rows, model: "test")
        let predicted = fit.predict(features, rows: rows)
        let worst = rows.map { abs(predicted[$0] - y[$0]) }.max() ?? .infinity
        #expect(worst < 0.01, "largest error \(worst)")
    }

    @Test func boostedTreesEstimateProbabilities() throws {
        let rng = RandomStream(seed: 5)
        let t = x.map { rng.uniform() < 1 / (1 + exp(-(6 * $0 - 3))) ? 1.0 : 0.0 }
        let features = Features(names: ["x"], columns: [x])
        let rows = Array(x.indices)
        let fit = try Learner.boostedTrees(BoostedTrees()).fitProbability(features, t, rows: rows, responseName: "t", model: "test")
        let p = fit.predict(features, rows: rows)
        #expect(p.allSatisfy { $0 > 0 && $0 < 1 })
        // Mean of p over each fifth of x against the true mean probability there (binomial SE ≈ 0.035).
        for k in 0..<5 {
            let band = rows.filter { $0 / 200 == k }
            let truth = band.map { 1 / (1 + exp(-(6 * x[$0] - 3))) }.reduce(0, +) / 200
            let estimate = band.map { p[$0] }.reduce(0, +) / 200
            #expect(abs(estimate - truth) < 4.42 * 0.035, "fifth \(k): \(estimate) vs \(truth)")
        }
    }

    @Test func linearLearnerIsOrdinaryLeastSquares() throws {
        let y = x.map { 1 - 2 * $0 + 0.1 * sin(40 * $0) }
        let features = Features(names: ["x"], columns: [x])
        let training = Array(stride(from: 0, to: 1000, by: 2))
        let fit = try Learner.linear.fitRegression(features, y, rows: training, model: "test")
        let ols = try LinearRegression(Design([("intercept", training.map { _ in 1 }), ("x", training.map { x[$0] })]),
                                       response: training.map { y[$0] })
        let predicted = fit.predict(features, rows: [1, 501])
        #expect(abs(predicted[0] - (ols.coefficients[0] + ols.coefficients[1] * x[1])) < 1e-12)
        #expect(abs(predicted[1] - (ols.coefficients[0] + ols.coefficients[1] * x[501])) < 1e-12)
    }

    @Test func badSettingsAreRefused() {
        let features = Features(names: ["x"], columns: [x])
        #expect(throws: EstimationError.self) {
            try Learner.boostedTrees(BoostedTrees(bins: 1000)).fitRegression(features, x, rows: Array(x.indices), model: "test")
        }
        #expect(throws: EstimationError.self) {
            try Learner.boostedTrees(BoostedTrees()).fitRegression(features, x, rows: [0, 1, 2], model: "test")
        }
    }
}
