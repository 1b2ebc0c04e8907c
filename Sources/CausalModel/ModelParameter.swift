/// The prior of a declared model parameter (`param b` or `param b ~ Normal(0, 10)`).
public enum ParameterPrior: Hashable, Sendable {
    /// The flat (improper) prior p(θ) ∝ 1. On a noise scale σ, `whatif fit` uses the
    /// reference prior p(σ) ∝ 1/σ instead, so that the posterior is proper with n > p rows.
    case flat
    /// θ ~ Normal(mean, sd).
    case normal(mean: Double, sd: Double)
}

/// An unknown number of a model, declared on its own line and estimated by `whatif fit`:
///
///     param b                    # flat prior
///     param b ~ Normal(0, 10)    # Normal prior
///     y = a + b * x + Normal(0, s)
///
/// Equations read a parameter by name, like a variable; it is not a variable (it has no
/// column and no node in the graph).
public struct ModelParameter: Hashable, Sendable {
    /// The parameter's name, unique among the model's names.
    public let name: String
    /// Its prior.
    public let prior: ParameterPrior
    /// Where it is declared, when it comes from a file.
    public let location: SourceLocation?

    /// The parameter `name` with `prior`, declared at `location`.
    public init(name: String, prior: ParameterPrior = .flat, location: SourceLocation? = nil) {
        self.name = name
        self.prior = prior
        self.location = location
    }
}
