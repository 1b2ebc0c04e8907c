import Foundation
import GSL
import Probability

/// Logistic regression P(y = 1 | x) = 1 / (1 + e^(−xᵀβ)) by maximum likelihood,
/// fitted by Newton's method (equivalently iteratively reweighted least squares):
/// β ← β + (XᵀWX)⁻¹Xᵀ(y − p) with W = diag(pᵢ(1 − pᵢ)), halving the step whenever
/// the log-likelihood would fall. The one logistic implementation of the library
/// (propensity scores, probability learners).
///
/// Standard errors are √diag((XᵀWX)⁻¹) at the maximum (the inverse Fisher information,
/// as statsmodels' `Logit` reports), or the sandwich (XᵀWX)⁻¹·Σ(yᵢ − pᵢ)²xᵢxᵢᵀ·(XᵀWX)⁻¹
/// (HC0; HC1 times n/(n − k); clustered) for a misspecified model (White 1982). When the covariates separate the two classes the
/// maximum likelihood estimate does not exist (Albert & Anderson 1984): the fit is
/// refused with `EstimationError.noOverlap`.
public struct LogisticRegression: Sendable {
    /// Column names of the design.
    public let names: [String]
    /// β̂.
    public let coefficients: [Double]
    /// (XᵀWX)⁻¹ at β̂: the inverse Fisher information.
    public let informationInverse: Matrix
    /// The design X.
    public let design: Matrix
    /// Response residuals yᵢ − pᵢ (the score of row i is (yᵢ − pᵢ)xᵢ).
    public let residuals: [Double]
    /// The maximised log-likelihood Σ yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ).
    public let logLikelihood: Double
    /// Fitted probabilities pᵢ of the rows fitted.
    public let probabilities: [Double]
    /// Newton iterations used.
    public let iterations: Int

    /// Largest |xᵢᵀβ| accepted at the optimum: beyond it a fitted probability is within
    /// e⁻³⁰ ≈ 1e-13 of 0 or 1, which only separation produces.
    static let separationLinearPredictor = 30.0
    /// Newton iterations allowed.
    static let maximumIterations = 100

    /// Fits `response` (0/1, the column `responseName`) on the columns of `design`
    /// (include an intercept yourself); `model` names the fit in errors.
    public init(_ design: Design, response: [Double], responseName: String = "y",
                model: String = "logistic regression") throws {
        try self.init(matrix: design.matrix, names: design.names, response: response, responseName: responseName, model: model)
    }

    /// Fits `response` on the columns of the matrix `x`, whose columns are called `names`.
    public init(matrix x: Matrix, names: [String], response: [Double], responseName: String = "y",
                model: String = "logistic regression") throws {
        let k = names.count
        try Design.checkFullRank(try x.qr(), names: names, model: model)
        var beta = [Double](repeating: 0, count: k)
        var eta = [Double](repeating: 0, count: x.rows)
        var logLik = LogisticRegression.logLikelihood(response, eta)
        var iteration = 0
        var converged = false
        while iteration < LogisticRegression.maximumIterations && !converged {
            iteration += 1
            let p = eta.map(Logistic.value)
            let weights = p.map { $0 * (1 - $0) }
            let gradient = x.transposeTimes(zip(response, p).map { $0 - $1 })
            guard let step = try? x.weightedGram(weights).cholesky().solve(gradient) else { break }
            var scale = 1.0
            var accepted = false
            while scale > 1e-10 {
                let trial = zip(beta, step).map { $0 + scale * $1 }
                let trialEta = x * trial
                let trialLogLik = LogisticRegression.logLikelihood(response, trialEta)
                if trialLogLik >= logLik - 1e-12 * abs(logLik) {
                    beta = trial
                    eta = trialEta
                    converged = (step.map { abs($0 * scale) }.max() ?? 0) <= 1e-10 * max(1, beta.map(abs).max() ?? 0)
                        || abs(trialLogLik - logLik) <= 1e-15 * abs(logLik)
                    logLik = trialLogLik
                    accepted = true
                    break
                }
                scale /= 2
            }
            if !accepted { converged = true }
        }
        let separated = eta.contains { abs($0) > LogisticRegression.separationLinearPredictor }
        if separated {
            let extremes = eta.filter { abs($0) > LogisticRegression.separationLinearPredictor }.count
            throw EstimationError.noOverlap(
                treatment: responseName,
                detail: "the covariates separate treated from untreated perfectly in the \(model) "
                    + "(\(extremes) fitted probabilities are 0 or 1)")
        }
        guard converged else { throw EstimationError.notConverged(model: model, iterations: iteration) }
        let p = eta.map(Logistic.value)
        guard let information = try? x.weightedGram(p.map { $0 * (1 - $0) }).cholesky() else {
            throw EstimationError.noOverlap(treatment: responseName,
                                            detail: "the Fisher information of the \(model) is singular at the optimum")
        }
        self.names = names
        coefficients = beta
        informationInverse = information.inverse()
        design = x
        residuals = zip(response, p).map { $0 - $1 }
        logLikelihood = logLik
        probabilities = p
        iterations = iteration
    }

    /// Cov(β̂): `.classical` is the inverse Fisher information; the others are sandwiches
    /// around it with the scores (yᵢ − pᵢ)xᵢ.
    public func covariance(_ kind: CovarianceKind = .classical) -> Matrix {
        Sandwich.robust(kind, bread: informationInverse, design: design, residuals: residuals,
                        residualDegreesOfFreedom: design.rows - design.columns) ?? informationInverse
    }

    /// Standard errors √diag(Cov(β̂)).
    public func standardErrors(_ kind: CovarianceKind = .classical) -> [Double] { Sandwich.standardErrors(covariance(kind)) }

    /// P(y = 1 | x) for the rows of `design` (same columns as the fit).
    public func probabilities(for design: Matrix) -> [Double] { (design * coefficients).map(Logistic.value) }

    /// Σ yᵢηᵢ − log(1 + e^ηᵢ), evaluated stably.
    static func logLikelihood(_ y: [Double], _ eta: [Double]) -> Double {
        var s = 0.0
        for i in y.indices { s += y[i] * eta[i] - softplus(eta[i]) }
        return s
    }
}

/// log(1 + e^η), without overflow.
@inline(__always) func softplus(_ eta: Double) -> Double {
    eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
}
