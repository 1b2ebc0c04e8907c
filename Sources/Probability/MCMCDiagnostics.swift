import Foundation

/// Convergence and efficiency summaries of Markov chain Monte Carlo draws of a scalar.
///
/// Chains of different lengths are cut to the shortest: each keeps its last
/// `min(length)` draws (the latest draws after each chain's own burn-in).
/// A chain set whose draws are all equal has no defined ESS or R̂: both are NaN.
public enum MCMCDiagnostics {
    /// The effective sample size of one or more chains: M·N / τ̂ with the
    /// integrated autocorrelation time τ̂ = −1 + 2 Σ_{k≥0} P̂_k, P̂_k = ρ̂_{2k} + ρ̂_{2k+1},
    /// summed while P̂_k > 0 and made non-increasing — Geyer's (1992, "Practical
    /// Markov chain Monte Carlo", Stat. Sci. 7) initial monotone sequence.
    /// Across chains ρ̂_t = 1 − (W − mean_m γ̂_{m,t}) / var⁺ (Gelman et al. 2013,
    /// *Bayesian Data Analysis* 3rd ed., §11.5), where γ̂_{m,t} is chain m's
    /// autocovariance at lag t (divisor N), W the mean within-chain variance and
    /// var⁺ = (N − 1)/N · W + B/N. For one chain this is the usual single-chain estimate.
    ///
    /// τ̂ is floored at 1/log₁₀(M·N), as in Stan, so strongly antithetic chains
    /// report at most M·N·log₁₀(M·N). An AR(1) chain x_t = φ x_{t−1} + e_t has
    /// ESS/N → (1 − φ)/(1 + φ). Cost O(M·N·L) for L the number of lags summed.
    public static func effectiveSampleSize(_ chains: [[Double]]) -> Double {
        let draws = aligned(chains)
        let m = draws.count
        guard m > 0, let n = draws.first?.count, n >= 4, !isConstant(draws) else { return .nan }
        let means = draws.map { mean($0) }
        let variances = zip(draws, means).map { chain, mu in chain.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(n - 1) }
        let within = mean(variances)
        let between = m > 1 ? Double(n) * sampleVariance(means) : 0
        let pooled = Double(n - 1) / Double(n) * within + between / Double(n)
        guard pooled > 0, pooled.isFinite else { return .nan }

        func rho(_ lag: Int) -> Double {
            var total = 0.0
            for c in 0..<m {
                let chain = draws[c], mu = means[c]
                var s = 0.0
                chain.withUnsafeBufferPointer { x in
                    for i in 0..<(n - lag) { s += (x[i] - mu) * (x[i + lag] - mu) }
                }
                total += s / Double(n)
            }
            return 1 - (within - total / Double(m)) / pooled
        }

        var tau = -1.0
        var previousPair = Double.infinity
        var lag = 0
        while lag + 1 < n {
            var pair = rho(lag) + rho(lag + 1)
            if pair <= 0 { break }
            pair = min(pair, previousPair)
            tau += 2 * pair
            previousPair = pair
            lag += 2
        }
        tau = max(tau, 1 / log10(Double(m * n)))
        return Double(m * n) / tau
    }

    /// Split R̂ (Gelman et al. 2013, *Bayesian Data Analysis* 3rd ed., §11.4): every
    /// chain is cut into a first and second half (a middle draw of an odd length is
    /// dropped), giving 2M sequences of length N; with W their mean variance and
    /// B = N · (sample variance of their means), R̂ = √(((N − 1)/N · W + B/N) / W).
    /// Near 1 when the halves agree; one chain suffices.
    public static func splitRHat(_ chains: [[Double]]) -> Double {
        let draws = aligned(chains)
        guard let length = draws.first?.count, length >= 4, !isConstant(draws) else { return .nan }
        let half = length / 2
        var halves: [ArraySlice<Double>] = []
        for chain in draws {
            halves.append(chain[0..<half])
            halves.append(chain[(length - half)..<length])
        }
        let means = halves.map { mean($0) }
        let within = mean(zip(halves, means).map { sequence, mu in
            sequence.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(half - 1)
        })
        let between = Double(half) * sampleVariance(means)
        guard within > 0 else { return .nan }
        let pooled = Double(half - 1) / Double(half) * within + between / Double(half)
        return (pooled / within).squareRoot()
    }

    /// The chains cut to a common length, keeping each one's last draws.
    private static func aligned(_ chains: [[Double]]) -> [[Double]] {
        let length = chains.map(\.count).min() ?? 0
        return chains.map { Array($0.suffix(length)) }
    }

    private static func isConstant(_ chains: [[Double]]) -> Bool {
        guard let first = chains.first?.first else { return true }
        return chains.allSatisfy { $0.allSatisfy { $0 == first } }
    }

    private static func mean<C: Collection>(_ x: C) -> Double where C.Element == Double {
        x.reduce(0, +) / Double(x.count)
    }

    private static func sampleVariance(_ x: [Double]) -> Double {
        let mu = mean(x)
        return x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(x.count - 1)
    }
}
