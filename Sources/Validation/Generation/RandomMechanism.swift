import CausalModel
import Foundation
import Probability

/// One generated mechanism: a signal from the parents, η = c₀ + Σ cᵢ·gᵢ(X_pᵢ) with
/// gᵢ(x) = x (linear) or tanh(aᵢ·x + bᵢ) (non-linear), and how η becomes the value:
/// η + noise for a continuous variable, BernoulliLogit(η) for a 0/1 one,
/// Poisson(exp(min(η, 3))) for a count.
struct RandomMechanism: Sendable {
    /// How the signal becomes the variable's value.
    enum Output: Sendable {
        /// η + ε, ε of `family` with standard deviation `scale`.
        case continuous(RandomModelSpecification.NoiseFamily, scale: Double)
        case binary
        case count
    }

    /// One parent's term cᵢ·gᵢ(X_pᵢ): g the identity when `slope` is nil, else tanh(slope·x + shift).
    struct Term: Sendable {
        let parent: Int
        var weight: Double
        let slope: Double?
        let shift: Double

        func value(_ x: Double) -> Double { weight * (slope.map { tanh($0 * x + shift) } ?? x) }
    }

    var constant = 0.0
    var terms: [Term]
    var output: Output

    /// The signal η for every row of the parents' columns `x` (by node index).
    func signal(_ x: [[Double]], rows: Int) -> [Double] {
        var out = [Double](repeating: constant, count: rows)
        for t in terms {
            let column = x[t.parent]
            for r in 0..<rows { out[r] += t.value(column[r]) }
        }
        return out
    }

    /// The variable's values from its signal, with noise from `stream` (the pilot sample).
    func values(signal eta: [Double], stream: RandomStream) -> [Double] {
        switch output {
        case .continuous(let family, let scale):
            return eta.map { $0 + scale * Self.unitNoise(family, stream) }
        case .binary:
            return eta.map { stream.uniformOpen() < Logistic.value($0) ? 1 : 0 }
        case .count:
            return eta.map { (try? Poisson(mean: exp(min($0, GenerationDefaults.maximumLogRate))).sample(using: stream)) ?? .nan }
        }
    }

    /// A unit-variance draw of a noise family (not `.mixed`, which is resolved per node).
    static func unitNoise(_ family: RandomModelSpecification.NoiseFamily, _ stream: RandomStream) -> Double {
        switch family {
        case .gaussian, .mixed: return stream.normal()
        case .laplace:
            let u = stream.uniformOpen() - 0.5
            return -(u < 0 ? -1.0 : 1.0) * log(1 - 2 * abs(u)) / 2.0.squareRoot()
        case .uniform: return (2 * stream.uniform() - 1) * 3.0.squareRoot()
        }
    }

    /// The mechanism as a structural equation over the variables `names`, with its noise term.
    func equation(names: [String], variable: String) -> (Expr, NoiseTerm?) {
        var eta: Expr? = constant != 0 ? .constant(constant) : nil
        for t in terms {
            let x = Expr.variable(names[t.parent])
            let g = t.slope.map { Expr.function(.tanh, .binary(.add, .binary(.multiply, .constant($0), x), .constant(t.shift))) } ?? x
            let term = Expr.binary(.multiply, .constant(t.weight), g)
            eta = eta.map { .binary(.add, $0, term) } ?? term
        }
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        switch output {
        case .continuous(let family, let scale):
            let noise: NoiseTerm
            switch family {
            case .gaussian, .mixed: noise = NoiseTerm(name: name, family: .normal, parameters: [.constant(0), .constant(scale)])
            case .laplace: noise = NoiseTerm(name: name, family: .laplace, parameters: [.constant(0), .constant(scale / 2.0.squareRoot())])
            case .uniform:
                let half = scale * 3.0.squareRoot()
                noise = NoiseTerm(name: name, family: .uniform, parameters: [.constant(-half), .constant(half)])
            }
            return (eta.map { .binary(.add, $0, .noise(name)) } ?? .noise(name), noise)
        case .binary:
            return (.noise(name), NoiseTerm(name: name, family: .bernoulliLogit, parameters: [eta ?? .constant(0)]))
        case .count:
            let rate = Expr.function(.exp, .binary(.minimum, eta ?? .constant(0), .constant(GenerationDefaults.maximumLogRate)))
            return (.noise(name), NoiseTerm(name: name, family: .poisson, parameters: [rate]))
        }
    }
}
