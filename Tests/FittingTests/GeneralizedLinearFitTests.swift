import CausalModel
import Fitting
import Foundation
import GSL
import Tabular
import Testing

/// Logistic and Poisson mechanisms, sampled by MCMC: against the maximum-likelihood
/// estimate computed here by iteratively reweighted least squares (QR), the true values
/// of the model the data came from, and the convergence diagnostics.
@Suite struct GeneralizedLinearFitTests {
    static let truth = try! ModelFileParser().parse("""
        x = Normal(0, 1)
        z ~ Bernoulli(0.4)
        y ~ Bernoulli(logistic(-0.5 + 1.2 * x - 0.8 * z))
        c ~ Poisson(exp(0.3 + 0.5 * x))
        """)
    static let truthValues = ["a": -0.5, "b": 1.2, "d": -0.8, "c_intercept": 0.3, "c_x": 0.5]

    static let skeleton = try! ModelFileParser(file: "skeleton.scm").parseParametric("""
        param a
        param b
        param d
        x = Normal(0, 1)
        z ~ Bernoulli(0.4)
        y ~ Bernoulli(logistic(a + b * x + d * z))
        c = auto(x)
        """)

    /// The maximum-likelihood estimate and its Fisher-information sds by IRLS: repeat the
    /// weighted least squares of the working response z = η + (y − μ)/w on X with weights w.
    static func maximumLikelihood(columns: [[Double]], y: [Double], logistic: Bool) throws -> (estimate: [Double], sd: [Double]) {
        var beta = [Double](repeating: 0, count: columns.count)
        for _ in 0..<50 {
            let eta = y.indices.map { i in zip(columns, beta).reduce(0) { $0 + $1.0[i] * $1.1 } }
            let mu = eta.map { logistic ? 1 / (1 + exp(-$0)) : exp($0) }
            let w = mu.map { logistic ? $0 * (1 - $0) : $0 }
            let root = w.map { $0.squareRoot() }
            let working = y.indices.map { root[$0] * (eta[$0] + (y[$0] - mu[$0]) / w[$0]) }
            let design = Matrix(columns: columns.map { column in column.indices.map { root[$0] * column[$0] } })
            beta = try design.qr().leastSquares(working).solution
        }
        let eta = y.indices.map { i in zip(columns, beta).reduce(0) { $0 + $1.0[i] * $1.1 } }
        let root = eta.map { e -> Double in let mu = logistic ? 1 / (1 + exp(-e)) : exp(e); return (logistic ? mu * (1 - mu) : mu).squareRoot() }
        let inverse = try Matrix(columns: columns.map { column in column.indices.map { root[$0] * column[$0] } }).qr().inverseGram()
        return (beta, columns.indices.map { inverse[$0, $0].squareRoot() })
    }

    @Test func posteriorMeansAreTheMaximumLikelihoodEstimates() throws {
        let data = try Self.truth.sample(rows: 2000, seed: 41)
        let fit = try ModelFit(model: Self.skeleton, data: data, seed: 5)
        #expect(fit.variables.map(\.family) == ["logistic", "poisson"])
        #expect(fit.parameters.map(\.name) == ["a", "b", "d", "c_intercept", "c_x"])
        #expect(fit.warnings.isEmpty, "\(fit.warnings)")
        let x = try data.numbers("x"), z = try data.numbers("z")
        let one = x.map { _ in 1.0 }
        let logistic = try Self.maximumLikelihood(columns: [one, x, z], y: try data.numbers("y"), logistic: true)
        let poisson = try Self.maximumLikelihood(columns: [one, x], y: try data.numbers("c"), logistic: false)
        let estimates = logistic.estimate + poisson.estimate, fisherSds = logistic.sd + poisson.sd
        for (k, (name, s)) in fit.parameters.enumerated() {
            let ess = try #require(s.effectiveSampleSize)
            // Monte Carlo error sd/√ESS (5 of them), plus the posterior mean's O(1/n) distance
            // from the MLE under a flat prior, bounded by 0.1 sd (Bernstein–von Mises).
            #expect(abs(s.mean - estimates[k]) <= 5 * s.sd / ess.squareRoot() + 0.1 * s.sd,
                    "\(name): posterior mean \(s.mean), MLE \(estimates[k]), sd \(s.sd), ESS \(ess)")
            #expect(abs(s.sd / fisherSds[k] - 1) <= 0.1, "\(name): posterior sd \(s.sd), inverse Fisher information \(fisherSds[k])")
            let truth = try #require(Self.truthValues[name])
            #expect(abs(s.mean - truth) <= 4.5 * s.sd, "\(name): \(s.mean) ± \(s.sd) vs truth \(truth)")
            #expect(try #require(s.rHat) <= ModelFit.rHatLimit)
        }
        #expect(try #require(fit.variables[0].accuracy) > 0.6)
        // The fitted file is a model: P(y = 1 | do(x = 0, z = 0)) = logistic(a).
        let text = try fit.posteriorMeanModel().description
        let fitted = try ModelFileParser().parse(text).intervening([.set("x", to: 0), .set("z", to: 0)])
        let share = try fitted.sample(rows: 20_000, seed: 3).numbers("y").reduce(0, +) / 20_000
        let p = 1 / (1 + exp(-fit.parameters[0].summary.mean))
        #expect(abs(share - p) <= 4.5 * (p * (1 - p) / 20_000).squareRoot())
    }

    @Test func intervalsCoverTheTruthAcrossReplications() throws {
        var covered = 0, total = 0
        for replication in 0..<8 {
            let data = try Self.truth.sample(rows: 400, seed: 100 + UInt64(replication))
            let fit = try ModelFit(model: Self.skeleton, data: data, seed: UInt64(replication), sampling: MCMCSettings(kept: 1000))
            for (name, s) in fit.parameters {
                let truth = try #require(Self.truthValues[name])
                total += 1
                if s.lower <= truth && truth <= s.upper { covered += 1 }
            }
        }
        // 40 intervals at 95%: P(fewer than 34 cover) = P(Binomial(40, 0.05) ≥ 7) ≈ 0.004.
        #expect(total == 40)
        #expect(covered >= 34, "\(covered) of \(total) intervals cover the truth")
    }

    @Test func shortChainsAreNamedWithTheirRHat() throws {
        let data = try Self.truth.sample(rows: 500, seed: 42)
        let short = try ModelFit(model: Self.skeleton, data: data, seed: 1, sampling: MCMCSettings(kept: 12))
        let flagged = short.parameters.filter { ($0.summary.rHat ?? 0) > ModelFit.rHatLimit }
        #expect(!flagged.isEmpty)
        for (name, s) in flagged {
            let expected = "parameter '\(name)' has not converged: R-hat \(String(format: "%.3f", s.rHat ?? .nan)) is above 1.01"
            #expect(short.warnings.contains(expected), "\(short.warnings)")
        }
        #expect(short.json.rendered().contains("has not converged: R-hat"))
        let standard = try ModelFit(model: Self.skeleton, data: data, seed: 1)
        #expect(standard.warnings.isEmpty, "\(standard.warnings)")
    }

    @Test func misSpecifiedMechanismsFailTheirCalibrationCheck() throws {
        let skeleton = try ModelFileParser().parseParametric("x = Normal(0, 1)\ny = auto(x)\nc = auto(x)\n")
        let wellSpecified = try ModelFit(model: skeleton, data: try Self.truth.sample(rows: 1000, seed: 43), sampling: MCMCSettings(kept: 300))
        let wrong = try ModelFileParser().parse("""
            x = Normal(0, 1)
            e = Normal(0, 0.8)
            y ~ Bernoulli(logistic(-1 + 1.5 * x * x))
            c ~ Poisson(exp(1 + 0.5 * x + e))
            """)
        let misSpecified = try ModelFit(model: skeleton, data: try wrong.sample(rows: 1000, seed: 44), sampling: MCMCSettings(kept: 300))
        for (good, bad) in zip(wellSpecified.variables, misSpecified.variables) {
            let check = try #require(good.calibration)
            #expect(!check.isFlagged, "\(good.variable): \(check)")
            #expect(try #require(bad.calibration).isFlagged, "\(bad.variable)")
            #expect(misSpecified.warnings.contains { $0.hasPrefix("the values of '\(bad.variable)' do not follow its fitted") })
        }
        // Under the model Pearson's X² is χ² with n − p degrees of freedom: mean n − p, sd √(2(n − p)).
        let pearson = try #require(wellSpecified.variables[1].calibration)
        #expect(pearson.test == "pearson-dispersion" && pearson.degreesOfFreedom == 998)
        #expect(abs(pearson.statistic - 998) <= 4.5 * (2 * 998.0).squareRoot())
    }

    @Test func separatedDataNeedANormalPrior() throws {
        let data = try CSVReader.parse("x,y\n-1,0\n-0.5,0\n0.2,1\n1,1\n2,1\n-2,0\n", source: "separated.csv")
        let flat = try ModelFileParser().parseParametric("param a\nparam b\nx = Normal(0, 1)\ny ~ Bernoulli(logistic(a + b * x))\n")
        let error = #expect(throws: ModelError.self) { try ModelFit(model: flat, data: data) }
        #expect(error?.description.contains("separate the 0s from the 1s") == true, "\(String(describing: error))")
        #expect(error?.description.contains("'y'") == true)
        let automatic = try ModelFileParser().parseParametric("x = Normal(0, 1)\ny = auto(x)\n")
        #expect(throws: ModelError.self) { try ModelFit(model: automatic, data: data) }
        let regularised = try ModelFileParser().parseParametric("""
            param a ~ Normal(0, 5)
            param b ~ Normal(0, 5)
            x = Normal(0, 1)
            y ~ BernoulliLogit(a + b * x)
            """)
        let fit = try ModelFit(model: regularised, data: data)
        #expect(fit.parameters[1].summary.lower > 0)
    }

    @Test func countsMustBeWholeAndNonNegative() throws {
        let model = try ModelFileParser().parseParametric("param a\nparam b\nx = Normal(0, 1)\ny ~ Poisson(exp(a + b * x))\n")
        for (csv, row, value) in [("x,y\n1,2\n2,0\n3,-1\n4,2\n", 3, "-1"), ("x,y\n1,2\n2,1.5\n3,1\n", 2, "1.5")] {
            let data = try CSVReader.parse(csv, source: "counts.csv")
            let error = #expect(throws: ModelError.self) { try ModelFit(model: model, data: data) }
            #expect(error?.description.contains("counts.csv: row \(row) of column 'y' is \(value)") == true, "\(String(describing: error))")
        }
        let logistic = try ModelFileParser().parseParametric("param a\nx = Normal(0, 1)\ny ~ Bernoulli(logistic(a * x))\n")
        let error = #expect(throws: ModelError.self) { try ModelFit(model: logistic, data: try CSVReader.parse("x,y\n1,0\n2,2\n", source: "d.csv")) }
        #expect(error?.description.contains("row 2 of column 'y' is 2, but a logistic mechanism needs 0 or 1") == true)
    }
}
