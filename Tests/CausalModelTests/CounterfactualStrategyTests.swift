import Foundation
import ModelCatalog
import Testing
import TestSupport
@testable import CausalModel

/// The four abduction strategies side by side on small models whose answers are
/// derived by hand: each query goes to the strategy the plan's rules give, the
/// exact ones return the analytic value, and likelihood weighting (forced) lands
/// within 4.42 standard errors of it (a failure budget of 1e-5 per check).
@Suite struct CounterfactualStrategyTests {
    /// x = ε_x, y = 2x + ε_y, with ε ~ N(0, 1).
    let linear = try! ModelFileParser().parse("""
        x = Normal(0, 1)
        y = 2 * x + Normal(0, 1)
        """)

    /// t ~ Bernoulli(0.5), y ~ Bernoulli(0.2 + 0.5 t): y = 1 when u_y < 0.2 + 0.5 t.
    let binary = try! ModelFileParser().parse("""
        t ~ Bernoulli(0.5)
        y ~ Bernoulli(0.2 + 0.5 * t)
        """)

    static let sampling = CounterfactualOptions(samples: 40_000, seed: 3, forceSampling: true, threads: 2)

    static func expectWithinStandardErrors(_ estimate: CounterfactualEstimate, _ truth: Double, _ label: String) {
        #expect(estimate.method == .likelihoodWeighting, "\(label)")
        let check = withinStandardErrors(estimate.value, truth, standardError: estimate.standardError)
        #expect(check.ok, "\(label): \(check.message)")
    }

    /// Fully observed: ε_y = y − 2x = 0, so y had x been 1 is 2.
    @Test func exactInversionSolvesEveryTerm() throws {
        let e = try linear.counterfactualExpectation(of: "y", given: Evidence(["x": 0.5, "y": 1]), doing: [.set("x", to: 1)])
        #expect(e.method == .exactInversion)
        #expect(e.value == 2 && e.standardError == 0)
    }

    /// Only y = 1 observed: (x, y) is jointly Gaussian with Var y = 5, Cov(ε_y, y) = 1,
    /// so E[ε_y | y = 1] = 1/5 and E[y had x been 1 | y = 1] = 2 + 1/5.
    @Test func gaussianConditioningAndSamplingAgree() throws {
        let evidence = Evidence(["y": 1])
        let exact = try linear.counterfactualExpectation(of: "y", given: evidence, doing: [.set("x", to: 1)])
        #expect(exact.method == .gaussianConditioning)
        #expect(abs(exact.value - 2.2) < 1e-12, "\(exact.value)")
        let sampled = try linear.counterfactualExpectation(of: "y", given: evidence, doing: [.set("x", to: 1)],
                                                           options: Self.sampling)
        Self.expectWithinStandardErrors(sampled, 2.2, "likelihood weighting, linear")
    }

    /// y = 1 observed, t not: P(y = 1) = 0.5·0.7 + 0.5·0.2 = 0.45; y had t been 0 is 1
    /// when u_y < 0.2, which y = 1 allows under either t, so the answer is 0.2 / 0.45 = 4/9.
    @Test func enumerationAndSamplingAgree() throws {
        let evidence = Evidence(["y": 1])
        let exact = try binary.counterfactualExpectation(of: "y", given: evidence, doing: [.set("t", to: 0)])
        #expect(exact.method == .enumeration)
        #expect(abs(exact.value - 4.0 / 9) < 1e-12, "\(exact.value)")
        let sampled = try binary.counterfactualExpectation(of: "y", given: evidence, doing: [.set("t", to: 0)],
                                                           options: Self.sampling)
        Self.expectWithinStandardErrors(sampled, 4.0 / 9, "likelihood weighting, binary")
    }

    /// The plan holds the strategy whose method it reports, and weights rows exactly
    /// when the strategy has several rows per unit.
    @Test func planReportsItsStrategy() throws {
        let setting = try CounterfactualSetting(model: binary, worlds: [[.set("t", to: 0)]])
        let y = binary.index(of: "y")!
        var isObserved = [false, false]
        isObserved[y] = true
        for forceSampling in [false, true] {
            let plan = AbductionPlan(setting: setting, isObserved: isObserved, queries: [[y]], purpose: .expectations,
                                     forceSampling: forceSampling)
            #expect(plan.method == (forceSampling ? .likelihoodWeighting : .enumeration))
            #expect(forceSampling ? plan.strategy is LikelihoodWeighting : plan.strategy is ExactEnumeration)
            #expect(plan.isWeighted)
        }
    }
}

/// A sampled answer that cannot depend on the noise is reported as exact.
@Suite struct AgreeingDrawsTests {
    @Test func anEffectAddedToEveryUnitIsExactEvenWhenSampled() throws {
        let banner = try ModelCatalog.load("banner")
        // spend = 20 + 0.3·engagement + 5·banner + noise: every unit's effect is 5, whatever its noise.
        let ett = try banner.effectOfTreatmentOnTheTreated(treatment: "banner", outcome: "spend",
                                                            options: CounterfactualOptions(samples: 2000, seed: 3))
        #expect(ett.method == .likelihoodWeighting && ett.drawsAgree && ett.isExact)
        #expect(ett.value == 5 && ett.standardError == 0)
        // The counterfactual spend itself depends on the unobserved engagement: not exact.
        let spend = try banner.counterfactualExpectation(of: "spend", given: Evidence(["spend": 20]), doing: [.set("banner", to: 1)],
                                                         options: CounterfactualOptions(samples: 2000, seed: 3))
        #expect(!spend.isExact && spend.standardError > 0)
    }
}
