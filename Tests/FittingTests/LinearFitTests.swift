import CausalModel
import Fitting
import Foundation
import GSL
import Probability
import Tabular
import Testing

/// `ModelFit` on linear-Gaussian mechanisms, against independent answers: least squares by
/// QR, closed-form conjugate posteriors, and coverage of the true values of a sampled model.
@Suite struct LinearFitTests {
    static func skeleton(_ text: String) throws -> ParametricModel { try ModelFileParser(file: "skeleton.scm").parseParametric(text) }

    static let truth = try! ModelFileParser().parse("""
        x = Normal(0, 1)
        z = Normal(0, 1)
        y = 1 + 2 * x - 0.5 * x * z + Normal(0, 0.7)
        """)

    @Test func flatPriorPosteriorMeanIsLeastSquares() throws {
        let data = try Self.truth.sample(rows: 2000, seed: 11)
        let model = try Self.skeleton("""
            param a
            param b
            param c
            param s
            x = Normal(0, 1)
            z = Normal(0, 1)
            y = a + b * x + c * x * z + Normal(0, s)
            """)
        let fit = try ModelFit(model: model, data: data, seed: 1)
        let x = try data.numbers("x"), z = try data.numbers("z"), y = try data.numbers("y")
        let design = Matrix(columns: [x.map { _ in 1 }, x, zip(x, z).map { $0 * $1 }])
        let qr = try design.qr()
        let (solution, residuals) = try qr.leastSquares(y)
        let means = fit.parameters.map(\.summary.mean)
        for k in 0..<3 {
            #expect(abs(means[k] - solution[k]) <= 1e-10 * abs(solution[k]), "coefficient \(k): \(means[k]) vs \(solution[k])")
        }
        // Marginal sd of a coefficient: Student t with ν = n − p, scale² = RSS/ν · [(XᵀX)⁻¹]ₖₖ.
        let nu = Double(y.count - 3)
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        let inverseGram = try qr.inverseGram()
        for k in 0..<3 {
            let sd = (rss / nu * inverseGram[k, k] * nu / (nu - 2)).squareRoot()
            #expect(abs(fit.parameters[k].summary.sd - sd) <= 1e-8 * sd)
        }
        // E σ for σ² ~ InvGamma(ν/2, RSS/2) is close to √(RSS/ν) for large ν.
        #expect(abs(fit.parameters[3].summary.mean - (rss / nu).squareRoot()) < 1e-3)
        #expect(fit.warnings.isEmpty)
        #expect(fit.variables.first?.residualCheck?.isFlagged == false)
    }

    @Test func knownNoiseSdGivesTheClosedFormNormalPosterior() throws {
        let data = try Self.truth.sample(rows: 300, seed: 12)
        let model = try Self.skeleton("param b ~ Normal(1, 0.1)\nx = Normal(0, 1)\ny = b * x + Normal(0, 2)\n")
        let fit = try ModelFit(model: model, data: data)
        let x = try data.numbers("x"), y = try data.numbers("y")
        let sxx = x.reduce(0) { $0 + $1 * $1 }, sxy = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let precision = sxx / 4 + 1 / 0.01
        let mean = (sxy / 4 + 1 / 0.01) / precision
        let summary = fit.parameters[0].summary
        #expect(abs(summary.mean - mean) <= 1e-12 * abs(mean))
        #expect(abs(summary.sd - (1 / precision).squareRoot()) <= 1e-12)
        #expect(abs(summary.upper - (mean + 1.959963984540054 / precision.squareRoot())) <= 1e-9)
    }

    @Test func gibbsWithVagueNormalPriorsAgreesWithTheExactPosterior() throws {
        let data = try Self.truth.sample(rows: 400, seed: 13)
        let exact = try ModelFit(model: try Self.skeleton("param a\nparam b\nparam s\nx = Normal(0, 1)\ny = a + b * x + Normal(0, s)\n"),
                                 data: data)
        let gibbs = try ModelFit(model: try Self.skeleton("""
            param a ~ Normal(0, 1000)
            param b ~ Normal(0, 1000)
            param s
            x = Normal(0, 1)
            y = a + b * x + Normal(0, s)
            """), data: data, seed: 5)
        for (e, g) in zip(exact.parameters, gibbs.parameters) {
            let se = e.summary.sd / (g.summary.effectiveSampleSize ?? 1).squareRoot()
            #expect(abs(g.summary.mean - e.summary.mean) <= 4.4 * se, "\(e.name): \(g.summary.mean) vs \(e.summary.mean), se \(se)")
            #expect((g.summary.rHat ?? 9) < ModelFit.rHatLimit)
        }
    }

    /// Data from the catalog's confounding model, fitted from its own skeleton: each 95%
    /// interval covers its true value at the nominal rate (binomial tolerance, 4.4 SE),
    /// and an interventional mean from the posterior draws covers the true one.
    @Test func intervalsCoverTheTruthOfASampledCatalogModel() throws {
        let truth = try ModelFileParser().parse("""
            temperature = Normal(23, 3)
            price       = 2 * temperature + Normal(0, 5)
            bookings    = -1 * price + 5 * temperature + Normal(0, 5)
            """)
        let model = try Self.skeleton("""
            param t0
            param st
            param p1
            param sp
            param bp
            param bt
            param sb
            temperature = Normal(t0, st)
            price       = p1 * temperature + Normal(0, sp)
            bookings    = bp * price + bt * temperature + Normal(0, sb)
            """)
        let values: [String: Double] = ["t0": 23, "st": 3, "p1": 2, "sp": 5, "bp": -1, "bt": 5, "sb": 5]
        var covered = 0, trials = 0
        for replication in 0..<40 {
            let fit = try ModelFit(model: model, data: try truth.sample(rows: 300, seed: 100 + UInt64(replication)))
            for (name, summary) in fit.parameters {
                trials += 1
                if let v = values[name], summary.lower <= v, v <= summary.upper { covered += 1 }
            }
        }
        let rate = Double(covered) / Double(trials)
        let se = (0.95 * 0.05 / Double(trials)).squareRoot()
        #expect(trials == 280)
        #expect(abs(rate - 0.95) <= 4.4 * se, "coverage \(rate) over \(trials) intervals")

        let fit = try ModelFit(model: model, data: try truth.sample(rows: 2000, seed: 7))
        let means = try fit.posteriorDraws(count: 200, seed: 3).enumerated().map { k, drawn in
            let rows = try drawn.intervening(.set("price", to: 50)).sample(rows: 1000, seed: 1000 + UInt64(k))
            let b = try rows.numbers("bookings")
            return b.reduce(0, +) / Double(b.count)
        }.sorted()
        let lower = SampleQuantile.typeSeven(sorted: means, 0.025), upper = SampleQuantile.typeSeven(sorted: means, 0.975)
        #expect(lower <= 65 && 65 <= upper, "E[bookings | do(price = 50)] = 65 outside [\(lower), \(upper)]")
    }

    @Test func aLinearMechanismOnANonLinearTruthIsFlaggedAndTheRightFeatureRepairsIt() throws {
        let truth = try ModelFileParser().parse("x = Normal(0, 1)\ny = x ^ 2 + Normal(0, 0.5)\n")
        let data = try truth.sample(rows: 2000, seed: 21)
        let linear = try ModelFit(model: try Self.skeleton("param a\nparam b\nparam s\nx = Normal(0, 1)\ny = a + b * x + Normal(0, s)\n"),
                                  data: data)
        #expect(linear.variables[0].residualCheck?.isFlagged == true)
        #expect(linear.warnings.contains { $0.contains("mis-specified") })
        let quadratic = try ModelFit(model: try Self.skeleton("""
            param a
            param b
            param c
            param s
            x = Normal(0, 1)
            y = a + b * x + c * x ^ 2 + Normal(0, s)
            """), data: data)
        #expect(quadratic.variables[0].residualCheck?.isFlagged == false)
        // Per row, a Gaussian log-likelihood near its maximum is −½(log 2πσ² + 1), σ² the
        // residual variance: 0.25 for the right mechanism; var(x²) + 0.25 = 2.25 for the linear
        // one (x² is uncorrelated with x). Its SE is sd(r²)/(2σ²√n), with E[r⁴] = 3σ⁴ for the
        // right mechanism, and E[(x² − 1 + ε)⁴] = 60 + 6·2·0.25 + 3·0.25² for the linear one.
        let n = Double(data.rowCount)
        for (fit, variance, fourthMoment) in [(quadratic, 0.25, 3 * 0.25 * 0.25), (linear, 2.25, 60 + 3 + 3 * 0.0625)] {
            let expected = -0.5 * (log(2 * Double.pi * variance) + 1)
            let standardError = (fourthMoment - variance * variance).squareRoot() / (2 * variance * n.squareRoot())
            let perRow = fit.variables[0].logLikelihood / n
            #expect(abs(perRow - expected) <= 4.5 * standardError,
                    "log-likelihood per row, σ² = \(variance): \(perRow) vs \(expected) ± \(standardError)")
        }
    }

    @Test func badDataAndMechanismsAreNamedErrors() throws {
        let model = try Self.skeleton("param b\nparam s\nx = Normal(0, 1)\ny = b * x + Normal(0, s)\n")
        let missing = try Table(numericColumns: [("y", [1, 2, 3, 4, 5])], source: "d.csv")
        #expect(throws: TableError.self) { try ModelFit(model: model, data: missing) }
        let holes = try Table(numericColumns: [("x", [1, .nan, 3, 4, 5, .nan]), ("y", [1, 2, 3, 4, 5, 6])], source: "d.csv")
        do {
            _ = try ModelFit(model: model, data: holes)
            Issue.record("NaN rows were accepted")
        } catch {
            #expect("\(error)" == "variable 'y': d.csv: column 'x' has 2 missing or non-finite value(s), in row(s) 2, 6; "
                + "fitting the mechanism of 'y' needs them all")
        }
        let binary = try Table(numericColumns: [("x", (0..<50).map { Double($0 % 7) }), ("y", (0..<50).map { Double($0 % 2) })])
        let warned = try ModelFit(model: model, data: binary)
        #expect(warned.warnings.first?.hasPrefix("variable 'y' holds only 0 and 1 in the data but is given a Gaussian mechanism") == true)
        let nonLinear = try Self.skeleton("param b\nx = Normal(0, 1)\ny = exp(b * x) + Normal(0, 1)\n")
        #expect(throws: ModelError.self) { try ModelFit(model: nonLinear, data: binary) }
        let shared = try Self.skeleton("param b\nx = b + Normal(0, 1)\ny = b * x + Normal(0, 1)\n")
        #expect(throws: ModelError.self) { try ModelFit(model: shared, data: binary) }
    }
}
