import MachineResources
import CausalModel
import Estimators
import Foundation
import ModelCatalog
import Testing
@testable import Validation

/// Adversarial options and models: each gives a `BenchmarkError` that names the place,
/// never a trap or an allocation that cannot succeed.
@Suite struct BadInputTests {
    static func prepare(_ model: String = "banner", _ t: String = "banner", _ y: String = "spend",
                        rows: Int = 200, replications: Int = 2, estimators: [String]? = ["difference-in-means"]) throws -> Benchmark {
        try Benchmark(model: ModelCatalog.load(model), treatment: t, outcome: y,
                      options: BenchmarkOptions(rows: rows, replications: replications, truthUnits: 1000,
                                                estimators: estimators, threads: 2))
    }

    /// The option named, and the start of its message.
    static func expectInvalid(_ option: String, startingWith prefix: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                              _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error for \(option)", sourceLocation: sourceLocation)
        } catch let BenchmarkError.invalidOption(named, detail) {
            #expect(named == option, sourceLocation: sourceLocation)
            #expect(detail.hasPrefix(prefix), "\(detail)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(option): unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Replications whose results cannot be kept are refused before anything is
    /// allocated, also where replications × estimators overflows.
    @Test func replicationsBeyondMemoryAreRefused() throws {
        Self.expectInvalid("replications", startingWith: "9223372036854775807 replications of 1 estimator need about ") {
            _ = try Self.prepare(replications: Int.max)
        }
        Self.expectInvalid("replications", startingWith: "1000000000 replications of 2 estimators need about ") {
            _ = try Self.prepare(replications: 1_000_000_000, estimators: ["difference-in-means", "ipw"])
        }
        do {
            _ = try Self.prepare(replications: 1_000_000_000, estimators: ["difference-in-means", "ipw"])
        } catch let BenchmarkError.invalidOption(_, detail) {
            // The largest count that fits is stated, and it is one that fits.
            let most = try #require(detail.split(separator: " ").reversed().dropFirst(2).first.flatMap { Int($0) }, "\(detail)")
            #expect(detail.hasSuffix("; at most \(most) replications fit"))
            #expect(most * 2 * MemoryBudget.bytesPerEstimatorRun <= MemoryBudget.planBytes)
            #expect((most + 1) * 2 * MemoryBudget.bytesPerEstimatorRun > MemoryBudget.planBytes)
        }
    }

    /// Rows and truth units beyond memory are refused in the benchmark's words, not
    /// the sampler's advice to stream them to a file (which a benchmark cannot do).
    @Test func rowsAndTruthUnitsBeyondMemoryAreRefused() throws {
        Self.expectInvalid("rows", startingWith: "10000000000 rows per replication need about ") {
            _ = try Self.prepare(rows: 10_000_000_000)
        }
        Self.expectInvalid("rows", startingWith: "\(Int.max) rows per replication need about ") {
            _ = try Self.prepare(rows: Int.max)
        }
        let model = try ModelCatalog.load("banner")
        let design = try BenchmarkDesign(model: model, treatment: "banner", outcome: "spend")
        Self.expectInvalid("truth units", startingWith: "10000000000 Monte Carlo units need about ") {
            _ = try TrueEffects(model: model, design: design, units: 10_000_000_000, seed: 1)
        }
        let error = #expect(throws: BenchmarkError.self) {
            _ = try Benchmark(model: model, treatment: "banner", outcome: "spend",
                              options: BenchmarkOptions(rows: 100, replications: 1, truthUnits: Int.max,
                                                        estimators: ["difference-in-means"])).run()
        }
        #expect(error?.description.contains("write them to a file") == false)
    }

    /// Estimator names: empty ones, padded ones and repeats are named.
    @Test func estimatorNamesAreChecked() throws {
        #expect(throws: BenchmarkError.invalidOption(option: "estimators", detail: "name 2 of 3 is empty")) {
            try Self.prepare(estimators: ["ipw", "", "aipw"])
        }
        #expect(throws: BenchmarkError.invalidOption(option: "estimators", detail: "'ipw' is named twice")) {
            try Self.prepare(estimators: ["ipw", "aipw", "ipw"])
        }
        #expect(throws: BenchmarkError.invalidOption(option: "estimators", detail: "name 1 of 1 is ' ipw', with white space around it")) {
            try Self.prepare(estimators: [" ipw"])
        }
        #expect(throws: BenchmarkError.invalidOption(option: "estimators", detail: "the list is empty")) {
            try Self.prepare(estimators: [])
        }
        #expect(try Self.prepare(estimators: ["aipw", "ipw"]).estimators.map(\.name) == ["ipw", "aipw"])
    }

    /// A replication whose sample cannot be drawn names its number and sample seed,
    /// and sampling the model with that seed meets the same error.
    @Test func aFailedReplicationIsNamedWithItsSeed() throws {
        // log(x + 3.5) fails for x < −3.5 (probability 2.3e-4 per row): with this seed the
        // truth's 1000 units pass, and some of 100 replications of 100 rows fail.
        let rare = try ModelFileParser().parse("""
            x = Normal(0, 1)
            t ~ Bernoulli(0.5)
            y = log(x + 3.5) + t + Normal(0, 1)
            """)
        let always = try ModelFileParser().parse("x = Normal(0, 1)\nt ~ Bernoulli(0.5)\ny = log(x) + t\n")
        for (model, replications) in [(rare, 100), (always, 3)] {
            let options = BenchmarkOptions(rows: 100, replications: replications, seed: 4, truthUnits: 1000,
                                           estimators: ["difference-in-means"], threads: 2)
            let error = #expect(throws: BenchmarkError.self) {
                _ = try Benchmark(model: model, treatment: "t", outcome: "y", options: options).run()
            }
            guard case let .replicationFailed(replication, total, sampleSeed, message)? = error else {
                Issue.record("not a replication failure: \(String(describing: error))")
                continue
            }
            #expect(total == replications && (1...replications).contains(replication))
            #expect(sampleSeed == Benchmark.sampleSeed(4, replication: replication - 1))
            #expect(error?.description == "replication \(replication) of \(replications) (sample seed \(sampleSeed)): \(message)")
            let again = #expect(throws: ModelError.self) { try model.sample(rows: 100, seed: sampleSeed) }
            #expect(again.map { "\($0)" } == message)
            #expect(message.hasPrefix("variable 'y': row "))
            // Every earlier replication's sample is fine: the earliest failure is reported.
            for r in 0..<(replication - 1) {
                #expect(throws: Never.self) { try model.sample(rows: 100, seed: Benchmark.sampleSeed(4, replication: r)) }
            }
        }
    }

    /// A truth sample that cannot be drawn says so, with its size and seed.
    @Test func aFailedTruthIsNamed() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\nt ~ Bernoulli(0.5)\ny = log(x + 2) + t\n")
        let benchmark = try Benchmark(model: model, treatment: "t", outcome: "y",
                                      options: BenchmarkOptions(rows: 10, replications: 1, seed: 6, truthUnits: 100_000,
                                                                estimators: ["difference-in-means"]))
        let error = #expect(throws: BenchmarkError.self) { try benchmark.run() }
        #expect(error?.description.hasPrefix("the truth's sample of 100000 units with their potential outcomes (seed ") == true)
        #expect(error?.description.contains("variable 'y': row ") == true, "\(String(describing: error))")
    }

    /// The report and the chart title count in the singular for one replication.
    @Test func oneReplicationIsSingular() throws {
        let report = try Self.prepare(rows: 100, replications: 1).run()
        #expect(report.text().contains("\n1 replication of 100 rows (seed 1); "))
        #expect(report.chart().title.hasSuffix(": 1 replication of 100 rows"))
        #expect(report.text().contains("over 1 replication it is known to about ±22 points"))
    }
}
