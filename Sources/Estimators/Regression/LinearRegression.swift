import GSL

/// How to estimate the covariance of least-squares coefficients.
public enum CovarianceKind: Sendable, Equatable {
    /// σ̂²·(XᵀX)⁻¹ with σ̂² = RSS / (n − k − a), a the absorbed degrees of freedom.
    case classical
    /// White's (1980) heteroskedasticity-consistent (XᵀX)⁻¹·Σ eᵢ²xᵢxᵢᵀ·(XᵀX)⁻¹.
    case hc0
    /// HC0 × n / (n − k − a) (MacKinnon & White 1985); Stata's `robust`, statsmodels' `HC1`.
    case hc1
    /// Cluster-robust (Liang & Zeger 1986): (XᵀX)⁻¹·Σ_g s_g s_gᵀ·(XᵀX)⁻¹ with
    /// s_g = Σ_{i∈g} eᵢxᵢ, rows grouped by `clusters`, scaled by `correction`.
    case clustered(by: GroupCodes, correction: ClusterCorrection)
}

/// The finite-sample factor applied to a cluster-robust covariance (G clusters,
/// n rows, k coefficients, a absorbed degrees of freedom).
public enum ClusterCorrection: Sendable, Equatable {
    /// G/(G − 1)·(n − 1)/(n − k − a): Stata's CR1 and statsmodels' default.
    case stata
    /// n/(n − k − a): linearmodels' `PanelOLS` default (`debiased=False`), which rescales
    /// by the residual degrees of freedom left after the absorbed fixed effects.
    case residualDegreesOfFreedom
    /// G/(G − 1)·(n − 1)/(n − k − m), counting only the m absorbed parameters that are not
    /// nested within the clusters (Stata's `xtreg, fe vce(cluster)`; Cameron & Miller 2015,
    /// §III.B): effects nested in clusters do not inflate a cluster-robust variance, and
    /// counting them (as `residualDegreesOfFreedom` does) overstates it badly in short panels.
    case stataNested(absorbedOutsideClusters: Int)
}

/// Ordinary least squares y = Xβ + ε, fitted by Householder QR, with classical,
/// HC0/HC1 and cluster-robust covariances. The one OLS implementation of the library.
///
/// β̂ = argmin ‖y − Xβ‖² is solved from X = QR without forming XᵀX; a design without
/// full column rank is refused with an error naming the collinear columns.
///
///     let fit = try LinearRegression(Design([("intercept", ones), ("x", x)]), response: y)
///     fit.coefficients                    // β̂
///     fit.standardErrors(.hc1)            // robust SEs
public struct LinearRegression: Sendable {
    /// Column names of the design.
    public let names: [String]
    /// β̂, in the order of `names`.
    public let coefficients: [Double]
    /// Residuals eᵢ = yᵢ − xᵢᵀβ̂.
    public let residuals: [Double]
    /// (XᵀX)⁻¹.
    public let bread: Matrix
    /// The design X.
    public let design: Matrix
    /// Degrees of freedom absorbed before the fit (e.g. by demeaning out fixed effects).
    public let absorbedDegreesOfFreedom: Int
    /// Σ (yᵢ − ȳ)², for R².
    let totalSumOfSquares: Double

    /// Fits y on the columns of `design`. `model` names the regression in errors;
    /// `absorbedDegreesOfFreedom` counts parameters removed before the fit (fixed effects).
    public init(_ design: Design, response: [Double], model: String = "OLS", absorbedDegreesOfFreedom: Int = 0) throws {
        try self.init(matrix: design.matrix, names: design.names, response: response, model: model,
                      absorbedDegreesOfFreedom: absorbedDegreesOfFreedom)
    }

    /// Fits y on the columns of the matrix `x`, whose columns are called `names`.
    public init(matrix x: Matrix, names: [String], response: [Double], model: String = "OLS",
                absorbedDegreesOfFreedom: Int = 0) throws {
        guard x.rows > x.columns + absorbedDegreesOfFreedom else {
            throw EstimationError.tooFewObservations(
                estimator: model, detail: "\(x.rows) rows for \(x.columns) coefficients")
        }
        let qr = try x.qr()
        try Design.checkFullRank(qr, names: names, model: model)
        let (beta, residuals) = try qr.leastSquares(response)
        self.names = names
        coefficients = beta
        self.residuals = residuals
        bread = try qr.inverseGram()
        design = x
        self.absorbedDegreesOfFreedom = absorbedDegreesOfFreedom
        let mean = response.reduce(0, +) / Double(response.count)
        totalSumOfSquares = response.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }

    /// The number of rows n.
    public var rowCount: Int { residuals.count }
    /// Residual degrees of freedom n − k − a.
    public var residualDegreesOfFreedom: Int { rowCount - coefficients.count - absorbedDegreesOfFreedom }
    /// RSS = Σ eᵢ².
    public var residualSumOfSquares: Double { residuals.reduce(0) { $0 + $1 * $1 } }
    /// σ̂² = RSS / (n − k − a).
    public var residualVariance: Double { residualSumOfSquares / Double(residualDegreesOfFreedom) }
    /// R² = 1 − RSS / Σ(yᵢ − ȳ)² (centred; meaningful when the design has an intercept).
    public var rSquared: Double { 1 - residualSumOfSquares / totalSumOfSquares }

    /// The covariance matrix of β̂.
    public func covariance(_ kind: CovarianceKind) -> Matrix {
        Sandwich.robust(kind, bread: bread, design: design, residuals: residuals,
                        residualDegreesOfFreedom: residualDegreesOfFreedom) ?? residualVariance * bread
    }

    /// Standard errors √diag(V) for the covariance `kind`.
    public func standardErrors(_ kind: CovarianceKind) -> [Double] { Sandwich.standardErrors(covariance(kind)) }
}
