import GSL
import Probability

/// The simulation-based natural effects of Imai, Keele & Tingley (2010, "A general
/// approach to causal mediation analysis", Psychological Methods 15, algorithm 1). Fit a
/// mediator model of M on (1, T, C) and an outcome model of Y on (1, T, M, T·M, C), each
/// by type: logistic regression for a 0/1 column, otherwise least squares with Normal
/// errors (M = β₀ + β₁T + β₂ᵀC + σε). Then, `draws` times, draw the coefficients from
/// their asymptotic normal distribution N(β̂, V̂_β), N(θ̂, V̂_θ) (quasi-Bayesian Monte
/// Carlo, King, Tomz & Wittenberg 2000), simulate each unit's mediator under T = 0 and
/// T = 1 from its own covariates (Mᵢ(t) = β₀ + β₁t + β₂ᵀcᵢ + σ̂εᵢₜ, or a Bernoulli draw
/// with probability logistic(β₀ + β₁t + β₂ᵀcᵢ)), predict the outcomes' means
/// Ŷ(t, m) (the linear predictor, or its logistic), and average:
///
///     NDE⁽ʲ⁾ = (1/n) Σᵢ [Ŷ(1, Mᵢ(0)) − Ŷ(0, Mᵢ(0))],  NIE⁽ʲ⁾ = (1/n) Σᵢ [Ŷ(1, Mᵢ(1)) − Ŷ(1, Mᵢ(0))].
///
/// The estimate is the mean over the draws, the standard error their sd and the interval
/// their equal-tailed percentile interval. With linear models it agrees with
/// `RegressionMediation`; with a binary mediator or outcome it needs no closed form.
public struct SimulationMediation: MediationEstimator {
    /// "simulation".
    public let name = "simulation"
    /// The number of simulated coefficient draws J.
    public let draws: Int

    /// The estimator with `draws` simulations (default 200).
    public init(draws: Int = 200) { self.draws = draws }

    /// A fitted model: coefficients, their covariance's Cholesky factor, and the link.
    private struct Fit {
        let coefficients: [Double]
        let factor: Matrix
        /// Logistic link (a 0/1 column); otherwise identity with Normal errors of sd `sigma`.
        let isBinary: Bool
        let sigma: Double

        init(design: Design, response: [Double], model: String) throws {
            isBinary = response.allSatisfy { $0 == 0 || $0 == 1 }
            if isBinary {
                let fit = try LogisticRegression(design, response: response, model: model)
                coefficients = fit.coefficients
                factor = try fit.covariance(.classical).cholesky().lower
                sigma = 0
            } else {
                let fit = try LinearRegression(design, response: response, model: model)
                coefficients = fit.coefficients
                factor = try fit.covariance(.classical).cholesky().lower
                sigma = fit.residualVariance.squareRoot()
            }
        }

        /// The coefficients plus L·z, z standard normal.
        func draw(_ randomness: RandomStream) -> [Double] {
            let z = coefficients.indices.map { _ in randomness.normal() }
            return coefficients.indices.map { i in coefficients[i] + (0...i).reduce(0) { $0 + factor[i, $1] * z[$1] } }
        }

        /// The mean response at linear predictor `eta`.
        func mean(_ eta: Double) -> Double { isBinary ? Logistic.value(eta) : eta }

        /// A simulated response at linear predictor `eta`.
        func simulate(_ eta: Double, _ randomness: RandomStream) -> Double {
            isBinary ? (randomness.uniform() < Logistic.value(eta) ? 1 : 0) : eta + sigma * randomness.normal()
        }
    }

    /// The mean, sd and percentile interval of the simulated effects.
    public func estimate(_ data: MediationData, level: Double, randomness: RandomStream) throws -> MediationEstimate {
        guard draws >= 2 else { throw EstimationError.invalidOption(estimator: name, detail: "draws must be at least 2 (got \(draws))") }
        let m = try Fit(design: data.mediatorDesign(), response: data.mediator, model: "mediator model")
        let y = try Fit(design: data.outcomeDesign(interaction: true), response: data.outcome, model: "outcome model")
        let n = data.count
        var directs: [Double] = [], indirects: [Double] = []
        for _ in 0..<draws {
            let beta = m.draw(randomness), theta = y.draw(randomness)
            var direct = 0.0, indirect = 0.0
            for i in 0..<n {
                var mediatorBase = beta[0], outcomeBase = theta[0]
                for (k, c) in data.covariates.enumerated() {
                    mediatorBase += beta[2 + k] * c.values[i]
                    outcomeBase += theta[4 + k] * c.values[i]
                }
                let m0 = m.simulate(mediatorBase, randomness)
                let m1 = m.simulate(mediatorBase + beta[1], randomness)
                // Ŷ(t, m) = mean(outcomeBase + θ₁t + θ₂m + θ₃tm).
                let y00 = y.mean(outcomeBase + theta[2] * m0)
                let y10 = y.mean(outcomeBase + theta[1] + (theta[2] + theta[3]) * m0)
                let y11 = y.mean(outcomeBase + theta[1] + (theta[2] + theta[3]) * m1)
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
}
