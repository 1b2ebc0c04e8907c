import CausalModel
import Estimators
import Probability
import Testing
@testable import Validation

/// The mediation estimators scored against the model's natural direct and indirect effects:
/// on a linear model the product of coefficients is unbiased; with an exposure–mediator
/// interaction it is biased and VanderWeele's formulas and the simulation estimator are not.
@Suite struct MediationBenchmarkTests {
    /// A confounder c of T, M and Y, a binary treatment, a linear mediator; Y has the
    /// exposure–mediator interaction θ₃·t·m when `interaction` is not 0.
    static func model(interaction: Double) throws -> StructuralCausalModel {
        try ModelFileParser().parse("""
            c = Normal(0, 1)
            t ~ Bernoulli(logistic(0.5 * c))
            m = 1 + 2 * t + 0.5 * c + Normal(0, 1)
            y = 3 + 1.5 * t + 0.8 * m + \(interaction) * t * m + 0.7 * c + Normal(0, 1)
            """)
    }

    /// |mean − truth| in units of the standard error of the mean over the replications.
    static func standardizedBias(_ p: EstimatorPerformance?, truth: Double) -> Double {
        guard let p else { return .infinity }
        let se = p.standardDeviation / Double(p.runs - p.failures).squareRoot()
        return abs(p.meanEstimate - truth) / se
    }

    @Test func productOfCoefficientsIsUnbiasedOnALinearModel() throws {
        let options = BenchmarkOptions(rows: 400, replications: 200, seed: 11, truthUnits: 20_000,
                                       estimators: ["product-of-coefficients"])
        let report = try MediationBenchmark(model: Self.model(interaction: 0), treatment: "t", mediator: "m", outcome: "y",
                                            options: options).run()
        #expect(report.covariates == ["c"])
        // Path products: NIE = 2 · 0.8 = 1.6 (t → m → y), NDE = 1.5 (t → y).
        let indirect = report.performance(of: "product-of-coefficients", .naturalIndirectEffect)
        let direct = report.performance(of: "product-of-coefficients", .naturalDirectEffect)
        let truth = report.truth
        #expect(abs(truth.naturalIndirect.value - 1.6) < 5 * truth.naturalIndirect.standardError + 1e-9)
        #expect(abs(truth.naturalDirect.value - 1.5) < 5 * truth.naturalDirect.standardError + 1e-9)
        #expect(Self.standardizedBias(indirect, truth: 1.6) < 4.5, "mean \(indirect?.meanEstimate ?? .nan)")
        #expect(Self.standardizedBias(direct, truth: 1.5) < 4.5, "mean \(direct?.meanEstimate ?? .nan)")
        // The Sobel and OLS intervals hold the truth about 95% of the time (binomial SE 1.5 points over 200).
        #expect(abs((indirect?.coverage ?? 0) - 0.95) < 4.5 * (0.95 * 0.05 / 200).squareRoot())
    }

    @Test func withAnInteractionTheProductIsBiasedAndVanderWeelesFormulaIsNot() throws {
        let options = BenchmarkOptions(rows: 400, replications: 150, seed: 12, truthUnits: 20_000,
                                       estimators: ["product-of-coefficients", "vanderweele"])
        let report = try MediationBenchmark(model: Self.model(interaction: 1.2), treatment: "t", mediator: "m", outcome: "y",
                                            options: options).run()
        // NDE = θ₁ + θ₃E[M(0)] = 1.5 + 1.2 · 1 = 2.7; NIE = β₁(θ₂ + θ₃) = 2 · (0.8 + 1.2) = 4.
        let (nde, nie) = (2.7, 4.0)
        let truth = report.truth
        #expect(abs(truth.naturalIndirect.value - nie) < 5 * truth.naturalIndirect.standardError + 1e-9)
        #expect(abs(truth.naturalDirect.value - nde) < 5 * truth.naturalDirect.standardError + 1e-9)
        #expect(Self.standardizedBias(report.performance(of: "vanderweele", .naturalIndirectEffect), truth: nie) < 4.5)
        #expect(Self.standardizedBias(report.performance(of: "vanderweele", .naturalDirectEffect), truth: nde) < 4.5)
        let product = report.performance(of: "product-of-coefficients", .naturalIndirectEffect)
        #expect(Self.standardizedBias(product, truth: nie) > 10)
        #expect(product?.isBiased == true)
        #expect(report.performance(of: "vanderweele", .naturalIndirectEffect)?.isBiased == false)
    }

    @Test func simulationEstimatorAgreesWithTheTruthUnderInteraction() throws {
        let options = BenchmarkOptions(rows: 300, replications: 12, seed: 13, truthUnits: 20_000, estimators: ["simulation"])
        let report = try MediationBenchmark(model: Self.model(interaction: 1.2), treatment: "t", mediator: "m", outcome: "y",
                                            options: options).run()
        #expect(Self.standardizedBias(report.performance(of: "simulation", .naturalIndirectEffect), truth: 4) < 4.5)
        #expect(Self.standardizedBias(report.performance(of: "simulation", .naturalDirectEffect), truth: 2.7) < 4.5)
        #expect(report.text().contains("True natural indirect effect"))
    }

    @Test func simulationHandlesABinaryMediatorAndOutcome() throws {
        let model = try ModelFileParser().parse("""
            c = Normal(0, 1)
            t ~ Bernoulli(logistic(0.5 * c))
            m ~ Bernoulli(logistic(-0.5 + 1.5 * t + 0.5 * c))
            y ~ Bernoulli(logistic(-1 + 0.5 * t + m + 0.8 * t * m + 0.5 * c))
            """)
        let truth = try model.mediationEffects(treatment: "t", mediator: "m", outcome: "y", rows: 200_000, seed: 1)
        // Logistic mediator and outcome models are the true mechanisms here, so the simulated effects are consistent.
        let estimator = SimulationMediation(draws: 40)
        var direct: [Double] = [], indirect: [Double] = []
        for r in 0..<20 {
            let table = try model.sample(rows: 800, seed: UInt64(100 + r))
            let data = try MediationData(table: table, treatment: "t", mediator: "m", outcome: "y", covariates: ["c"])
            let estimate = try estimator.estimate(data, level: 0.95, randomness: RandomStream(seed: UInt64(r)))
            #expect(estimate.indirect.uncertainty.description.hasPrefix("simulation, 40 draws"))
            direct.append(estimate.direct.value)
            indirect.append(estimate.indirect.value)
        }
        for (values, exact) in [(direct, truth.naturalDirect), (indirect, truth.naturalIndirect)] {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            let se = (variance / Double(values.count) + exact.standardError * exact.standardError).squareRoot()
            #expect(abs(mean - exact.value) < 4.5 * se, "mean \(mean), truth \(exact.value), SE \(se)")
        }
    }

    @Test func unknownEstimatorsAreNamed() throws {
        let model = try Self.model(interaction: 0)
        #expect(throws: BenchmarkError.unknownEstimator(name: "sobel", known: ["product-of-coefficients", "vanderweele", "simulation"])) {
            try MediationBenchmark(model: model, treatment: "t", mediator: "m", outcome: "y",
                                   options: BenchmarkOptions(rows: 100, replications: 2, estimators: ["sobel"]))
        }
    }
}
