import CausalModel
import Foundation
import Probability

/// A random structural causal model for causal-discovery and estimation studies, with
/// its true graph. Variables are named X1 … Xn; the causal order is a random
/// permutation of them, so neither names nor declaration order reveal it.
///
/// Without standardisation each variable is its mechanism's signal plus unit-variance
/// noise, X_j = f_j(pa_j) + ε_j (`RandomModelSpecification` states f and ε): variances
/// build up along the causal order, the leak Reisach, Seiler and Weichwald (2021)
/// measure by varsortability, and the explained variance R² grows with it (Reisach et
/// al. 2023).
///
/// With `standardize` the mechanisms are *internally standardised* (Ormaniec et al.
/// 2024, "Standardizing structural causal models": iSCMs): each continuous variable is
///
///     X_j = (f_j(pa_j) − μ_j + ε_j) / √(σ_j² + 1),
///
/// where μ_j and σ_j² are the mean and variance of the signal f_j(pa_j) given the
/// already standardised parents (ε_j has variance 1), so every continuous variable has
/// mean 0 and variance 1 and variance cannot build up along the order; the share its
/// parents explain, σ_j²/(σ_j² + 1), no longer grows with depth either. μ_j and σ_j² are
/// exact when the model is linear with continuous variables only (the covariance is
/// propagated in causal order) and otherwise estimated on a pilot sample of
/// `GenerationDefaults.pilotRows` rows drawn from the seed. A 0/1 or count variable keeps
/// its own scale; with standardisation its signal is standardised, η = (f − μ)/σ.
public struct RandomModel: Sendable {
    /// The specification it was drawn from.
    public let specification: RandomModelSpecification
    /// The seed it was drawn from.
    public let seed: UInt64
    /// The true graph (node j is variable X(j+1)).
    public let dag: RandomDAG
    /// The model.
    public let model: StructuralCausalModel
    /// Whether the standardisation was exact (linear, all continuous) rather than from a pilot sample.
    public let standardizationIsExact: Bool

    /// The variable names, X1 … Xn.
    public var names: [String] { model.variableNames }

    /// Draws the model of `specification` from `seed`: the graph, then each node's
    /// mechanism in causal order, from separate streams of the seed.
    public init(_ specification: RandomModelSpecification, seed: UInt64) throws {
        if let violation = specification.violation { throw ModelError(violation) }
        let n = specification.nodes
        let dag = RandomDAG(specification.graph, nodes: n, expectedDegree: specification.expectedDegree,
                            stream: RandomStream(seed: seed, path: [1]))
        let draws = RandomStream(seed: seed, path: [2])
        let names = (1...n).map { "X\($0)" }
        // Which nodes are 0/1 and which are counts: a random subset of each size.
        var kinds = [RandomMechanism.Output](repeating: .binary, count: n)
        var shuffled = Array(0..<n)
        draws.shuffle(&shuffled)
        let binaries = Int((specification.binaryFraction * Double(n)).rounded())
        let counts = min(n - binaries, Int((specification.countFraction * Double(n)).rounded()))
        for (k, node) in shuffled.enumerated() {
            if k < binaries { kinds[node] = .binary } else if k < binaries + counts { kinds[node] = .count } else {
                let families: [RandomModelSpecification.NoiseFamily] = [.gaussian, .laplace, .uniform]
                let family = specification.noise == .mixed ? families[draws.uniformInt(below: 3)] : specification.noise
                kinds[node] = .continuous(family, scale: 1)
            }
        }
        var mechanisms: [RandomMechanism] = []
        for j in 0..<n {
            let nonlinear = specification.mechanism == .nonlinear || (specification.mechanism == .mixed && draws.uniform() < 0.5)
            let terms = dag.parents[j].map { i -> RandomMechanism.Term in
                let magnitude = GenerationDefaults.weightRange.lowerBound
                    + draws.uniform() * (GenerationDefaults.weightRange.upperBound - GenerationDefaults.weightRange.lowerBound)
                let weight = draws.uniform() < 0.5 ? -magnitude : magnitude
                let slope = nonlinear ? 0.5 + draws.uniform() : nil
                let shift = nonlinear ? 2 * draws.uniform() - 1 : 0
                return RandomMechanism.Term(parent: i, weight: weight, slope: slope, shift: shift)
            }
            mechanisms.append(RandomMechanism(terms: terms, output: kinds[j]))
        }
        let allLinearContinuous = mechanisms.allSatisfy { m in
            m.terms.allSatisfy { $0.slope == nil } && { if case .continuous = m.output { return true } else { return false } }()
        }
        if specification.standardize {
            if allLinearContinuous {
                Self.standardizeExactly(&mechanisms, dag: dag)
            } else {
                Self.standardizeOnPilot(&mechanisms, dag: dag, stream: RandomStream(seed: seed, path: [3]))
            }
        }
        var variables: [Variable] = []
        var terms: [NoiseTerm] = []
        for j in 0..<n {
            let (equation, noise) = mechanisms[j].equation(names: names, variable: names[j])
            variables.append(Variable(name: names[j], equation: equation))
            if let noise { terms.append(noise) }
        }
        self.specification = specification
        self.seed = seed
        self.dag = dag
        model = try StructuralCausalModel(variables: variables, noiseTerms: terms)
        standardizationIsExact = specification.standardize && allLinearContinuous
    }

    /// Rescales a mechanism whose signal has mean `mean` and variance `variance` to the
    /// standardised form (see the type); returns the factor applied to the signal.
    private static func standardize(_ m: inout RandomMechanism, mean: Double, variance: Double) -> Double {
        let factor: Double
        switch m.output {
        case .continuous(let family, _):
            factor = 1 / (variance + 1).squareRoot()
            m.output = .continuous(family, scale: factor)
        case .binary, .count:
            factor = variance > 0 ? 1 / variance.squareRoot() : 0
        }
        for t in m.terms.indices { m.terms[t].weight *= factor }
        m.constant = m.terms.isEmpty ? 0 : -factor * mean
        return factor
    }

    /// Linear mechanisms with continuous noise: the signal's moments in closed form, the
    /// covariance of the (already standardised) variables propagated in causal order:
    /// Cov(f_j, X_k) = Σᵢ wᵢ·Cov(X_pᵢ, X_k), Var(f_j) = Σᵢ wᵢ·Cov(f_j, X_pᵢ), mean 0.
    private static func standardizeExactly(_ mechanisms: inout [RandomMechanism], dag: RandomDAG) {
        let n = dag.nodeCount
        var covariance = [Double](repeating: 0, count: n * n)
        var placed: [Int] = []
        var signalCovariance = [Double](repeating: 0, count: n)
        for j in dag.causalOrder {
            let terms = mechanisms[j].terms
            for k in placed { signalCovariance[k] = 0 }
            for t in terms {
                for k in placed { signalCovariance[k] += t.weight * covariance[t.parent * n + k] }
            }
            let variance = terms.reduce(0) { $0 + $1.weight * signalCovariance[$1.parent] }
            let factor = standardize(&mechanisms[j], mean: 0, variance: variance)
            for k in placed {
                covariance[j * n + k] = factor * signalCovariance[k]
                covariance[k * n + j] = factor * signalCovariance[k]
            }
            covariance[j * n + j] = 1
            placed.append(j)
        }
    }

    /// Any mechanisms: the signal's moments on a pilot sample, drawn node by node in causal order.
    private static func standardizeOnPilot(_ mechanisms: inout [RandomMechanism], dag: RandomDAG, stream: RandomStream) {
        let rows = GenerationDefaults.pilotRows
        var columns = [[Double]](repeating: [], count: dag.nodeCount)
        for j in dag.causalOrder {
            let signal = mechanisms[j].signal(columns, rows: rows)
            let mean = signal.reduce(0, +) / Double(rows)
            let variance = signal.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows - 1)
            let factor = standardize(&mechanisms[j], mean: mean, variance: variance)
            columns[j] = mechanisms[j].values(signal: signal.map { factor * ($0 - mean) }, stream: stream)
        }
    }
}
