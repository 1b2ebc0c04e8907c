/// How long the Markov chains of a sampled posterior run: `chains` chains, each
/// discarding `warmUp` iterations and keeping `kept`. Split R̂ compares the chains
/// (Gelman et al. 2013, *Bayesian Data Analysis* 3rd ed., §11.4), so there are several.
public struct MCMCSettings: Sendable, Equatable {
    /// Number of chains.
    public let chains: Int
    /// Iterations discarded at the start of each chain.
    public let warmUp: Int
    /// Iterations kept per chain.
    public let kept: Int

    /// 4 chains of 2000 kept draws after 500 warm-up iterations.
    public static let standard = MCMCSettings(kept: 2000)

    /// `chains` chains keeping `kept` draws each after `kept / 4` warm-up iterations.
    public init(kept: Int, chains: Int = 4) {
        self.chains = max(chains, 1)
        self.kept = max(kept, 4)
        warmUp = self.kept / 4
    }
}
