import Foundation
import Probability
import Testing
import TestSupport
@testable import Estimators

/// Checks |estimate − truth| ≤ z·SE (z ≈ 4.42: a 1e-5 failure budget per check).
func expectRecovers(_ estimate: EffectEstimate, _ truth: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    let check = withinStandardErrors(estimate.value, truth, standardError: estimate.standardError)
    #expect(check.ok, "\(estimate.estimator): \(check.message)", sourceLocation: sourceLocation)
}

/// Checks that the estimate is more than 5 standard errors from the truth: the bias
/// of a violated assumption shows.
func expectBiased(_ estimate: EffectEstimate, _ truth: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    let z = (estimate.value - truth) / estimate.standardError
    #expect(abs(z) > 5, "\(estimate.estimator) should be biased: estimate \(estimate.value), truth \(truth), z = \(z)",
            sourceLocation: sourceLocation)
}

/// Every estimator on simulated data whose effect is known, and on data where its
/// assumption fails.
@Suite struct KnownEffectTests {
    @Test func differenceInMeansIsUnbiasedUnderRandomisationAndBiasedUnderConfounding() throws {
        let rng = RandomStream(seed: 11)
        var t = [Double](), y = [Double]()
        for _ in 0..<4000 {
            let treat: Double = rng.uniform() < 0.4 ? 1 : 0
            t.append(treat)
            y.append(3 + 1.25 * treat + 2 * rng.normal())
        }
        let randomised = try CausalData(columns: [("y", y), ("t", t)], roles: Roles(outcome: "y", treatment: "t"))
        let estimate = try DifferenceInMeans().estimate(randomised)
        expectRecovers(estimate, 1.25)
        #expect(estimate.uncertainty == .analytic(method: "Neyman variance s₁²/n₁ + s₀²/n₀"))
        expectBiased(try DifferenceInMeans().estimate(Simulate.confounded(rows: 4000, seed: 12).data), 2)
    }

    @Test func regressionAdjustmentRecoversTheATEWithHeterogeneousEffects() throws {
        let (data, _) = Simulate.confounded(rows: 4000, effect: 2, heterogeneity: 1, seed: 21)
        let estimate = try RegressionAdjustment().estimate(data)
        expectRecovers(estimate, 2)
        #expect(estimate.estimand == .ate)
        // Leaving out the confounder x₁ biases it.
        let partial = try CausalData(columns: [("y", data.outcome), ("t", data.treatment!), ("x2", data.covariates[1])],
                                     roles: Roles(outcome: "y", treatment: "t", covariates: ["x2"]))
        expectBiased(try RegressionAdjustment().estimate(partial), 2)
    }

    @Test func weightingEstimatorsRecoverTheATE() throws {
        let (data, _) = Simulate.confounded(rows: 4000, effect: 2, heterogeneity: 1, seed: 31)
        for weighting in [InverseProbabilityWeighting.Weighting.horvitzThompson, .hajek] {
            let estimate = try InverseProbabilityWeighting(weighting: weighting).estimate(data)
            expectRecovers(estimate, 2)
            #expect(estimate.warnings.isEmpty, "\(estimate.warnings)")
        }
        expectRecovers(try AugmentedIPW().estimate(data), 2)
    }

    @Test func weightingIsBiasedWhenTheConfounderIsLeftOut() throws {
        let (data, _) = Simulate.confounded(rows: 4000, seed: 32)
        let partial = try CausalData(columns: [("y", data.outcome), ("t", data.treatment!), ("x2", data.covariates[1])],
                                     roles: Roles(outcome: "y", treatment: "t", covariates: ["x2"]))
        expectBiased(try InverseProbabilityWeighting().estimate(partial), 2)
        expectBiased(try AugmentedIPW().estimate(partial), 2)
    }

    /// x ~ N(0, 1); T ~ Bernoulli(logistic(propensity(x))); Y = outcome(x) + 2T + N(0, 1).
    private func singleConfounder(rows n: Int, seed: UInt64, propensity: (Double) -> Double,
                                  outcome: (Double) -> Double) throws -> CausalData {
        let rng = RandomStream(seed: seed)
        var x = [Double](), t = [Double](), y = [Double]()
        for _ in 0..<n {
            let xi = rng.normal()
            let ti: Double = rng.uniform() < Simulate.logistic(propensity(xi)) ? 1 : 0
            x.append(xi)
            t.append(ti)
            y.append(outcome(xi) + 2 * ti + rng.normal())
        }
        return try CausalData(columns: [("y", y), ("t", t), ("x", x)], roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
    }

    @Test func augmentedIPWIsDoublyRobust() throws {
        // Outcome model right (linear), propensity model wrong (the truth has x²): IPW is biased, AIPW not.
        let wrongPropensity = try singleConfounder(rows: 8000, seed: 34, propensity: { -1.5 + 1.5 * $0 + $0 * $0 },
                                                   outcome: { 1 + 3 * $0 })
        expectRecovers(try AugmentedIPW().estimate(wrongPropensity), 2)
        expectBiased(try InverseProbabilityWeighting().estimate(wrongPropensity), 2)
        // Propensity model right, outcome model wrong (the truth is exponential): regression
        // adjustment is biased, AIPW not.
        let wrongOutcome = try singleConfounder(rows: 20000, seed: 35, propensity: { -0.3 + 1.2 * $0 },
                                                outcome: { 1 + 2 * exp($0) })
        expectRecovers(try AugmentedIPW().estimate(wrongOutcome), 2)
        expectBiased(try RegressionAdjustment().estimate(wrongOutcome), 2)
        // Trimming keeps the rows with propensity in [0.1, 0.9] and says so.
        let trimmed = try AugmentedIPW(trim: 0.1).estimate(wrongOutcome)
        expectRecovers(trimmed, 2)
        #expect(trimmed.warnings.contains { if case .trimmed = $0 { return true } else { return false } })
    }

    @Test func matchingRecoversTheATT() throws {
        let (data, att) = Simulate.confounded(rows: 4000, effect: 2, heterogeneity: 1, seed: 41)
        let estimate = try PropensityScoreMatching().estimate(data)
        #expect(estimate.estimand == .att)
        expectRecovers(estimate, att)
        expectRecovers(try PropensityScoreMatching(neighbours: 4, caliper: nil).estimate(data), att)
        // Matching on a propensity score that leaves out the confounder x₁ is biased.
        let partial = try CausalData(columns: [("y", data.outcome), ("t", data.treatment!), ("x2", data.covariates[1])],
                                     roles: Roles(outcome: "y", treatment: "t", covariates: ["x2"]))
        expectBiased(try PropensityScoreMatching().estimate(partial), att)
    }

    @Test func stratificationRecoversTheATE() throws {
        let discrete = Simulate.discreteConfounder(rows: 4000, effect: 1.5, seed: 51)
        expectRecovers(try Stratification(strata: .covariate("z")).estimate(discrete), 1.5)
        expectBiased(try DifferenceInMeans().estimate(discrete), 1.5)
        let (data, _) = Simulate.confounded(rows: 4000, effect: 2, seed: 52)
        expectRecovers(try Stratification(strata: .propensityQuantiles(10)).estimate(data), 2)
    }

    @Test func twoStageLeastSquaresRecoversTheLATEWhereOLSIsBiased() throws {
        let data = Simulate.instrument(rows: 4000, effect: 1.5, seed: 61)
        let estimate = try TwoStageLeastSquares().estimate(data)
        expectRecovers(estimate, 1.5)
        #expect(estimate.warnings.isEmpty)
        expectBiased(try DifferenceInMeans().estimate(data), 1.5)
    }

    @Test func panelEstimatorsRecoverTheATTUnderParallelTrends() throws {
        let data = Simulate.panel(units: 400, effect: 3, seed: 71)
        expectRecovers(try DifferenceInDifferences().estimate(data), 3)
        expectRecovers(try TwoWayFixedEffects().estimate(data), 3)
        let diverging = Simulate.panel(units: 400, effect: 3, extraTrend: 0.5, seed: 72)
        expectBiased(try DifferenceInDifferences().estimate(diverging), 3)
        expectBiased(try TwoWayFixedEffects().estimate(diverging), 3)
    }

    @Test func discontinuityDesignsRecoverTheEffectAtTheCutoff() throws {
        let sharp = Simulate.discontinuity(rows: 3000, effect: 1, fuzzy: false, seed: 81)
        let sharpEstimate = try RegressionDiscontinuity(design: .sharp).estimate(sharp)
        expectRecovers(sharpEstimate, 1)
        expectRecovers(try RegressionDiscontinuity(design: .sharp, inference: .conventional).estimate(sharp), 1)
        let fuzzy = Simulate.discontinuity(rows: 4000, effect: 3, fuzzy: true, seed: 82)
        let fuzzyEstimate = try RegressionDiscontinuity(design: .fuzzy).estimate(fuzzy)
        #expect(fuzzyEstimate.estimand == .lateAtCutoff)
        expectRecovers(fuzzyEstimate, 3)
        // Treating the fuzzy design as sharp estimates the intention-to-treat jump 0.6 × 3.
        expectBiased(try RegressionDiscontinuity(design: .sharp).estimate(fuzzy), 3)
    }

    @Test func metaLearnersWithTheLinearLearnerRecoverTheATE() throws {
        let (constant, _) = Simulate.confounded(rows: 2000, effect: 2, seed: 91)
        let s = try MetaLearner(.s, learner: .linear, replications: 40).estimate(constant, seed: 1)
        expectRecovers(s, 2)
        #expect(s.uncertainty.isBootstrap && s.interval.contains(s.value))
        let (varying, _) = Simulate.confounded(rows: 2000, effect: 2, heterogeneity: 1, seed: 92)
        expectRecovers(try MetaLearner(.t, learner: .linear, replications: 40).estimate(varying, seed: 2), 2)
        expectRecovers(try MetaLearner(.x, learner: .linear, replications: 40).estimate(varying, seed: 3), 2)
        expectRecovers(try DoubleML(model: .interactive, learner: .linear).estimate(varying, seed: 4), 2)
        expectRecovers(try DoubleML(model: .partiallyLinear, learner: .linear).estimate(constant, seed: 5), 2)
    }

    @Test func boostedTreesHandleNonLinearConfoundingWhereLinearLearnersFail() throws {
        let data = Simulate.nonlinear(rows: 3000, effect: 1, seed: 101)
        let trees = Learner.boostedTrees(BoostedTrees(trees: 60, learningRate: 0.15))
        expectRecovers(try MetaLearner(.t, learner: trees, replications: 20).estimate(data, seed: 1), 1)
        expectRecovers(try MetaLearner(.x, learner: trees, replications: 20).estimate(data, seed: 2), 1)
        expectRecovers(try DoubleML(model: .interactive, learner: trees).estimate(data, seed: 3), 1)
        expectRecovers(try DoubleML(model: .partiallyLinear, learner: trees).estimate(data, seed: 4), 1)
        expectBiased(try MetaLearner(.t, learner: .linear, replications: 20).estimate(data, seed: 5), 1)
        expectBiased(try DoubleML(model: .partiallyLinear, learner: .linear).estimate(data, seed: 6), 1)
    }
}
