import CausalModel
import Estimators
import ModelCatalog
import Testing
import TestSupport
@testable import Validation

/// The off-policy estimators against the recommender model's true policy values.
/// Fixed seeds; every statistical check allows 4.42 standard errors (a false alarm
/// rate of about 1e-5 per check, `defaultZBudget`), and the coverage window 90–99%
/// lies 4.6 and 3.7 binomial standard errors from 95% at 400 replications.
@Suite struct PolicyBenchmarkTests {
    static let target = "item = ifelse(novelty > 0, 2, 1)"

    static func benchmark(rows: Int = 1000, replications: Int, seed: UInt64, rewardModel: RewardModelKind,
                          assumedLogging: String? = nil, target: String = target) throws -> PolicyBenchmark {
        let model = try ModelCatalog.load("recommender")
        let policy = try ModelFileParser().parseIntervention(target, in: model)
        let assumed = try assumedLogging.map { try ModelFileParser().parseIntervention($0, in: model) }
        return try PolicyBenchmark(model: model, action: "item", reward: "click", target: policy, assumedLogging: assumed,
                                   options: PolicyBenchmarkOptions(rows: rows, replications: replications, seed: seed,
                                                                   truthUnits: 400_000, rewardModel: rewardModel))
    }

    /// |bias| ≤ 4.42 of its standard error (which holds the truth's Monte Carlo error).
    static func expectUnbiased(_ p: EstimatorPerformance?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let p = try #require(p)
        let check = withinStandardErrors(p.meanEstimate, try #require(p.truth?.value), standardError: try #require(p.biasStandardError))
        #expect(check.ok, "\(p.name): \(check.message)", sourceLocation: sourceLocation)
    }

    /// |bias| > 4.42 of its standard error.
    static func expectBiased(_ p: EstimatorPerformance?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let p = try #require(p)
        let check = withinStandardErrors(p.meanEstimate, try #require(p.truth?.value), standardError: try #require(p.biasStandardError))
        #expect(!check.ok, "\(p.name) should be biased: \(check.message)", sourceLocation: sourceLocation)
    }

    /// With the right propensities, IPS, SNIPS, DR and Switch-DR are unbiased and their
    /// 95% intervals cover the truth in 90–99% of 400 replications, with a reward model
    /// (per-action least squares) that is wrong: the clicks are logistic in the traits.
    @Test func rightPropensitiesGiveUnbiasedEstimatesAndHonestIntervals() throws {
        let report = try Self.benchmark(replications: 400, seed: 11, rewardModel: .fitted).run()
        for name in ["ips", "snips", "dr", "sndr", "switch-dr"] {
            try Self.expectUnbiased(report.performance(of: name))
            let coverage = try #require(report.performance(of: name)?.coverage)
            #expect(coverage >= 0.90 && coverage <= 0.99, "\(name): coverage \(coverage)")
        }
        #expect(report.estimators.allSatisfy { $0.failures == 0 })
    }

    /// A reward model that ignores the context carries the logging policy's confounding:
    /// DM is biased, DR (right propensities) is not; with the model's own reward model DM is unbiased.
    @Test func theDirectMethodIsAsGoodAsItsRewardModel() throws {
        let constant = try Self.benchmark(replications: 200, seed: 12, rewardModel: .constant).run()
        try Self.expectBiased(constant.performance(of: "dm"))
        try Self.expectUnbiased(constant.performance(of: "dr"))
        let truth = try Self.benchmark(replications: 200, seed: 14, rewardModel: .truth).run()
        try Self.expectUnbiased(truth.performance(of: "dm"))
    }

    /// Propensities from a wrong logging policy (uniform over the items): IPS is biased
    /// and says so (the weights' mean is far from 1); DR with a right reward model is not.
    @Test func wrongPropensitiesBiasIPSButNotDRWithARightRewardModel() throws {
        let report = try Self.benchmark(replications: 200, seed: 13, rewardModel: .truth,
                                        assumedLogging: "item ~ Categorical(1, 1, 1, 1)").run()
        try Self.expectBiased(report.performance(of: "ips"))
        try Self.expectUnbiased(report.performance(of: "dr"))
        let warned = try #require(report.performance(of: "ips")).warnings.first { $0.example.contains("not 1") }
        #expect((warned?.replications ?? 0) > 100, "the mean weight should be flagged in most replications")
    }

    /// The Monte Carlo truth against values computed independently by quadrature over the
    /// two standard normal traits (midpoint rule on an 8000 × 8000 grid over [−8, 8]² for
    /// the rule target; 200-point Gauss–Hermite for the logging policy).
    @Test func monteCarloTruthAgreesWithQuadrature() throws {
        let truth = try Self.benchmark(replications: 1, seed: 5, rewardModel: .none).truth()
        let target = withinStandardErrors(truth.value.value, 0.34187754, standardError: truth.value.standardError)
        #expect(target.ok, "target: \(target.message)")
        let logging = withinStandardErrors(truth.loggingValue.value, 0.28679111, standardError: truth.loggingValue.standardError)
        #expect(logging.ok, "logging: \(logging.message)")
        let everyoneItem1 = try Self.benchmark(replications: 1, seed: 6, rewardModel: .none, target: "item = 1").truth()
        let check = withinStandardErrors(everyoneItem1.value.value, 0.29075952, standardError: everyoneItem1.value.standardError)
        #expect(check.ok, "item = 1: \(check.message)")
    }

    /// The same clicks written as a comparison of the unit's own uniform with the click
    /// probability have no conditional mean in closed form, so the truth sums each unit's
    /// own click under every item (its potential outcomes) instead: it agrees with the
    /// conditional-mean truth and with the quadrature value, within their standard errors.
    @Test func ownNoiseTruthAgreesWithTheConditionalMeanTruth() throws {
        let entry = try #require(ModelCatalog.entry(named: "recommender"))
        let text = entry.text.replacingOccurrences(of: "click    ~ Bernoulli(logistic(", with: "click    = Uniform(0, 1) < logistic(")
            .replacingOccurrences(of: "activity * novelty)))", with: "activity * novelty))")
        let model = try ModelFileParser().parse(text)
        #expect(try model.conditionalMean(of: "click") == nil)
        let policy = try ModelFileParser().parseIntervention(Self.target, in: model)
        let own = try PolicyBenchmark(model: model, action: "item", reward: "click", target: policy,
                                      options: PolicyBenchmarkOptions(rows: 100, replications: 1, seed: 8, truthUnits: 400_000,
                                                                      rewardModel: .none)).truth()
        #expect(own.method.contains("from its own noise"), "\(own.method)")
        let mean = try Self.benchmark(replications: 1, seed: 9, rewardModel: .none).truth()
        let se = (own.value.standardError * own.value.standardError + mean.value.standardError * mean.value.standardError).squareRoot()
        let check = withinStandardErrors(own.value.value, mean.value.value, standardError: se)
        #expect(check.ok, "own noise against conditional mean: \(check.message)")
        let quadrature = withinStandardErrors(own.value.value, 0.34187754, standardError: own.value.standardError)
        #expect(quadrature.ok, "own noise against quadrature: \(quadrature.message)")
    }

    /// With discrete noise only, the truth is exact: segment 0 or 1 (probabilities 0.6,
    /// 0.4), the logging policy picks item 1 with probability 0.3 or 0.8, the click
    /// probability is 0.1 + 0.2·item + 0.3·segment·item. The target shows item 1 to
    /// segment 1 only: V = 0.6·0.1 + 0.4·(0.1 + 0.2 + 0.3) = 0.3; the logging policy's
    /// value 0.6·(0.1 + 0.3·0.2) + 0.4·(0.1 + 0.8·0.5) = 0.296.
    @Test func discreteModelsHaveExactTruths() throws {
        let model = try ModelFileParser().parse("""
            segment ~ Bernoulli(0.4)
            item ~ Bernoulli(0.3 + 0.5 * segment)
            click ~ Bernoulli(0.1 + 0.2 * item + 0.3 * segment * item)
            """)
        let target = try ModelFileParser().parseIntervention("item = segment", in: model)
        let benchmark = try PolicyBenchmark(model: model, action: "item", reward: "click", target: target,
                                            options: PolicyBenchmarkOptions(rows: 100, replications: 1))
        let truth = try benchmark.truth()
        #expect(truth.value.isExact && abs(truth.value.value - 0.3) < 1e-12, "\(truth.value)")
        #expect(truth.loggingValue.isExact && abs(truth.loggingValue.value - 0.296) < 1e-12, "\(truth.loggingValue)")
    }

    @Test func targetsWithoutKnownProbabilitiesAreRefused() throws {
        #expect(throws: BenchmarkError.self) {
            try Self.benchmark(replications: 1, seed: 1, rewardModel: .none, target: "item = Normal(0, 1)")
        }
        #expect(throws: BenchmarkError.self) {
            try Self.benchmark(replications: 1, seed: 1, rewardModel: .none, target: "item ~ Categorical(1, 1)")
        }
        let model = try ModelCatalog.load("banner")
        let policy = try ModelFileParser().parseIntervention("engagement = 50", in: model)
        #expect(throws: BenchmarkError.self) {
            try PolicyBenchmark(model: model, action: "engagement", reward: "spend", target: policy,
                                options: PolicyBenchmarkOptions(rows: 100, replications: 1))
        }
    }
}
