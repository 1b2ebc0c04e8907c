import Foundation
import Tabular
import Testing
@testable import CausalModel

/// Inputs from a review that once trapped, hung, gave wrong answers or misleading
/// errors in counterfactual computations; each test names the finding.
@Suite struct CounterfactualAdversarialTests {
    static func message(_ body: () throws -> Void) -> String { CounterfactualInputTests.message(body) }

    static let binary = """
        x ~ Bernoulli(0.5)
        y ~ Bernoulli(0.2 + 0.6 * x)
        """

    // MARK: Draws and threads

    /// Draw counts outside 1 … `maximumSamples` are errors, not traps or endless runs.
    @Test func drawCountsOutOfRangeAreErrors() throws {
        let model = try ModelFileParser().parse("a = Normal(0, 1)\nb = a + Normal(0, 1)")
        for samples in [0, -3, 10_000_001] {
            let text = Self.message {
                _ = try model.counterfactualExpectation(of: "a", given: Evidence(["b": 1]), doing: [.set("a", to: 0)],
                                                        options: CounterfactualOptions(samples: samples, forceSampling: true))
            }
            #expect(text.contains("samples") && text.contains("10000000"), "\(text)")
        }
    }

    /// A single draw gives an answer whose standard error cannot be estimated: NaN, not 0.
    @Test func oneDrawHasNoStandardError() throws {
        let model = try ModelFileParser().parse("a = Normal(0, 1)\nb = a + Normal(0, 1)")
        let answer = try model.counterfactualExpectation(of: "b", given: Evidence(["b": 1]), doing: [.set("a", to: 0)],
                                                         options: CounterfactualOptions(samples: 1, forceSampling: true))
        #expect(answer.method == .likelihoodWeighting)
        #expect(answer.standardError.isNaN)
        #expect(answer.warnings.contains { $0.contains("standard error") }, "\(answer.warnings)")
        // Two equally weighted draws do estimate it.
        let two = try model.counterfactualExpectation(of: "a", given: Evidence([:]), doing: [.set("b", to: 0)],
                                                      options: CounterfactualOptions(samples: 2, forceSampling: true))
        #expect(two.standardError.isFinite && two.standardError > 0)
    }

    /// Thread counts are kept to 1 … 4 per core, and large ones cost no memory beyond the work.
    @Test func threadCountsAreClamped() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var options = CounterfactualOptions(threads: 100_000)
        #expect(options.threads == 4 * cores)
        options.threads = 0
        #expect(options.threads == 1)
        options.threads = 1_000_000
        #expect(options.threads == 4 * cores)
        let model = try ModelFileParser().parse(Self.binary)
        let answer = try model.counterfactualExpectation(of: "y", given: Evidence(["x": 1, "y": 1]), doing: [.set("x", to: 0)],
                                                         options: options)
        #expect(abs(answer.value - 0.2 / 0.8) <= 1e-12)
    }

    // MARK: Treatment and outcome

    @Test func treatmentAndOutcomeMustDiffer() throws {
        let model = try ModelFileParser().parse(Self.binary)
        let ett = Self.message { _ = try model.effectOfTreatmentOnTheTreated(treatment: "x", outcome: "x") }
        #expect(ett.contains("'x'") && ett.contains("same variable"), "\(ett)")
        let causes = Self.message { _ = try model.probabilitiesOfCausation(treatment: "y", outcome: "y") }
        #expect(causes.contains("'y'") && causes.contains("same variable"), "\(causes)")
    }

    // MARK: Impossible evidence

    /// A discrete value outside its support is blamed on its own variable and row,
    /// not on a child whose parameter it puts out of range.
    @Test func impossibleDiscreteEvidenceNamesItsRowAndValue() throws {
        let model = try ModelFileParser().parse(Self.binary)
        for text in ["x,y\n1,1\n0,0\n1,0\n0,1\n3,1\n", "x,y\n1,1\n0,\n1,0\n0,1\n3,1\n"] {
            let table = try CSVReader.parse(text, source: "observed.csv")
            for forceSampling in [false, true] {
                let error = Self.message {
                    _ = try model.counterfactuals(for: table, doing: [.set("x", to: 0)],
                                                  options: CounterfactualOptions(samples: 500, forceSampling: forceSampling))
                }
                #expect(error.hasPrefix("variable 'x': observed.csv, row 5: the observed value 3 has probability zero"), "\(error)")
            }
        }
        for forceSampling in [false, true] {
            let single = Self.message {
                _ = try model.counterfactualExpectation(of: "y", given: Evidence(["x": -1]), doing: [.set("x", to: 0)],
                                                        options: CounterfactualOptions(samples: 500, forceSampling: forceSampling))
            }
            #expect(single.hasPrefix("variable 'x': the observed value -1 has probability zero"), "\(single)")
        }
    }

    /// An equation that breaks on a possible value names the evidence row, not a row of a block.
    @Test func modelErrorsDuringAbductionNameTheEvidenceRow() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\ny ~ Bernoulli(x)")
        let table = try CSVReader.parse("x,y\n0.5,1\n0.2,\n0.25,1\n2,\n", source: "observed.csv")
        let error = Self.message { _ = try model.counterfactuals(for: table, doing: [.set("x", to: 0.5)]) }
        #expect(error.hasPrefix("variable 'y': observed.csv, row 4: Bernoulli parameter p = 2"), "\(error)")
    }

    /// Consistent evidence that is a lower-dimensional set of the continuous noise is
    /// not "probability zero under the model": the message says what to do.
    @Test func evidenceTooSpecificForSamplingIsNotCalledImpossible() throws {
        let model = try ModelFileParser().parse("a = Normal(0, 1)\nb = 2 * a\nd = 3 * a")
        let error = Self.message {
            _ = try model.counterfactualExpectation(of: "b", given: Evidence(["b": 2, "d": 3]), doing: [.set("a", to: 0)],
                                                    options: CounterfactualOptions(samples: 1_000))
        }
        #expect(!error.contains("probability zero"), "\(error)")
        #expect(error.contains("noise-free") && error.contains("continuous noise") && error.contains("observe"), "\(error)")
        // Evidence that is impossible whatever the noise still says so.
        let copy = try ModelFileParser().parse("x ~ Bernoulli(0.3)\ny = x\nz ~ Bernoulli(0.2 + 0.5 * y)")
        let impossible = Self.message {
            _ = try copy.counterfactualProbability(that: "z", equals: 1, given: Evidence(["x": 0, "y": 1]), doing: [.set("x", to: 1)])
        }
        #expect(impossible.contains("probability zero"), "\(impossible)")
    }

    /// Numbers beyond double precision during abduction are reported as overflow.
    @Test func overflowIsNotProbabilityZero() throws {
        let model = try ModelFileParser().parse("""
            temperature = Normal(23, 3)
            price       = 2 * temperature + Normal(0, 5)
            bookings    = -1 * price + 5 * temperature + Normal(0, 5)
            """)
        for evidence in [["temperature": 1e308, "price": 50], ["temperature": 1e308, "price": 50, "bookings": 3]] {
            let error = Self.message {
                _ = try model.counterfactualExpectation(of: "bookings", given: Evidence(evidence), doing: [.set("price", to: 40)])
            }
            #expect(error.contains("overflow") && !error.contains("probability zero"), "\(error)")
        }
    }

    // MARK: Enumeration of large counts

    /// Poisson(10⁸) has about 14 sd of thresholds worth cutting: far too many for a
    /// small cell budget, so the answer falls back to sampling at once instead of
    /// generating every CDF value from 0.
    @Test(.timeLimit(.minutes(1))) func hugeCountsFallBackToSamplingQuickly() throws {
        for family in ["Poisson(1e8)", "Binomial(1e9, 0.5)"] {
            let model = try ModelFileParser().parse("x ~ \(family)\nz ~ Bernoulli(0.5)\ny = x + z")
            let answer = try model.counterfactualExpectation(of: "y", given: Evidence(["z": 1]), doing: [.set("z", to: 0)],
                                                             options: CounterfactualOptions(samples: 2_000, maximumCells: 10_000))
            #expect(answer.method == .likelihoodWeighting, "\(family)")
            #expect(answer.warnings.contains { $0.contains("exact enumeration") }, "\(answer.warnings)")
        }
    }

    /// Exact enumeration of a Poisson mean up to `maximumEnumeratedCount` gives the mean
    /// (Σ k P(k) over cells cut at thresholds up to 1 − 1e-12; GSL's CDF errs by at most
    /// 3e-11 per threshold there, about 1400 thresholds: far below 1e-6). Above it, GSL's
    /// CDF is off (by up to 2e-4 at 4·10⁶, which shifted the "exact" answer by 0.12), so
    /// the answer is sampled, with a warning, and agrees with the mean within 4.4 standard errors.
    @Test func largePoissonMeansAreNotEnumeratedWithInaccurateThresholds() throws {
        let exact = try ModelFileParser().parse("x ~ Poisson(1e4)\nz ~ Bernoulli(0.5)\ny = x + z")
        let small = try exact.counterfactualExpectation(of: "y", given: Evidence(["z": 1]), doing: [.set("z", to: 0)])
        #expect(small.method == .enumeration)
        #expect(abs(small.value - 1e4) <= 1e-6, "\(small.value)")
        let lambda = 4e6
        let model = try ModelFileParser().parse("x ~ Poisson(4e6)\nz ~ Bernoulli(0.5)\ny = x + z")
        let answer = try model.counterfactualExpectation(of: "y", given: Evidence(["z": 1]), doing: [.set("z", to: 0)],
                                                         options: CounterfactualOptions(samples: 4_000))
        #expect(answer.method == .likelihoodWeighting)
        #expect(answer.warnings.contains { $0.contains("Poisson mean 4000000") && $0.contains("exact enumeration") },
                "\(answer.warnings)")
        #expect(abs(answer.value - lambda) <= 4.4 * answer.standardError, "\(answer.value) ± \(answer.standardError)")
    }

    // MARK: Evidence tables

    @Test func textCellsInEvidenceNameTheirRow() throws {
        let model = try ModelFileParser().parse("a = Normal(0, 1)\nb = a + Normal(0, 1)")
        // A column whose first cell is text is read as text; the error names that cell's row.
        let table = try CSVReader.parse("a,b\n1,NA\n2,abc\n3,4\n", source: "observed.csv")
        let error = Self.message { _ = try model.counterfactuals(for: table, doing: [.set("a", to: 0)]) }
        #expect(error == "observed.csv, row 2, column 'b': 'abc' is not a number", "\(error)")
    }

    /// Observed variables that the intervention does not affect come back exactly as observed.
    @Test func observedValuesComeBackExactly() throws {
        let model = try ModelFileParser().parse("""
            temperature = Normal(23, 3)
            price       = 2 * temperature + Normal(0, 5)
            bookings    = -1 * price + 5 * temperature + Normal(0, 5)
            """)
        let table = try CSVReader.parse("temperature,price,bookings\n0.3,50,10\n0.3,,\n0.7,50,\n", source: "observed.csv")
        for forceSampling in [false, true] {
            let result = try model.counterfactuals(for: table, doing: [.set("price", to: 40)],
                                                   options: CounterfactualOptions(samples: 200, forceSampling: forceSampling))
            #expect(try result.table.numbers("temperature") == [0.3, 0.3, 0.7])
            #expect(try result.table.numbers("price") == [40, 40, 40])
        }
        let single = try model.counterfactualExpectation(of: "temperature", given: Evidence(["temperature": 0.3, "price": 50]),
                                                         doing: [.set("price", to: 40)])
        #expect(single.value == 0.3)
    }
}
