import Foundation
import Probability
import Tabular
import TestSupport
import Testing
@testable import CausalModel

/// Inputs that once gave wrong answers, hangs or traps.
@Suite struct EdgeCaseTests {
    @Test func zeroThreadsMeansOne() throws {
        var options = SamplingOptions(threads: 0)
        #expect(options.threads == 1)
        options.threads = -5
        #expect(options.threads == 1)
        let model = try ModelFileParser().parse("x = Normal(0, 1)")
        #expect(try model.sample(rows: 10, seed: 1, options: options).rowCount == 10)
    }

    @Test func rowCountsOutOfRangeAreErrors() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)")
        #expect(throws: ModelError.self) { try model.sample(rows: Int.max, seed: 1) }
        #expect(throws: ModelError.self) { try model.sample(rows: maximumSampleRows, seed: 1) }
    }

    /// A noise term in the branch an `ifelse` does not take may have invalid parameters there.
    @Test func invalidParametersInAnUntakenBranchAreFine() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\ny = ifelse(x > 0, Poisson(x), 0)")
        let table = try model.sample(rows: 20_000, seed: 4)
        let x = try table.numbers("x"), y = try table.numbers("y")
        for i in x.indices where x[i] <= 0 { #expect(y[i] == 0) }
        let broken = try ModelFileParser().parse("x = Normal(0, 1)\ny = ifelse(x > -1, Poisson(x), 0)")
        do {
            _ = try broken.sample(rows: 1000, seed: 4)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("Poisson parameter lambda = -"))
            #expect("\(error)".hasPrefix("variable 'y': row "))
        }
    }

    @Test func hugePoissonMeansAreRejected() {
        #expect(throws: ModelError.self) { try ModelFileParser().parse("x = Poisson(3e9)") }
    }

    @Test func nonFiniteLiteralsAreRejected() {
        #expect(throws: ModelError("'1e400' is not a finite number", location: SourceLocation(file: "model", line: 1, column: 5))) {
            try ModelFileParser().parse("x = 1e400")
        }
    }

    @Test func minAndMaxDoNotHideNaN() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\ny = max(0, log(x))")
        #expect(throws: ModelError.self) { try model.sample(rows: 100, seed: 1) }
    }

    /// Division by a constant stays a division unless 1/c is exact.
    @Test func divisionByAConstantIsExact() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\ny = x / 3\nz = 2 * x / 4 + 1")
        let table = try model.sample(rows: 20_000, seed: 6)
        let x = try table.numbers("x"), y = try table.numbers("y"), z = try table.numbers("z")
        for i in x.indices {
            #expect(y[i] == x[i] / 3)
            #expect(z[i] == 2 * x[i] / 4 + 1)
        }
    }

    /// A new mechanism may read a noise term by name even when no other equation does.
    @Test func mechanismReadingAnOwnNoiseTerm() throws {
        let model = try ModelFileParser().parse("z = Normal(0, 1)\nx = 2 * z + Normal(0, 1)")
        let replaced = try model.intervening(ModelFileParser().parseIntervention("x = U_x", in: model))
        let a = try model.sample(rows: 1000, seed: 3), b = try replaced.sample(rows: 1000, seed: 3)
        let x = try a.numbers("x"), z = try a.numbers("z"), noise = try b.numbers("x")
        for i in x.indices { #expect(abs(noise[i] - (x[i] - 2 * z[i])) < 1e-12) }
    }

    @Test func propensityIsNotGivenByANonBinaryRule() throws {
        let model = try ModelFileParser().parse("z = Normal(0, 1)\nt = 2 * z")
        #expect(try model.propensity(of: "t") == nil)
    }

    @Test func commentsAndLinesContinuedInsideParentheses() throws {
        let model = try ModelFileParser().parse("""
            # a comment line
            z = Normal(0, 1)   # after an equation
            y = (2 * z +       # the first part
                 3)            # and the rest
            """)
        #expect(try model.variable(named: "y").equation == .binary(.add, .binary(.multiply, .constant(2), .variable("z")), .constant(3)))
    }
}

/// Each noise family used in a model gives its distribution: Kolmogorov–Smirnov
/// distance of the sample against the family's CDF below the 1e-5 critical value
/// √(ln(2/α) / 2n), and for discrete families the frequencies of the first values
/// within 4.42 standard errors.
@Suite struct NoiseFamilyTests {
    static let continuous: [(String, any UnivariateDistribution)] = [
        ("Gamma(2.5, 1.5)", try! Gamma(shape: 2.5, scale: 1.5)),
        ("Beta(2, 5)", try! Beta(2, 5)),
        ("StudentT(4, 1, 2)", try! StudentT(degreesOfFreedom: 4, location: 1, scale: 2)),
        ("Laplace(-1, 0.5)", try! Laplace(location: -1, scale: 0.5)),
        ("Exponential(3)", try! Exponential(rate: 3)),
        ("LogNormal(0.2, 0.7)", try! LogNormal(logMean: 0.2, logSD: 0.7)),
        ("Uniform(-2, 5)", try! Uniform(lower: -2, upper: 5)),
        ("Normal(3, 0.5)", try! Normal(mean: 3, sd: 0.5)),
    ]
    static let discrete: [(String, any UnivariateDistribution)] = [
        ("Binomial(12, 0.3)", try! Binomial(trials: 12, probability: 0.3)),
        ("Poisson(4.5)", try! Poisson(mean: 4.5)),
        ("Categorical(0.1, 0.6, 0.3)", try! Categorical(weights: [0.1, 0.6, 0.3])),
        ("Bernoulli(0.3)", try! Bernoulli(probability: 0.3)),
    ]

    @Test(arguments: continuous.indices)
    func continuousFamily(index: Int) throws {
        let (text, truth) = Self.continuous[index]
        let n = 20_000
        let x = try ModelFileParser().parse("x = \(text)").sample(rows: n, seed: UInt64(100 + index)).numbers("x").sorted()
        var distance = 0.0
        for (i, value) in x.enumerated() {
            let f = truth.cdf(value)
            distance = max(distance, abs(f - Double(i) / Double(n)), abs(f - Double(i + 1) / Double(n)))
        }
        #expect(distance < (log(2 / 1e-5) / (2 * Double(n))).squareRoot(), "\(text): KS distance \(distance)")
    }

    @Test(arguments: discrete.indices)
    func discreteFamily(index: Int) throws {
        let (text, truth) = Self.discrete[index]
        let n = 20_000
        let x = try ModelFileParser().parse("x = \(text)").sample(rows: n, seed: UInt64(200 + index)).numbers("x")
        for k in 0...3 {
            let p = exp(truth.logDensity(Double(k)))
            let f = Double(x.filter { $0 == Double(k) }.count) / Double(n)
            let check = withinStandardErrors(f, p, standardError: max((p * (1 - p) / Double(n)).squareRoot(), 1e-9))
            #expect(check.ok, "\(text) at \(k): \(check.message)")
        }
    }
}
