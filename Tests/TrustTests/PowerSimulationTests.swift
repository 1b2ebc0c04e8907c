import CausalModel
import ModelCatalog
import Testing
@testable import Trust

/// Power simulations against their closed forms. Tolerances: 4.4 binomial standard errors
/// (a failure rate of about 1e-5 per comparison), fixed seeds.
@Suite struct PowerSimulationTests {
    static func banner() throws -> PowerPopulation {
        .model(try ModelCatalog.load("banner"), treatment: "banner", outcome: "spend")
    }

    static func expectWithin(_ point: PowerPoint, of p: Double, extra: Double = 0, _ what: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let se = (p * (1 - p) / Double(point.replications)).squareRoot()
        let z = abs(point.rejectionRate - p) / max(se, 1e-12)
        #expect(abs(point.rejectionRate - p) <= 4.4 * se + extra,
                "\(what): rejection rate \(point.rejectionRate) vs \(p) (\(z) standard errors) at \(point.rows) rows, effect \(point.effect)",
                sourceLocation: sourceLocation)
    }

    @Test func aaTestsRejectAtAlpha() throws {
        let report = try PowerSimulation(population: Self.banner(),
                                         options: PowerOptions(rows: [40, 400], effects: [0], replications: 2000, seed: 11)).run()
        #expect(report.test == .t)
        for point in report.points {
            Self.expectWithin(point, of: 0.05, "A/A false-positive rate")
            #expect(point.analyticPower == 0.05 || abs(point.analyticPower! - 0.05) < 1e-12)
        }
    }

    @Test func simulatedPowerAgreesWithTheClosedForm() throws {
        let report = try PowerSimulation(population: Self.banner(),
                                         options: PowerOptions(rows: [60, 240], effects: [2, 5], replications: 2000, seed: 12)).run()
        for point in report.points { Self.expectWithin(point, of: point.analyticPower!, "t-test power") }
    }

    @Test func theModelsOwnEffect() throws {
        let report = try PowerSimulation(population: Self.banner(), options: PowerOptions(rows: [100], replications: 2000, seed: 13)).run()
        let point = try #require(report.points.first)
        // banner's effect is 5 for every unit: the pilot's average is 5 up to floating point.
        #expect(abs(point.effect - 5) < 1e-9)
        Self.expectWithin(point, of: point.analyticPower!, "own-effect power")
    }

    /// A 0/1 outcome gets the pooled z test; its closed form (Cohen's h) is an approximation
    /// whose error at these sizes is below 0.005, allowed on top of the Monte Carlo error.
    @Test func proportionsAAndPower() throws {
        let population = PowerPopulation.model(try ModelCatalog.load("simpsons_paradox"), treatment: "female", outcome: "admitted")
        let report = try PowerSimulation(population: population,
                                         options: PowerOptions(rows: [400, 1600], effects: [0, 0.08], replications: 2000, seed: 14)).run()
        #expect(report.test == .proportions)
        for point in report.points {
            Self.expectWithin(point, of: point.analyticPower!, extra: point.effect == 0 ? 0 : 0.005, "proportions")
        }
    }

    @Test func resultsDoNotDependOnThreads() throws {
        let one = try PowerSimulation(population: Self.banner(),
                                      options: PowerOptions(rows: [30, 50_000], effects: [0, 1], replications: 12, seed: 5, threads: 1)).run()
        let two = try PowerSimulation(population: Self.banner(),
                                      options: PowerOptions(rows: [50_000, 30], effects: [0, 1], replications: 12, seed: 5, threads: 2)).run()
        #expect(one.points == two.points)
    }

    @Test func dataAreResampled() throws {
        let outcomes = (0..<500).map { Double($0 % 7) }
        let report = try PowerSimulation(population: .data(outcomes: outcomes, name: "y"),
                                         options: PowerOptions(rows: [100], effects: [0, 0.5], replications: 2000, seed: 15)).run()
        for point in report.points { Self.expectWithin(point, of: point.analyticPower!, extra: 0.01, "resampled data") }
        #expect(throws: PowerError.self) {
            try PowerSimulation(population: .data(outcomes: outcomes, name: "y"), options: PowerOptions(rows: [100])).run()
        }
    }

    @Test func sampleSizeForTheTarget() throws {
        let report = try PowerSimulation(population: Self.banner(),
                                         options: PowerOptions(rows: [100, 150, 200, 300], effects: [5], replications: 1000,
                                                               targetPower: 0.8, seed: 16)).run()
        let size = try #require(report.sampleSizes.first)
        // Analytic: σ ≈ 10.96, d ≈ 0.456, n₁ ≈ 76.5 per arm.
        #expect(size.analyticRows.map { (150...160).contains($0) } == true, "\(String(describing: size.analyticRows))")
        let simulated = try #require(size.simulatedRows)
        #expect(abs(simulated - Double(size.analyticRows!)) < 30, "simulated \(simulated)")
    }

    @Test func badSettingsAreRefused() throws {
        #expect(throws: PowerError.invalidPower(1.5)) { try PowerOptions(rows: [100], targetPower: 1.5).validate() }
        #expect(throws: PowerError.invalidPower(0)) { try PowerOptions(rows: [100], targetPower: 0).validate() }
        #expect(throws: PowerError.self) { try PowerOptions(rows: [3]).validate() }
        #expect(throws: PowerError.self) { try PowerOptions(rows: [10, 10]).validate() }
        let error = #expect(throws: PowerError.self) {
            try PowerSimulation(population: Self.banner(), options: PowerOptions(rows: [50, 100], effects: [1], targetPower: 0.8)).run()
        }
        #expect("\(error!)".hasPrefix("the sample sizes cannot reach power 0.8 for effect 1: the largest, 100 rows, gives "))
    }
}
