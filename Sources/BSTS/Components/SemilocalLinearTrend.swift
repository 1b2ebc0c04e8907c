import GSL
import Probability
import StateSpace

/// The semilocal linear trend (bsts `AddSemilocalLinearTrend`, Boom's
/// SemilocalLinearTrendStateModel): a random-walk level whose slope is a stationary
/// AR(1) around a mean D,
///
///     μ_{t+1} = μ_t + δ_t + η_t,                 η_t ~ N(0, σ²_level)
///     δ_{t+1} = D + φ (δ_t − D) + ζ_t,           ζ_t ~ N(0, σ²_slope),  |φ| < 1,
///
/// contributing μ_t to y_t. The state is (μ_t, δ_t, 1): the constant carries D into
/// the slope, T = [[1, 1, 0], [0, φ, (1 − φ)D], [0, 0, 1]], and it has no noise and no
/// initial variance (Boom carries D itself in that place; the model is the same).
///
/// Priors as bsts 0.9.10: σ_level and σ_slope ~ `SdPrior(0.01·sdy, 0.01, upper = sdy)`,
/// D ~ N(0, sdy²), φ ~ N(0, 1) truncated to (−1, 1); μ_1 ~ N(y₁, sdy²), δ_1 ~ N(0, sdy²).
/// The chain starts at D = 0, φ = 0. Each sweep draws σ²_level from the level residuals,
/// then (Boom's NonzeroMeanAr1Sampler) D, φ and σ²_slope in turn from their full
/// conditionals given the n sampled slopes δ_1 … δ_n, the first taken as N(D, σ²_slope).
struct SemilocalLinearTrend: StateComponent {
    let name = "trend"
    let stateSize = 3
    let disturbanceNames = ["trend.level.sd", "trend.slope.sd"]
    let parameterNames = ["trend.slope.mean", "trend.slope.ar.coefficient"]
    let levelPrior: SdPrior
    let slopePrior: SdPrior
    /// D's prior N(0, slopeMeanPriorSD²).
    let slopeMeanPriorSD: Double
    /// The initial level's mean; level and slope start with variance `initialVariance`.
    let initialLevel: Double
    let initialVariance: Double

    /// φ's prior N(0, 1).
    static let coefficientPriorSD = 1.0

    var variancePriors: [SdPrior] { [levelPrior, slopePrior] }
    var initialMean: [Double] { [initialLevel, 0, 1] }
    var initialVariances: [Double] { [initialVariance, initialVariance, 0] }
    var initialParameters: [Double] { [0, 0] }
    var hasParameterizedTransition: Bool { true }

    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] {
        let mean = parameters[0], phi = parameters[1]
        return [.dense(Matrix([[1, 1, 0], [0, phi, (1 - phi) * mean], [0, 0, 1]]))]
    }

    func disturbanceLoading(moving: Bool) -> Matrix { Matrix([[1, 0], [0, 1], [0, 0]]) }

    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) {
        row[0] = 1
        row[1] = 0
        row[2] = 0
    }

    /// The level residuals μ_{t+1} − μ_t − δ_t (the slope's are drawn with D and φ).
    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        var level = 0.0
        for t in 0..<max(0, n - 1) {
            let now = states + t * m, next = states + (t + 1) * m
            let eta = next[0] - now[0] - now[1]
            level += eta * eta
        }
        sums[0] += level
        counts[0] += max(0, n - 1)
    }

    func drawParameters(_ draw: ComponentDraw) {
        draw.sums[0] = 0
        draw.counts[0] = 0
        accumulateDisturbances(states: draw.states, stride: draw.stride, length: draw.length,
                               sums: draw.sums, counts: draw.counts)
        draw.variances[0] = levelPrior.drawVariance(sumOfSquares: draw.sums[0], count: draw.counts[0], using: draw.stream)

        // The slope series' sufficient statistics (Boom's Ar1Suf).
        let n = draw.length
        var sum = 0.0, sumOfSquares = 0.0, cross = 0.0
        let first = draw.states[1], last = draw.states[(n - 1) * draw.stride + 1]
        for t in 0..<n {
            let slope = draw.states[t * draw.stride + 1]
            sum += slope
            sumOfSquares += slope * slope
            if t > 0 { cross += slope * draw.states[(t - 1) * draw.stride + 1] }
        }
        let count = Double(n)
        let laggedSum = sum - last, laggedSquares = sumOfSquares - last * last
        let laterSum = sum - first, laterSquares = sumOfSquares - first * first
        let slopeVariance = draw.variances[1]
        var mean = draw.parameters[0], phi = draw.parameters[1]

        // D | φ, σ²: the first slope N(D, σ²) and the n − 1 transitions, prior N(0, s²).
        let meanPrecision = (1 + (count - 1) * (1 - phi) * (1 - phi)) / slopeVariance
            + 1 / (slopeMeanPriorSD * slopeMeanPriorSD)
        let meanCentre = ((1 - phi) * (laterSum - phi * laggedSum) + first) / slopeVariance / meanPrecision
        mean = meanCentre + draw.stream.normal() / meanPrecision.squareRoot()

        // φ | D, σ²: regression of δ_{t+1} − D on δ_t − D, prior N(0, 1), truncated to (−1, 1).
        let centredLagSquares = laggedSquares - 2 * laggedSum * mean + (count - 1) * mean * mean
        let centredCross = cross - mean * (laterSum + laggedSum) + (count - 1) * mean * mean
        let phiPrecision = centredLagSquares / slopeVariance + 1 / (Self.coefficientPriorSD * Self.coefficientPriorSD)
        let phiCentre = centredCross / slopeVariance / phiPrecision
        phi = TruncatedNormal.draw(mean: phiCentre, sd: (1 / phiPrecision).squareRoot(), lower: -1, upper: 1,
                                   using: draw.stream)

        // σ²_slope | D, φ over all n slopes.
        var residuals = (first - mean) * (first - mean)
        residuals += laterSquares - 2 * phi * cross - 2 * (1 - phi) * mean * laterSum + phi * phi * laggedSquares
            + 2 * phi * (1 - phi) * mean * laggedSum + (count - 1) * (mean * (1 - phi)) * (mean * (1 - phi))
        draw.variances[1] = slopePrior.drawVariance(sumOfSquares: max(0, residuals), count: n, using: draw.stream)
        draw.parameters[0] = mean
        draw.parameters[1] = phi
    }
}
