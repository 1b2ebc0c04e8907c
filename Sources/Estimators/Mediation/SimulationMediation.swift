import GSL
import Probability

/// The simulation-based natural effects of Imai, Keele & Tingley (2010, "A general
/// approach to causal mediation analysis", Psychological Methods 15, algorithm 1): fit
/// the mediator model M = β₀ + β₁T + β₂ᵀC + σε and the outcome model
/// Y = θ₀ + θ₁T + θ₂M + θ₃T·M + θ₄ᵀC + e; then, `draws` times, draw the coefficients
/// from their asymptotic normal distribution N(β̂, V̂_β), N(θ̂, V̂_θ) (quasi-Bayesian
/// Monte Carlo, King, Tomz & Wittenberg 2000), simulate each unit's mediator under
/// T = 0 and T = 1 from its own covariates, Mᵢ(t) = β₀ + β₁t + β₂ᵀcᵢ + σ̂εᵢₜ, predict
/// the outcomes, and average:
///
///     NDE⁽ʲ⁾ = (1/n) Σᵢ [Ŷ(1, Mᵢ(0)) − Ŷ(0, Mᵢ(0))],  NIE⁽ʲ⁾ = (1/n) Σᵢ [Ŷ(1, Mᵢ(1)) − Ŷ(1, Mᵢ(0))].
///
/// The estimate is the mean over the draws, the standard error their sd and the interval
/// their equal-tailed percentile interval. It needs no closed form: with these linear
/// models it agrees with `RegressionMediation`, and other mediator or outcome models
/// slot into the same simulation.
public struct SimulationMediation: MediationEstimator {
    /// "simulation".
    public let name = "simulation"
    /// The number of simulated coefficient draws J.
    public let draws: Int

    /// The estimator with `draws` simulations (default 200).
    public init(draws: Int = 200) { self.draws = draws }

    /// The mean, sd and percentile interval of the simulated effects.
    public func estimate(_ data: MediationData, level: Double, randomness: RandomStream) throws -> MediationEstimate {
        guard draws >= 2 else { throw EstimationError.invalidOption(estimator: name, detail: "draws must be at least 2 (got \(draws))") }
        let m = try data.mediatorFit(), y = try data.outcomeFit(interaction: true)
        let sigma = m.residualVariance.squareRoot()
        let betaFactor = try m.covariance(.classical).cholesky().lower, thetaFactor = try y.covariance(.classical).cholesky().lower
        let n = data.count
        var directs: [Double] = [], indirects: [Double] = []
        for _ in 0..<draws {
            let beta = Self.normalDraw(mean: m.coefficients, factor: betaFactor, randomness)
            let theta = Self.normalDraw(mean: y.coefficients, factor: thetaFactor, randomness)
            var direct = 0.0, indirect = 0.0
            for i in 0..<n {
                var mediatorBase = beta[0], outcomeBase = theta[0]
                for (k, c) in data.covariates.enumerated() {
                    mediatorBase += beta[2 + k] * c.values[i]
                    outcomeBase += theta[4 + k] * c.values[i]
                }
                let m0 = mediatorBase + sigma * randomness.normal()
                let m1 = mediatorBase + beta[1] + sigma * randomness.normal()
                // Ŷ(t, m) = outcomeBase + θ₁t + θ₂m + θ₃tm.
                let y00 = outcomeBase + theta[2] * m0
                let y10 = outcomeBase + theta[1] + (theta[2] + theta[3]) * m0
                let y11 = outcomeBase + theta[1] + (theta[2] + theta[3]) * m1
                direct += y10 - y00
                indirect += y11 - y10
            }
            directs.append(direct / Double(n))
            indirects.append(indirect / Double(n))
        }
        func estimate(_ values: [Double], _ estimand: Estimand) -> EffectEstimate {
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
            let sorted = values.sorted()
            let interval = ConfidenceInterval(lower: SampleQuantile.typeSeven(sorted: sorted, (1 - level) / 2),
                                              upper: SampleQuantile.typeSeven(sorted: sorted, (1 + level) / 2), level: level)
            return EffectEstimate(estimator: name, estimand: estimand, value: mean, standardError: sd, interval: interval,
                                  uncertainty: .simulation(draws: draws, method: "quasi-Bayesian coefficients"), sampleSize: n)
        }
        return MediationEstimate(direct: estimate(directs, .naturalDirectEffect), indirect: estimate(indirects, .naturalIndirectEffect))
    }

    /// mean + L·z with z standard normal.
    static func normalDraw(mean: [Double], factor: Matrix, _ randomness: RandomStream) -> [Double] {
        let z = mean.indices.map { _ in randomness.normal() }
        return mean.indices.map { i in mean[i] + (0...i).reduce(0) { $0 + factor[i, $1] * z[$1] } }
    }
}
