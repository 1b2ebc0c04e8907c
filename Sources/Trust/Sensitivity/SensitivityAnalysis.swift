import Estimators
import Foundation
import Probability
import Tabular

/// A sensitivity analysis of a linear regression estimate to an unobserved confounder
/// (Cinelli & Hazlett 2020), as R's and Python's `sensemakr` do it.
///
/// Fits Y = α + τ·D + Xβ + ε by OLS (classical standard errors), reads the robustness
/// values and the partial R² of the treatment off the t-value (`OmittedVariableBias`), and
/// for each benchmark covariate X_j and multiplier k bounds a confounder k times as strong
/// as X_j: X_j's partial R² with the outcome comes from the same regression
/// (t_j²/(t_j² + ν)), its partial R² with the treatment from D = γ₀ + Xγ + u (with ν − 1
/// + 1 = n − p − 1 degrees of freedom). The estimate is also given E-values through its
/// standardised mean difference (`EValue(regressionCoefficient:…)`).
///
///     let table = try CSVReader.read(path: "ols_data.csv")
///     let report = try SensitivityAnalysis(treatment: "d", outcome: "y", benchmarks: ["x1"]).run(on: table)
///     report.robustnessValue      // 0.1885
///     report.bounds[0].adjusted   // the estimate adjusted for a confounder as strong as x1
public struct SensitivityAnalysis: Sendable {
    /// The treatment column D.
    public var treatment: String
    /// The outcome column Y.
    public var outcome: String
    /// The covariates X; nil: every other numeric column.
    public var covariates: [String]?
    /// Observed covariates to benchmark a confounder against.
    public var benchmarks: [String]
    /// The multipliers k_D of the benchmark's strength with the treatment.
    public var kd: [Double]
    /// The multipliers k_Y with the outcome; nil: the same as `kd`.
    public var ky: [Double]?
    /// The fraction q of the estimate a confounder should remove for the robustness value (1: all of it).
    public var q: Double
    /// The significance level α of the robustness value RV_{q,α} and of the intervals.
    public var alpha: Double
    /// The estimator whose estimate is analysed: only "ols" (a linear regression) is possible.
    public var estimator: String

    /// The estimators accepted for the robustness value: a plain linear regression.
    public static let linearEstimators = ["ols", "linear-regression"]

    /// An analysis of the effect of `treatment` on `outcome`.
    public init(treatment: String, outcome: String, covariates: [String]? = nil, benchmarks: [String] = [],
                kd: [Double] = [1, 2, 3], ky: [Double]? = nil, q: Double = 1, alpha: Double = 0.05, estimator: String = "ols") {
        self.treatment = treatment
        self.outcome = outcome
        self.covariates = covariates
        self.benchmarks = benchmarks
        self.kd = kd
        self.ky = ky
        self.q = q
        self.alpha = alpha
        self.estimator = estimator
    }

    /// Checks the options that do not need the data.
    public func validate() throws {
        guard Self.linearEstimators.contains(estimator) else { throw SensitivityError.notLinear(estimator: estimator) }
        guard alpha > 0, alpha < 1 else { throw SensitivityError.invalidOption(option: "alpha", detail: "must lie strictly between 0 and 1 (got \(alpha))") }
        guard q > 0, q.isFinite else { throw SensitivityError.invalidOption(option: "q", detail: "must be positive (got \(q))") }
        for k in kd + (ky ?? []) where !(k > 0 && k.isFinite) {
            throw SensitivityError.invalidMultiplier(k, detail: "a confounder's strength relative to a benchmark must be positive")
        }
        if let ky, ky.count != kd.count {
            throw SensitivityError.invalidOption(option: "ky", detail: "gives \(ky.count) multipliers for \(kd.count) values of kd")
        }
    }

    /// The covariates used with `table`: those named, or every numeric column but the treatment and outcome.
    public func covariates(in table: Table) -> [String] {
        covariates ?? table.numericColumns(excluding: [treatment, outcome])
    }

    /// Runs the analysis on the columns of `table`.
    public func run(on table: Table) throws -> SensitivityReport {
        try validate()
        let covariateNames = covariates(in: table)
        var seen = Set<String>()
        for name in [treatment, outcome] + covariateNames where !seen.insert(name).inserted {
            throw SensitivityError.repeatedColumn(name)
        }
        for name in benchmarks where !covariateNames.contains(name) {
            throw SensitivityError.benchmarkNotCovariate(name, covariates: covariateNames)
        }
        let data = try CausalData(table: table, roles: Roles(outcome: outcome, treatment: treatment, covariates: covariateNames))
        return try run(on: data)
    }

    /// Runs the analysis on prepared data (its roles name the treatment, outcome and covariates).
    public func run(on data: CausalData) throws -> SensitivityReport {
        try validate()
        guard let d = data.treatment, let treatmentName = data.roles.treatment else {
            throw EstimationError.missingRole(estimator: "sensitivity analysis", role: "a treatment column")
        }
        let names = data.roles.covariates
        let n = data.rowCount
        guard n > names.count + 3 else { throw SensitivityError.tooFewRows(rows: n, needed: names.count + 3) }
        for (role, name, column) in [("treatment", treatmentName, d), ("outcome", data.roles.outcome, data.outcome)]
            + zip(names, data.covariates).map({ ("covariate", $0, $1) }) {
            if let first = column.first, column.allSatisfy({ $0 == first }) {
                throw SensitivityError.constantColumn(column: name, role: role, value: first)
            }
        }
        let fit = try RegressionFit(response: data.outcome, regressors: [(treatmentName, d)] + Array(zip(names, data.covariates)))
        let ovb = OmittedVariableBias(estimate: fit.coefficient(1), standardError: fit.standardError(1),
                                      degreesOfFreedom: fit.degreesOfFreedom)
        var benchmarkStrengths: [BenchmarkCovariate] = []
        if !benchmarks.isEmpty {
            let treatmentFit = try RegressionFit(response: d, regressors: Array(zip(names, data.covariates)))
            for name in benchmarks {
                guard let j = names.firstIndex(of: name) else {
                    throw SensitivityError.benchmarkNotCovariate(name, covariates: names)
                }
                benchmarkStrengths.append(BenchmarkCovariate(
                    name: name,
                    treatmentR2: OmittedVariableBias.partialR2(tValue: treatmentFit.tValue(1 + j),
                                                               degreesOfFreedom: treatmentFit.degreesOfFreedom),
                    outcomeR2: OmittedVariableBias.partialR2(tValue: fit.tValue(2 + j), degreesOfFreedom: fit.degreesOfFreedom)))
            }
        }
        var bounds: [SensitivityBound] = []
        for benchmark in benchmarkStrengths {
            for (i, kd) in kd.enumerated() {
                let ky = self.ky?[i] ?? kd
                guard let strength = OmittedVariableBias.benchmarkBound(treatmentR2: benchmark.treatmentR2,
                                                                        outcomeR2: benchmark.outcomeR2, kd: kd, ky: ky) else {
                    throw SensitivityError.invalidMultiplier(kd, detail: "a confounder \(kd) times as strong as '\(benchmark.name)' "
                        + "with the treatment would explain all of its variance (partial R² \(benchmark.treatmentR2)); use a smaller kd")
                }
                bounds.append(SensitivityBound(benchmark: benchmark.name, kd: kd, ky: ky,
                                               adjusted: ovb.adjusted(treatmentR2: strength.treatmentR2,
                                                                      outcomeR2: strength.outcomeR2, alpha: alpha)))
            }
        }
        let sdY = RunningMoments(data.outcome).variance.squareRoot()
        return SensitivityReport(
            treatment: treatmentName, outcome: data.roles.outcome, covariates: names, rows: n, q: q, alpha: alpha,
            ovb: ovb, robustnessValue: ovb.robustnessValue(q: q), robustnessValueAlpha: ovb.robustnessValue(q: q, alpha: alpha),
            benchmarks: benchmarkStrengths, bounds: bounds, outcomeStandardDeviation: sdY,
            evalue: EValue(regressionCoefficient: ovb.estimate, standardError: ovb.standardError, outcomeStandardDeviation: sdY))
    }
}

extension Table {
    /// The names of the numeric columns, in order, but those in `excluded`: the covariates a
    /// command uses when none are named.
    public func numericColumns(excluding excluded: [String]) -> [String] {
        names.filter { name in !excluded.contains(name) && (try? numbers(name)) != nil }
    }
}

/// An ordinary least-squares fit with an intercept first, its classical standard errors
/// and residual degrees of freedom; regressor j (0-based, in the order given) is coefficient j + 1.
struct RegressionFit {
    let fit: LinearRegression
    let standardErrors: [Double]

    init(response: [Double], regressors: [(String, [Double])]) throws {
        var design = Design(rows: response.count)
        design.addIntercept()
        for (name, values) in regressors { design.add(name, values) }
        fit = try LinearRegression(design, response: response, model: "OLS of the sensitivity analysis")
        standardErrors = fit.standardErrors(.classical)
    }

    func coefficient(_ i: Int) -> Double { fit.coefficients[i] }
    func standardError(_ i: Int) -> Double { standardErrors[i] }
    func tValue(_ i: Int) -> Double { fit.coefficients[i] / standardErrors[i] }
    var degreesOfFreedom: Double { Double(fit.residualDegreesOfFreedom) }
}

/// The partial R²s of an observed covariate used as a benchmark.
public struct BenchmarkCovariate: Sendable, Equatable {
    /// The covariate's name.
    public let name: String
    /// Its partial R² with the treatment given the other covariates, R²_{D~Xj|X−j}.
    public let treatmentR2: Double
    /// Its partial R² with the outcome given the treatment and the other covariates, R²_{Y~Xj|D,X−j}.
    public let outcomeR2: Double
}

/// The estimate adjusted for a confounder k_D and k_Y times as strong as a benchmark covariate.
public struct SensitivityBound: Sendable, Equatable {
    /// The benchmark covariate.
    public let benchmark: String
    /// The multiplier of its strength with the treatment.
    public let kd: Double
    /// The multiplier of its strength with the outcome.
    public let ky: Double
    /// The adjusted estimate, with the confounder's partial R²s.
    public let adjusted: AdjustedEstimate
}

/// The result of a `SensitivityAnalysis`.
public struct SensitivityReport: Sendable, Equatable {
    /// The treatment D.
    public let treatment: String
    /// The outcome Y.
    public let outcome: String
    /// The covariates X of the regression.
    public let covariates: [String]
    /// The rows n.
    public let rows: Int
    /// The fraction of the estimate the robustness value asks a confounder to remove.
    public let q: Double
    /// The significance level.
    public let alpha: Double
    /// The estimate, its standard error and degrees of freedom, and the formulas on them.
    public let ovb: OmittedVariableBias
    /// RV_q.
    public let robustnessValue: Double
    /// RV_{q,α}.
    public let robustnessValueAlpha: Double
    /// The benchmark covariates' partial R²s.
    public let benchmarks: [BenchmarkCovariate]
    /// The adjusted estimates, benchmark by benchmark, multiplier by multiplier.
    public let bounds: [SensitivityBound]
    /// sd(Y) with n − 1, for the E-value's standardised mean difference.
    public let outcomeStandardDeviation: Double
    /// E-values of the estimate through RR ≈ exp(0.91·β/sd(Y)).
    public let evalue: EValue

    /// The unadjusted estimate with its interval estimate ∓ |t_{α/2; ν}|·se (no confounder).
    public var unadjusted: AdjustedEstimate { ovb.adjusted(treatmentR2: 0, outcomeR2: 0, alpha: alpha).withClassicalError(ovb) }
}

extension AdjustedEstimate {
    /// The same estimate with the regression's own standard error (no ν/(ν − 1) factor).
    func withClassicalError(_ ovb: OmittedVariableBias) -> AdjustedEstimate {
        let critical = (upper - estimate) / standardError
        return AdjustedEstimate(treatmentR2: 0, outcomeR2: 0, estimate: estimate, standardError: ovb.standardError,
                                lower: estimate - critical * ovb.standardError, upper: estimate + critical * ovb.standardError)
    }
}
