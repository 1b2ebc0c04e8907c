import CausalModel

/// A linear-Gaussian equation (causalgraphicalmodels' `linear_model`):
/// Σᵢ wᵢ·parentᵢ + offset + Normal(0, noiseSD).
public func linear(parents: [String], weights: [Double], offset: Double = 0, noiseSD: Double = 1) -> Term {
    var term: Term = .constant(offset)
    for (parent, weight) in zip(parents, weights) { term = term + .constant(weight) * .name(parent) }
    return term + Normal(.constant(0), .constant(noiseSD))
}

/// A logistic equation (causalgraphicalmodels' `logistic_model`): a 0/1 variable
/// with P(1) = logistic(Σᵢ wᵢ·parentᵢ + offset).
public func logistic(parents: [String], weights: [Double], offset: Double = 0) -> Term {
    var eta: Term = .constant(offset)
    for (parent, weight) in zip(parents, weights) { eta = eta + .constant(weight) * .name(parent) }
    return Bernoulli(logistic(eta))
}

/// A custom mechanism written in Swift, acting on whole columns: `body` gets the
/// argument columns of a block of rows and writes the result column.
public func column(_ name: String, _ arguments: Term...,
                   body: @escaping @Sendable ([UnsafeBufferPointer<Double>], UnsafeMutableBufferPointer<Double>) -> Void) -> Term {
    .custom(ColumnFunction(name: name, body), arguments)
}
