import GSL

/// Two-stage least squares with one endogenous regressor and one excluded instrument
/// (Theil 1953), covariances as linearmodels' `IV2SLS` reports them without
/// small-sample correction.
///
/// First stage: OLS of the endogenous regressor x on Z = [exogenous, z], giving x̂.
/// Second stage: β̂ = (X̂ᵀX̂)⁻¹X̂ᵀy with X̂ = [exogenous, x̂]; the residuals use the actual
/// regressor, e = y − Xβ̂ with X = [exogenous, x]. Then
///
///     unadjusted: (eᵀe/n)·(X̂ᵀX̂)⁻¹        robust: (X̂ᵀX̂)⁻¹·Σ eᵢ²x̂ᵢx̂ᵢᵀ·(X̂ᵀX̂)⁻¹ (HC0),
///
/// and the first-stage F is the Wald statistic of z's coefficient with the homoskedastic
/// variance (RSS/n)·(ZᵀZ)⁻¹ (one instrument, so F = W/1).
public struct InstrumentalVariablesRegression: Sendable {
    /// Names: the exogenous columns, then the endogenous regressor.
    public let names: [String]
    /// β̂, in the order of `names`.
    public let coefficients: [Double]
    /// Homoskedastic covariance (eᵀe/n)·(X̂ᵀX̂)⁻¹.
    public let unadjustedCovariance: Matrix
    /// Heteroskedasticity-robust (HC0) covariance.
    public let robustCovariance: Matrix
    /// The first-stage F statistic of the excluded instrument.
    public let firstStageF: Double
    /// The instrument's first-stage coefficient.
    public let firstStageCoefficient: Double

    /// Fits y on `exogenous` plus `endogenous` (named `endogenousName`), instrumenting it by
    /// `instrument` (named `instrumentName`). `model` names the fit in errors.
    public init(response y: [Double], exogenous: Design, endogenous x: [Double], endogenousName: String,
                instrument z: [Double], instrumentName: String, model: String = "2SLS") throws {
        let n = y.count
        var instruments = exogenous
        instruments.add(instrumentName, z)
        let firstStage = try LinearRegression(instruments, response: x, model: "\(model) first stage")
        let last = instruments.names.count - 1
        firstStageCoefficient = firstStage.coefficients[last]
        let gammaVariance = firstStage.residualSumOfSquares / Double(n) * firstStage.bread[last, last]
        firstStageF = firstStageCoefficient * firstStageCoefficient / gammaVariance

        var projected = exogenous
        projected.add(endogenousName, zip(x, firstStage.residuals).map { $0 - $1 })
        let second = try LinearRegression(projected, response: y, model: "\(model) second stage")
        let beta = second.coefficients
        let k = beta.count
        var residuals = y
        for i in 0..<n {
            var fitted = beta[k - 1] * x[i]
            for j in 0..<(k - 1) { fitted += beta[j] * exogenous.columns[j][i] }
            residuals[i] -= fitted
        }
        let sigma2 = residuals.reduce(0) { $0 + $1 * $1 } / Double(n)
        names = projected.names
        coefficients = beta
        unadjustedCovariance = sigma2 * second.bread
        robustCovariance = Sandwich.covariance(bread: second.bread, meat: Sandwich.meat(second.design, residuals: residuals))
    }
}
