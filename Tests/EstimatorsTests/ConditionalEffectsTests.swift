import Probability
import Testing
@testable import Estimators

/// Conditional-effect predictions τ̂(xᵢ) from the estimators that fit outcome models.
@Suite struct ConditionalEffectsTests {
    /// y = 1 + x + T·(2 + 1.5x) + noise, x ~ N(0, 1), T confounded by x.
    static func data(rows n: Int, seed: UInt64) throws -> CausalData {
        let rng = RandomStream(seed: seed)
        var x = [Double](), t = [Double](), y = [Double]()
        for _ in 0..<n {
            let xi = rng.normal()
            let ti: Double = rng.uniform() < Simulate.logistic(0.7 * xi) ? 1 : 0
            x.append(xi)
            t.append(ti)
            y.append(1 + xi + ti * (2 + 1.5 * xi) + rng.normal())
        }
        return try CausalData(columns: [("y", y), ("t", t), ("x", x)], roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
    }

    /// Per-arm simple regressions by the textbook formulas b = Sxy/Sxx, a = ȳ − b·x̄; τ̂(x) is
    /// the difference of the two lines.
    static func armLines(_ data: CausalData) -> (treated: (a: Double, b: Double), control: (a: Double, b: Double)) {
        func line(_ arm: Double) -> (a: Double, b: Double) {
            let rows = data.outcome.indices.filter { data.treatment![$0] == arm }
            let x = rows.map { data.covariates[0][$0] }, y = rows.map { data.outcome[$0] }
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            var sxy = 0.0, sxx = 0.0
            for i in x.indices {
                sxy += (x[i] - mx) * (y[i] - my)
                sxx += (x[i] - mx) * (x[i] - mx)
            }
            return (my - sxy / sxx * mx, sxy / sxx)
        }
        return (line(1), line(0))
    }

    @Test func linearPredictionsAreTheDifferenceOfTheArmsLines() throws {
        let data = try Self.data(rows: 2000, seed: 3)
        let (treated, control) = Self.armLines(data)
        for estimator in [RegressionAdjustment() as any ConditionalEffectEstimator, MetaLearner(.t, replications: 5)] {
            let result = try estimator.estimateWithConditionalEffects(data, randomness: RandomStream(seed: 1))
            let tau = try #require(result.conditionalEffects)
            #expect(tau.count == data.rowCount)
            var worst = 0.0
            for (i, x) in data.covariates[0].enumerated() {
                worst = max(worst, abs(tau[i] - ((treated.a - control.a) + (treated.b - control.b) * x)))
            }
            #expect(worst < 1e-10, "\(estimator.name): largest difference \(worst)")
            // The ATE is their average.
            #expect(abs(result.estimate.value - tau.reduce(0, +) / Double(tau.count)) < 1e-10, "\(estimator.name)")
        }
    }

    @Test func predictionsComeWithTheSameEstimate() throws {
        let data = try Self.data(rows: 600, seed: 4)
        let estimators: [any ConditionalEffectEstimator] = [
            MetaLearner(.s, replications: 5), MetaLearner(.x, replications: 5), DoubleML(model: .interactive),
            DoubleML(model: .partiallyLinear),
        ]
        for estimator in estimators {
            let together = try estimator.estimateWithConditionalEffects(data, randomness: RandomStream(seed: 8))
            let alone = try estimator.estimate(data, seed: 8)
            #expect(together.estimate == alone, "\(estimator.name)")
        }
        // The partially linear model has one effect and no unit-level predictions.
        #expect(try DoubleML(model: .partiallyLinear).estimateWithConditionalEffects(data, randomness: RandomStream(seed: 8))
            .conditionalEffects == nil)
        // The interactive model's cross-fitted predictions track τ(x) = 2 + 1.5x (linear learner, right model).
        let irm = try #require(try DoubleML(model: .interactive).estimateWithConditionalEffects(data, randomness: RandomStream(seed: 8))
            .conditionalEffects)
        let squared = zip(irm, data.covariates[0]).reduce(0) { $0 + ($1.0 - 2 - 1.5 * $1.1) * ($1.0 - 2 - 1.5 * $1.1) }
        // Each fold's line is fitted on ~480 rows per two arms: errors of about 0.1.
        #expect((squared / Double(irm.count)).squareRoot() < 0.5)
    }
}
