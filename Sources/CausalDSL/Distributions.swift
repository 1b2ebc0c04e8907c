import CausalModel

// Noise terms, named as in the model-file language. Each call is one exogenous
// noise term of the equation it appears in; see `DistributionFamily` for how
// the term's variate becomes its value.

/// Normal(mean, sd).
public func Normal(_ mean: Term, _ sd: Term) -> Term { .distribution(.normal, [mean, sd]) }
/// LogNormal(mu, sigma): exp(mu + sigma·Z).
public func LogNormal(_ mu: Term, _ sigma: Term) -> Term { .distribution(.logNormal, [mu, sigma]) }
/// StudentT(nu, location, scale); nu must be a constant.
public func StudentT(_ nu: Term, _ location: Term = 0, _ scale: Term = 1) -> Term {
    .distribution(.studentT, [nu, location, scale])
}
/// Uniform(a, b).
public func Uniform(_ a: Term, _ b: Term) -> Term { .distribution(.uniform, [a, b]) }
/// Exponential(rate).
public func Exponential(_ rate: Term) -> Term { .distribution(.exponential, [rate]) }
/// Gamma(shape, scale); shape must be a constant.
public func Gamma(_ shape: Term, _ scale: Term) -> Term { .distribution(.gamma, [shape, scale]) }
/// Beta(a, b); both constants.
public func Beta(_ a: Term, _ b: Term) -> Term { .distribution(.beta, [a, b]) }
/// Laplace(location, scale).
public func Laplace(_ location: Term, _ scale: Term) -> Term { .distribution(.laplace, [location, scale]) }
/// Bernoulli(p): 1 with probability p.
public func Bernoulli(_ p: Term) -> Term { .distribution(.bernoulli, [p]) }
/// Bernoulli with probability logistic(eta).
public func BernoulliLogit(_ eta: Term) -> Term { .distribution(.bernoulliLogit, [eta]) }
/// Binomial(n, p).
public func Binomial(_ n: Term, _ p: Term) -> Term { .distribution(.binomial, [n, p]) }
/// Poisson(lambda).
public func Poisson(_ lambda: Term) -> Term { .distribution(.poisson, [lambda]) }
/// Categorical(p1, …, pK) over 0…K−1.
public func Categorical(_ probabilities: Term...) -> Term { .distribution(.categorical, probabilities) }
