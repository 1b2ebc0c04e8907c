import Foundation
import ModelCatalog
import Tabular
import Testing
import TestSupport
@testable import CausalModel

/// Bad evidence gets a clear error naming the place; the banner
/// example and other single-unit answers against closed forms.
@Suite struct CounterfactualInputTests {
    static let banner = """
        engagement = Normal(50, 15)
        banner     ~ Bernoulli(logistic(0.05 * (engagement - 50)))
        spend      = 20 + 0.3 * engagement + 5 * banner + Normal(0, 10)
        """

    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// "For this customer who did not see the banner and spent $20, what would she
    /// have spent had she seen it?" Her noise is 20 − 20 − 0.3·40 = −12, so 20 + 12 + 5 − 12.
    @Test func theBannerQuestion() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let evidence = Evidence(["engagement": 40, "banner": 0, "spend": 20])
        let spend = try model.counterfactualExpectation(of: "spend", given: evidence, doing: [.set("banner", to: 1)])
        #expect(spend.method == .exactInversion)
        #expect(spend.value == 25)
        #expect(spend.standardError == 0)
        // Had her engagement been 60, she would have seen the banner when her uniform ε,
        // known to lie in [p(40), 1), fell below p(60): probability (p60 − p40)/(1 − p40).
        let p40 = 1 / (1 + exp(0.5)), p60 = 1 / (1 + exp(-0.5))
        let seen = (p60 - p40) / (1 - p40)
        let banner = try model.counterfactualExpectation(of: "banner", given: evidence, doing: [.set("engagement", to: 60)])
        let spend60 = try model.counterfactualExpectation(of: "spend", given: evidence, doing: [.set("engagement", to: 60)])
        #expect(banner.method == .enumeration)
        #expect(abs(banner.value - seen) <= 1e-12)
        #expect(abs(spend60.value - (20 + 18 + 5 * seen - 12)) <= 1e-12)
    }

    @Test func unknownVariablesAreNamed() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let evidence = Self.message {
            _ = try model.counterfactualExpectation(of: "spend", given: Evidence(["bannr": 1]), doing: [.set("banner", to: 1)])
        }
        #expect(evidence.contains("evidence") && evidence.contains("'bannr'") && evidence.contains("did you mean 'banner'"), "\(evidence)")
        let query = Self.message {
            _ = try model.counterfactualExpectation(of: "spending", given: Evidence(["banner": 1]), doing: [.set("banner", to: 0)])
        }
        #expect(query.contains("'spending'"), "\(query)")
        let intervention = Self.message {
            _ = try model.counterfactualExpectation(of: "spend", given: Evidence(["banner": 1]), doing: [.set("engagment", to: 0)])
        }
        #expect(intervention.contains("'engagment'"), "\(intervention)")
    }

    @Test func zeroProbabilityEvidenceIsAnError() throws {
        let model = try ModelFileParser().parse(Self.banner)
        // A Bernoulli variable observed at 2: exact inversion finds no noise value.
        let solved = Self.message {
            _ = try model.counterfactualExpectation(of: "spend", given: Evidence(["engagement": 40, "banner": 2, "spend": 20]),
                                                    doing: [.set("banner", to: 1)])
        }
        #expect(solved.contains("banner") && solved.contains("probability zero"), "\(solved)")
        // A deterministic copy observed apart from its source: enumeration finds no cell.
        let binary = try ModelFileParser().parse("""
            x ~ Bernoulli(0.3)
            y = x
            z ~ Bernoulli(0.2 + 0.5 * y)
            """)
        for forceSampling in [false, true] {
            let text = Self.message {
                _ = try binary.counterfactualProbability(that: "z", equals: 1, given: Evidence(["x": 0, "y": 1]),
                                                         doing: [.set("x", to: 1)],
                                                         options: CounterfactualOptions(samples: 1_000, forceSampling: forceSampling))
            }
            #expect(text.contains("probability zero") && text.contains("y"), "\(text)")
        }
        // A log-normal outcome observed negative.
        let positive = try ModelFileParser().parse("a = Normal(0, 1)\nb = a + LogNormal(0, 1)")
        let negative = Self.message {
            _ = try positive.counterfactualExpectation(of: "b", given: Evidence(["a": 1, "b": 0.5]), doing: [.set("a", to: 0)])
        }
        #expect(negative.contains("'b'") && negative.contains("probability zero"), "\(negative)")
    }

    @Test func evidenceTableColumnsAreChecked() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let missing = try Table(numericColumns: [("engagement", [40]), ("spend", [20])], source: "observed.csv")
        let text = Self.message { _ = try model.counterfactuals(for: missing, doing: [.set("banner", to: 1)]) }
        #expect(text.contains("observed.csv") && text.contains("no column for banner"), "\(text)")
        let unknown = try Table(numericColumns: [("engagement", [40]), ("banner", [0]), ("spend", [20]), ("id", [1])],
                                source: "observed.csv")
        let extra = Self.message { _ = try model.counterfactuals(for: unknown, doing: [.set("banner", to: 1)]) }
        #expect(extra.contains("observed.csv") && extra.contains("'id'"), "\(extra)")
        let impossible = try Table(numericColumns: [("engagement", [40, 50]), ("banner", [0, 3]), ("spend", [20, 30])],
                                   source: "observed.csv")
        let row = Self.message { _ = try model.counterfactuals(for: impossible, doing: [.set("banner", to: 1)]) }
        #expect(row.contains("observed.csv, row 2") && row.contains("banner"), "\(row)")
        let text2 = try CSVReader.parse("engagement,banner,spend\n40,0,abc\n", source: "bad.csv")
        let notNumeric = Self.message { _ = try model.counterfactuals(for: text2, doing: [.set("banner", to: 1)]) }
        #expect(notNumeric.contains("bad.csv") && notNumeric.contains("spend"), "\(notNumeric)")
    }

    /// Missing cells are unobserved: such rows are answered by their own posterior.
    @Test func missingCellsArePartialEvidence() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let table = try CSVReader.parse("engagement,banner,spend\n40,0,20\nNA,0,20\n", source: "observed.csv")
        let result = try model.counterfactuals(for: table, doing: [.set("banner", to: 1)],
                                               options: CounterfactualOptions(samples: 4_000, seed: 5))
        #expect(result.rowsByMethod[.exactInversion] == 1)
        #expect(result.rowsByMethod[.likelihoodWeighting] == 1)
        let spend = try result.table.numbers("spend")
        #expect(spend[0] == 25)
        let single = try model.counterfactualExpectation(of: "spend", given: Evidence(["banner": 0, "spend": 20]),
                                                         doing: [.set("banner", to: 1)],
                                                         options: CounterfactualOptions(samples: 4_000, seed: 5))
        // With engagement unknown the unit's noise is uncertain, but spend is additive in
        // banner: the answer is still exactly 25 on every draw.
        #expect(abs(spend[1] - 25) <= 1e-9 && abs(single.value - 25) <= 1e-9)
    }

    /// The catalog's models answer a query each (every variable observed in a sampled row).
    @Test func everyCatalogModelAnswersUnitRows() throws {
        var checked = 0
        for entry in ModelCatalog.entries {
            let model = try entry.model()
            let data = try model.sample(rows: 50, seed: 2)
            let observed = try Table(numericColumns: try model.variables.filter { !$0.isLatent }.map { ($0.name, try data.numbers($0.name)) })
            let target = model.variables.first { !$0.isLatent }!.name
            let value = try data.numbers(target)[0]
            let result = try model.counterfactuals(for: observed, doing: [.set(target, to: value)],
                                                   options: CounterfactualOptions(samples: 200, threads: 2))
            // A model without latent variables or discrete noise is solved exactly in every row.
            if model.variables.allSatisfy({ !$0.isLatent }) && model.noiseTerms.allSatisfy({ !$0.family.isDiscrete }) {
                #expect(result.rowsByMethod[.exactInversion] == 50, "\(entry.name): \(result.rowsByMethod)")
            }
            // do(first variable = its value in row 0) reproduces row 0 wherever it is solvable exactly.
            if result.rowsByMethod[.exactInversion] == 50 {
                checked += 1
                for v in model.variables where !v.isLatent {
                    let original = try data.numbers(v.name)[0], counterfactual = try result.table.numbers(v.name)[0]
                    #expect(abs(original - counterfactual) <= 1e-9 * max(1, abs(original)), "\(entry.name): \(v.name)")
                }
            }
        }
        #expect(checked > 0)
    }

    /// Worlds other than do(X = x): a shifted mechanism keeps the unit's noise; a
    /// stochastic policy brings fresh noise, enumerated (Bernoulli) or drawn.
    @Test func shiftAndPolicyWorlds() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let unit = Evidence(["engagement": 40, "banner": 0, "spend": 20])
        let shifted = try model.counterfactualExpectation(of: "spend", given: unit, doing: [.shift("spend", by: 3)])
        #expect(shifted.method.isExact && shifted.value == 23)
        let policy = Intervention.policy("banner", .bernoulli, [.constant(0.3)])
        let exact = try model.counterfactualExpectation(of: "spend", given: unit, doing: [policy])
        #expect(exact.method == .enumeration)
        #expect(abs(exact.value - (20 + 12 + 5 * 0.3 - 12)) <= 1e-12)
        let sampled = try model.counterfactualExpectation(of: "spend", given: unit, doing: [policy],
                                                          options: CounterfactualOptions(samples: 20_000, seed: 2, forceSampling: true))
        let check = withinStandardErrors(sampled.value, 21.5, standardError: sampled.standardError)
        #expect(check.ok, "\(check.message)")
    }

    /// Evidence far in a tail leaves few effective draws: the answer says so.
    @Test func lowEffectiveSampleSizeIsWarned() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let answer = try model.counterfactualExpectation(of: "banner", given: Evidence(["spend": 140]), doing: [.set("engagement", to: 50)],
                                                         options: CounterfactualOptions(samples: 2_000, seed: 1))
        #expect(answer.method == .likelihoodWeighting)
        let ess = try #require(answer.effectiveSampleSize)
        #expect(ess < 100)
        #expect(answer.warnings.contains { $0.contains("effective sample size") }, "\(answer.warnings)")
    }

    /// Sampled answers depend on the seed only, not on the number of threads.
    @Test func samplingIsReproducibleAcrossThreadCounts() throws {
        let model = try ModelFileParser().parse(Self.banner)
        let table = try CSVReader.parse("engagement,banner,spend\nNA,0,20\n45,NA,30\nNA,1,NA\n", source: "observed.csv")
        func run(_ threads: Int) throws -> (Double, Table) {
            let options = CounterfactualOptions(samples: 9_000, seed: 12, threads: threads)
            let one = try model.counterfactualExpectation(of: "spend", given: Evidence(["spend": 20]), doing: [.set("banner", to: 1)],
                                                          options: options)
            return (one.value, try model.counterfactuals(for: table, doing: [.set("engagement", to: 60)], options: options).table)
        }
        let (a, tableA) = try run(1)
        let (b, tableB) = try run(2)
        #expect(a == b)
        #expect(tableA == tableB)
    }
}
