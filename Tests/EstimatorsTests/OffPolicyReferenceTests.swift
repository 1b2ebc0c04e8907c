import Foundation
import Probability
import Testing
import TestSupport
@testable import Estimators

/// Open Bandit Pipeline 0.5.7 on 3,000 logged rounds with 5 actions (`Reference/ope/`,
/// see its README): point estimates to 1e-10 relative; bootstrap intervals in
/// distribution (obp's MT19937 stream cannot be reproduced, so the endpoints are
/// compared within the spread obp's own endpoints show across random states).
@Suite struct OffPolicyReferenceTests {
    static let tolerance = 1e-10

    static func data(rewardModel: Bool = true) throws -> LoggedBandit {
        try LoggedBandit(table: Reference.table("ope/logged_data.csv"), action: "action", reward: "reward", propensity: "pscore",
                         targetPrefix: "eval_prob_a", rewardModelPrefix: rewardModel ? "q_hat_a" : nil)
    }

    static func section(_ name: String) throws -> [String: Any] {
        try Reference.results(name, file: "ope/results.json")
    }

    /// obp's names of our estimators (switch-dr at λ = 5, and at obp's default λ = ∞).
    static let names: [(OffPolicyEstimator.Method, Double, String)] = [
        (.ips, 5, "ipw"), (.snips, 5, "snipw"), (.dm, 5, "dm"), (.dr, 5, "dr"), (.sndr, 5, "sndr"),
        (.switchDR, 5, "switch-dr_lambda5"), (.switchDR, .infinity, "switch-dr_default"),
    ]

    @Test func pointEstimatesMatchOpenBanditPipeline() throws {
        let data = try Self.data()
        let point = try Self.section("point_estimates")
        for (method, lambda, name) in Self.names {
            let estimate = try OffPolicyEstimator(method, switchLambda: lambda).estimate(data)
            expectRelative(estimate.value, try point.number(name), tolerance: Self.tolerance, name)
        }
        let truth = try Self.section("ground_truth")
        let dm = try OffPolicyEstimator(.dm).estimate(data)
        expectRelative(dm.value, try truth.number("dm_implied_by_q_hat"), tolerance: Self.tolerance, "DM = Σ π q̂")
    }

    @Test func weightDiagnosticsMatch() throws {
        let data = try Self.data(rewardModel: false)
        let evaluation = try OffPolicyEvaluation(data, switchLambda: 5)
        let diagnostics = try Self.section("diagnostics")
        expectRelative(evaluation.weights.mean, try diagnostics.number("importance_weight_mean"), tolerance: Self.tolerance, "mean weight")
        expectRelative(evaluation.weights.maximum, try diagnostics.number("importance_weight_max"), tolerance: Self.tolerance, "max weight")
        #expect(evaluation.estimates.map(\.estimator) == ["ips", "snips"], "without a reward model only IPS and SNIPS")
        let switchDR = try OffPolicyEstimator(.switchDR, switchLambda: 5).estimate(try Self.data())
        #expect(switchDR.diagnostic("rounds above λ") == (try diagnostics.number("n_rounds_iw_above_switch_lambda")))
    }

    /// obp's bootstrap (10,000 resamples of the round values) with our generator: each
    /// endpoint within 4.42 of the standard deviations obp's endpoints show over random
    /// states 1…10 (those of DR for SNDR and Switch-DR, which the reference does not
    /// spread), plus the sd of a 10,000-resample mean for the bootstrap mean.
    @Test func bootstrapIntervalsAgreeInDistribution() throws {
        let data = try Self.data()
        let intervals = try Self.section("bootstrap_intervals")
        let spread = try Self.section("bootstrap_seed_spread")
        for (method, lambda, name) in Self.names where name != "switch-dr_default" {
            let estimate = try OffPolicyEstimator(method, switchLambda: lambda, bootstrapReplications: 10_000)
                .estimate(data, randomness: RandomStream(seed: 12345))
            let reference = try #require(intervals[name] as? [String: Any])
            let sd = try #require((spread[name] ?? spread["dr"]) as? [String: Any])
            let lowerSD = try sd.number("sd_lower"), upperSD = try sd.number("sd_upper")
            let lower = withinStandardErrors(estimate.interval.lower, try reference.number("lower"), standardError: 2.squareRoot() * lowerSD)
            let upper = withinStandardErrors(estimate.interval.upper, try reference.number("upper"), standardError: 2.squareRoot() * upperSD)
            #expect(lower.ok, "\(name) lower: \(lower.message)")
            #expect(upper.ok, "\(name) upper: \(upper.message)")
            // The bootstrap mean of B resample means has sd SE/√B; both tools' means differ by √2 of that.
            let meanSD = 2.squareRoot() * estimate.standardError / 100
            let mean = withinStandardErrors(try #require(estimate.diagnostic("bootstrap mean")), try reference.number("bootstrap_mean"),
                                            standardError: meanSD)
            #expect(mean.ok, "\(name) bootstrap mean: \(mean.message)")
            #expect(estimate.uncertainty.isBootstrap)
        }
    }

    /// The CLT standard errors agree with the bootstrap's (the spread of the resample
    /// means), within the bootstrap's own error of about 1/√(2B) (7% at B = 100… here 1%).
    @Test func cltStandardErrorsAgreeWithTheBootstrap() throws {
        let data = try Self.data()
        for method in OffPolicyEstimator.Method.allCases where method != .snips && method != .sndr {
            let clt = try OffPolicyEstimator(method, switchLambda: 5).estimate(data)
            let boot = try OffPolicyEstimator(method, switchLambda: 5, bootstrapReplications: 10_000).estimate(data, randomness: RandomStream(seed: 3))
            let relative = abs(clt.standardError - boot.standardError) / boot.standardError
            #expect(relative < 4.42 / (2.0 * 10_000).squareRoot() + 0.01, "\(method): CLT \(clt.standardError), bootstrap \(boot.standardError)")
        }
    }
}
