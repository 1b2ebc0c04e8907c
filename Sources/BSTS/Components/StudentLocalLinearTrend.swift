import Foundation
import GSL
import Probability
import StateSpace

/// The local linear trend with Student-t innovations (bsts `AddStudentLocalLinearTrend`,
/// Boom's StudentLocalLinearTrendStateModel and its posterior sampler):
///
///     μ_{t+1} = μ_t + δ_t + η_t,   η_t ~ σ_level·t_{ν_level}
///     δ_{t+1} = δ_t + ζ_t,         ζ_t ~ σ_slope·t_{ν_slope}
///
/// contributing μ_t to y_t; the observation errors stay Gaussian. It is sampled through
/// latent weights: η_t | w_t ~ N(0, σ²_level/w_t), w_t ~ Gamma(ν_level/2, rate ν_level/2)
/// (the same for the slope), so that given the weights the model is linear Gaussian with
/// Q_t = diag(σ²_level/w_t, σ²_slope/v_t) (`SimulationSmoother.setDisturbanceVarianceScales`).
/// In the post-period the weights are drawn like any other, so forecasts carry t innovations.
///
/// Priors as bsts 0.9.10: σ_level and σ_slope ~ `SdPrior(0.01·sdy, 0.01, upper = sdy)` (σ_level's
/// guess and sample size follow `ModelOptions` as for the other trends: CausalImpact's preset
/// makes it worth 32 observations),
/// ν_level and ν_slope ~ Uniform(1, 500); μ_1 ~ N(y₁, sdy²), δ_1 ~ N((y_last − y₁)/n, sdy²)
/// with n counting the missing post-period. Boom's factory starts the chain at σ² = 1 and
/// ν = 10 for both (not at the priors' initial values) and every weight at 1.
///
/// Each sweep, after the state draw, follows Boom's `observe_state` and sampler order: for every
/// transition t the residual e_t is added to Σ w_t e_t² with the weight the state was drawn
/// with; then w_t ~ Gamma((ν + 1)/2, rate (ν + e_t²/σ²)/2) at the current σ² and ν; then
/// σ²_level from its SdPrior given (n − 1, Σ w e²), then ν_level by slice sampling
/// (`SliceSampler`) on [1, 500] from
///
/// - p(ν) Π_t Gamma(w_t; ν/2, rate ν/2) given the new weights when the current ν ≤ 10, or
/// - p(ν) Π_t t_ν(e_t/σ)/σ, the weights integrated out, at the new σ when the current ν > 10
///   (Boom's NuPosteriorFast and NuPosteriorRobust; `StudentErrors.logLikelihood`);
///
/// then σ²_slope and ν_slope the same way.
///
/// This is bsts' scan, kept so that the answers agree with R's: σ²'s draw pairs with the
/// weights of the state draw while the new weights use the previous σ², and ν's target
/// depends on the current ν. Neither is an exact Gibbs step, so the chain follows bsts'
/// sampler rather than the exact posterior of the model above.
struct StudentLocalLinearTrend: StateComponent, LinearTrendLayout {
    let name = "trend"
    let stateSize = 2
    let disturbanceNames = ["sigma.trend.level", "sigma.trend.slope"]
    let parameterNames = ["nu.trend.level", "nu.trend.slope"]
    let levelPrior: SdPrior
    let slopePrior: SdPrior
    /// (μ_1, δ_1) ~ N(initialMean, diag(initialVariances)).
    let initialMean: [Double]
    let initialVariances: [Double]

    /// The support of each ν's uniform prior (bsts' `UniformPrior(1, 500)`).
    static let degreesOfFreedomRange = 1.0...500.0
    /// Boom's factory: `StudentLocalLinearTrendStateModel(1, 10, 1, 10)`, i.e. σ² = 1 and ν = 10.
    static let initialVariance = 1.0
    static let initialDegreesOfFreedom = 10.0
    /// Above this current ν, ν is drawn from the t likelihood of the residuals, else from the weights.
    static let robustDrawThreshold = 10.0

    var variancePriors: [SdPrior] { [levelPrior, slopePrior] }
    var initialDisturbanceVariances: [Double] { [Self.initialVariance, Self.initialVariance] }
    var initialParameters: [Double] { [Self.initialDegreesOfFreedom, Self.initialDegreesOfFreedom] }
    var hasDisturbanceScales: Bool { true }

    /// e_t of disturbance d (0: level μ_{t+1} − μ_t − δ_t, 1: slope δ_{t+1} − δ_t) in the transition at t.
    @inline(__always)
    static func residual(_ d: Int, at t: Int, states: UnsafePointer<Double>, stride m: Int) -> Double {
        let now = states + t * m, next = states + (t + 1) * m
        return d == 0 ? next[0] - now[0] - now[1] : next[1] - now[1]
    }

    /// Σ_t e_t² of each disturbance, unweighted.
    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        for d in 0..<2 {
            for t in 0..<max(0, n - 1) {
                let e = Self.residual(d, at: t, states: states, stride: m)
                sums[d] += e * e
            }
            counts[d] += max(0, n - 1)
        }
    }

    /// The weights, σ's and ν's of both disturbances; `draw.scales` is always given to this
    /// component (`hasDisturbanceScales`).
    func drawParameters(_ draw: ComponentDraw) {
        guard let scales = draw.scales else { return }
        let transitions = max(0, draw.length - 1)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, transitions)) { residuals in
            for d in 0..<2 {
                for t in 0..<transitions { residuals[t] = Self.residual(d, at: t, states: draw.states, stride: draw.stride) }
                drawDisturbance(d, residuals: UnsafeBufferPointer(rebasing: residuals[0..<transitions]),
                                scales: scales + d, draw: draw)
            }
        }
    }

    /// Weights, σ² and ν of disturbance d from its residuals; `scales` holds 1/w_t at t·scaleStride.
    private func drawDisturbance(_ d: Int, residuals: UnsafeBufferPointer<Double>, scales: UnsafeMutablePointer<Double>,
                                 draw: ComponentDraw) {
        let prior = d == 0 ? levelPrior : slopePrior
        let variance = draw.variances[d], nu = draw.parameters[d]
        // Σ w e² with the weights of the state draw (w = 1/s), then the new weights; Σ log w
        // only when ν's draw will read it (a logarithm per transition otherwise wasted).
        var weightedSquares = 0.0, weightSum = 0.0, logWeightSum = 0.0
        let needsLogs = nu <= Self.robustDrawThreshold
        for (t, e) in residuals.enumerated() {
            let slot = scales + t * draw.scaleStride
            weightedSquares += e * e / slot.pointee
            let w = StudentErrors.drawWeight(residual: e, variance: variance, degreesOfFreedom: nu, using: draw.stream)
            slot.pointee = 1 / w
            weightSum += w
            if needsLogs { logWeightSum += log(w) }
        }
        let newVariance = prior.drawVariance(sumOfSquares: weightedSquares, count: residuals.count, using: draw.stream)
        draw.variances[d] = newVariance
        draw.parameters[d] = Self.drawDegreesOfFreedom(
            from: nu, residuals: residuals, variance: newVariance,
            weights: WeightSummary(count: Double(residuals.count), sum: weightSum, sumOfLogs: logWeightSum),
            using: draw.stream)
    }

    /// The count, Σ w and Σ log w of a disturbance's latent weights (Boom's GammaSuf).
    struct WeightSummary {
        let count: Double, sum: Double, sumOfLogs: Double
    }

    /// One slice-sampling update of ν from `nu`: given the weights when ν ≤ 10, else given the
    /// residuals e_t and σ² with the weights integrated out.
    static func drawDegreesOfFreedom(from nu: Double, residuals: UnsafeBufferPointer<Double>, variance: Double,
                                     weights: WeightSummary, using stream: RandomStream) -> Double {
        SliceSampler.draw(from: nu, on: degreesOfFreedomRange, using: stream) {
            nu > robustDrawThreshold
                ? StudentErrors.logLikelihood(degreesOfFreedom: $0, residuals: residuals, variance: variance)
                : weightLogLikelihood(degreesOfFreedom: $0, weights: weights)
        }
    }

    /// log Π_t Gamma(w_t; ν/2, rate ν/2) from the weights' count n, Σ w and Σ log w:
    /// n(ν/2 · log(ν/2) − log Γ(ν/2)) + (ν/2 − 1) Σ log w − ν/2 · Σ w.
    static func weightLogLikelihood(degreesOfFreedom nu: Double, weights: WeightSummary) -> Double {
        let half = nu / 2
        return weights.count * (half * log(half) - SpecialFunctions.logGamma(half)) + (half - 1) * weights.sumOfLogs
            - half * weights.sum
    }
}
