import Foundation
import GSL
import Probability

/// A parameter's posterior in four numbers: mean, sd and the equal-tailed 95% interval
/// (`level`), with the convergence diagnostics when it was sampled by MCMC.
public struct ParameterSummary: Sendable, Equatable {
    /// The level of the interval.
    public static let level = 0.95
    /// Posterior mean.
    public let mean: Double
    /// Posterior standard deviation.
    public let sd: Double
    /// Lower end of the equal-tailed 95% posterior interval.
    public let lower: Double
    /// Upper end of the equal-tailed 95% posterior interval.
    public let upper: Double
    /// Split R̂ over the chains (nil for an exact posterior).
    public let rHat: Double?
    /// Effective sample size over the chains (nil for an exact posterior).
    public let effectiveSampleSize: Double?

    /// Normal(mean, sd²).
    static func normal(mean: Double, sd: Double) -> ParameterSummary {
        let z = SpecialFunctions.normalQuantile(1 - (1 - level) / 2)
        return ParameterSummary(mean: mean, sd: sd, lower: mean - z * sd, upper: mean + z * sd, rHat: nil, effectiveSampleSize: nil)
    }

    /// Student t with ν degrees of freedom, location and scale: sd = scale·√(ν/(ν − 2)).
    static func studentT(location: Double, scale: Double, degreesOfFreedom nu: Double) -> ParameterSummary {
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: nu)
        return ParameterSummary(mean: location, sd: scale * (nu / (nu - 2)).squareRoot(),
                                lower: location - t * scale, upper: location + t * scale, rHat: nil, effectiveSampleSize: nil)
    }

    /// σ where σ² ~ InvGamma(a, b): E σ = √b·Γ(a − ½)/Γ(a), E σ² = b/(a − 1); the interval's
    /// ends are √(b/G) at the Gamma(a, 1) quantiles G (the root is monotone).
    static func inverseGammaRoot(shape a: Double, scale b: Double) -> ParameterSummary {
        let mean = b.squareRoot() * exp(SpecialFunctions.logGamma(a - 0.5) - SpecialFunctions.logGamma(a))
        let second = b / (a - 1)
        let tail = (1 - level) / 2
        return ParameterSummary(mean: mean, sd: max(0, second - mean * mean).squareRoot(),
                                lower: (b / SpecialFunctions.gammaQuantile(1 - tail, shape: a, scale: 1)).squareRoot(),
                                upper: (b / SpecialFunctions.gammaQuantile(tail, shape: a, scale: 1)).squareRoot(),
                                rHat: nil, effectiveSampleSize: nil)
    }

    /// From MCMC draws, one array per chain: sample mean, sd and quantiles, split R̂ and ESS.
    static func sampled(_ chains: [[Double]]) -> ParameterSummary {
        let all = chains.flatMap { $0 }.sorted()
        let n = Double(all.count)
        let mean = all.reduce(0, +) / n
        let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let tail = (1 - level) / 2
        return ParameterSummary(mean: mean, sd: variance.squareRoot(),
                                lower: SampleQuantile.typeSeven(sorted: all, tail), upper: SampleQuantile.typeSeven(sorted: all, 1 - tail),
                                rHat: MCMCDiagnostics.splitRHat(chains),
                                effectiveSampleSize: MCMCDiagnostics.effectiveSampleSize(chains))
    }
}
