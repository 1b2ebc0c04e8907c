import Foundation
import Probability

/// One chain's stochastic search over a static regression with the conjugate
/// spike-and-slab prior (BoomSpikeSlab's BregVsSampler, as bsts runs it; NOTES §9.4–9.6).
///
/// Each `draw` takes the regression target y (the observed response minus the
/// state contribution) and, with X'X fixed:
///
/// 1. visits every free indicator (0 < π_j < 1) once in a fresh random order and
///    proposes flipping it, accepting with probability min(1, p(γ′ | y) / p(γ | y)), where
///    β and σ² are integrated out:
///
///        log p(γ | y) = log π(γ) + ½ (log|Ω_γ| − log|Ω_γ + X_γ'X_γ|) − (DF/2 − 1) log SS_γ,
///        DF = n + ν,  SS_γ = ν s² + y'y − m'X_γ'y,  m = (Ω_γ + X_γ'X_γ)⁻¹ X_γ'y
///
///    (the exponent DF/2 − 1 is Boom's);
/// 2. draws 1/σ² ~ Gamma(DF/2, SS_γ/2) restricted to σ ≤ u;
/// 3. draws β_γ ~ N(m, σ² (Ω_γ + X_γ'X_γ)⁻¹), and β_j = 0 off γ.
///
/// With weights w_i (Student-t errors, y_i ~ N(x_iᵀβ, σ²/w_i)) every X'X, X'y and y'y above
/// becomes X'WX, X'Wy and y'Wy, W = diag(w): the same conditional of the reweighted problem.
///
/// Cost per draw: O(P·n) for X'y (O(P²·n) for X'WX when weighted), then O(P·k³) for the
/// flips (k = |γ|). No allocation.
final class SpikeSlabSampler {
    let prior: SpikeSlabPrior
    let p: Int
    let observations: Int
    /// X over the observed rows, column-major (column j at j·observations).
    let design: [Double]
    /// X'X over the observed rows, P × P.
    let gram: [Double]

    /// γ, β and σ² of the current draw.
    private(set) var included: [Bool]
    private(set) var coefficients: [Double]
    private(set) var variance: Double

    private let logInclusion: [Double], logExclusion: [Double]
    private var freeColumns: [Int]
    private let degreesOfFreedom: Double
    // Scratch.
    private let crossProducts: UnsafeMutablePointer<Double>   // X'y, P
    private let system: UnsafeMutablePointer<Double>          // Ω_γ + X_γ'X_γ, factored, P × P
    private let priorSystem: UnsafeMutablePointer<Double>     // Ω_γ, factored, P × P
    private let solution: UnsafeMutablePointer<Double>        // P
    private let selection: UnsafeMutablePointer<Int>          // P
    private let activeGram: UnsafeMutablePointer<Double>      // X'X, or X'WX of the current draw, P × P
    private let weightedColumn: UnsafeMutablePointer<Double>  // w ∘ x_j or w ∘ y over the observed rows
    private var responseSquares = 0.0

    /// A sampler starting from β = 0, σ² = `initialVariance` and γ_j = (π_j = 1).
    init(prior: SpikeSlabPrior, observedDesign: [Double], observations n: Int, gram: [Double],
         initialVariance: Double) {
        self.prior = prior
        p = prior.columns
        observations = n
        design = observedDesign
        self.gram = gram
        included = prior.inclusionProbabilities.map { $0 >= 1 }
        coefficients = [Double](repeating: 0, count: prior.columns)
        variance = initialVariance
        logInclusion = prior.inclusionProbabilities.map { log($0) }
        logExclusion = prior.inclusionProbabilities.map { log1p(-$0) }
        freeColumns = prior.inclusionProbabilities.indices.filter {
            prior.inclusionProbabilities[$0] > 0 && prior.inclusionProbabilities[$0] < 1
        }
        degreesOfFreedom = Double(n) + prior.residual.sampleSize
        crossProducts = .allocate(capacity: max(1, p))
        system = .allocate(capacity: max(1, p * p))
        priorSystem = .allocate(capacity: max(1, p * p))
        solution = .allocate(capacity: max(1, p))
        selection = .allocate(capacity: max(1, p))
        activeGram = .allocate(capacity: max(1, p * p))
        activeGram.initialize(repeating: 0, count: max(1, p * p))
        for (i, v) in gram.enumerated() { activeGram[i] = v }
        weightedColumn = .allocate(capacity: max(1, n))
    }

    deinit {
        crossProducts.deallocate(); system.deallocate(); priorSystem.deallocate()
        solution.deallocate(); selection.deallocate(); activeGram.deallocate(); weightedColumn.deallocate()
    }

    /// Steps 1–3 for the target `y` (one value per observed row), with `weights` w_i on the
    /// observed rows (Student-t errors) or unweighted.
    func draw(target y: UnsafePointer<Double>, weights: UnsafePointer<Double>? = nil, using stream: RandomStream) {
        let n = observations
        if let weights {
            loadWeightedStatistics(target: y, weights: weights)
        } else {
            design.withUnsafeBufferPointer { x in
                for j in 0..<p { crossProducts[j] = Reductions.dot(x.baseAddress! + j * n, y, n) }
            }
            responseSquares = Reductions.dot(y, y, n)
        }

        var current = logModelProbability().logProbability
        stream.shuffle(&freeColumns)
        for j in freeColumns {
            included[j].toggle()
            let proposed = logModelProbability().logProbability
            if log(stream.uniformOpen()) < proposed - current {
                current = proposed
            } else {
                included[j].toggle()
            }
        }

        let (_, sumOfSquares, k) = logModelProbability()
        variance = prior.residual.drawVariance(degreesOfFreedom: degreesOfFreedom, sumOfSquares: sumOfSquares,
                                               using: stream)
        // β_γ = L⁻ᵀ (L⁻¹ X_γ'y + σ e), e ~ N(0, I): mean m, covariance σ² (L Lᵀ)⁻¹.
        let sigma = variance.squareRoot()
        for a in 0..<k { solution[a] += sigma * stream.normal() }
        SmallCholesky.solveUpper(system, k, p, solution)
        for j in 0..<p { coefficients[j] = 0 }
        for a in 0..<k { coefficients[selection[a]] = solution[a] }
    }

    /// X'WX into the active Gram matrix, X'Wy and y'Wy.
    private func loadWeightedStatistics(target y: UnsafePointer<Double>, weights w: UnsafePointer<Double>) {
        let n = observations
        for i in 0..<n { weightedColumn[i] = w[i] * y[i] }
        responseSquares = Reductions.dot(weightedColumn, y, n)
        design.withUnsafeBufferPointer { x in
            let x = x.baseAddress!
            for j in 0..<p { crossProducts[j] = Reductions.dot(x + j * n, weightedColumn, n) }
            for a in 0..<p {
                for i in 0..<n { weightedColumn[i] = w[i] * x[a * n + i] }
                for b in 0...a {
                    let s = Reductions.dot(weightedColumn, x + b * n, n)
                    activeGram[a * p + b] = s
                    activeGram[b * p + a] = s
                }
            }
        }
    }

    /// log p(γ | y) up to a constant, SS_γ and k = |γ| for the current γ; leaves the
    /// factor L of Ω_γ + X_γ'X_γ in `system`, L⁻¹X_γ'y in `solution` and γ's columns in `selection`.
    private func logModelProbability() -> (logProbability: Double, sumOfSquares: Double, size: Int) {
        var logPrior = 0.0, k = 0
        for j in 0..<p {
            if included[j] {
                logPrior += logInclusion[j]
                selection[k] = j
                k += 1
            } else {
                logPrior += logExclusion[j]
            }
        }
        let priorSquares = prior.residual.priorSumOfSquares
        let exponent = degreesOfFreedom / 2 - 1
        guard k > 0 else {
            let ss = priorSquares + responseSquares
            return (logPrior - exponent * log(ss), ss, 0)
        }
        let ld = p
        prior.precision.withUnsafeBufferPointer { omega in
            let xtx = activeGram
            for a in 0..<k {
                let row = selection[a] * p
                for b in 0...a {
                    let o = omega[row + selection[b]]
                    priorSystem[a * ld + b] = o
                    system[a * ld + b] = o + xtx[row + selection[b]]
                }
                solution[a] = crossProducts[selection[a]]
            }
        }
        guard SmallCholesky.factor(system, k, ld), SmallCholesky.factor(priorSystem, k, ld) else {
            return (-.infinity, priorSquares + responseSquares, k)
        }
        SmallCholesky.solveLower(system, k, ld, solution)
        var fitted = 0.0
        for a in 0..<k { fitted += solution[a] * solution[a] }
        let ss = max(priorSquares + responseSquares - fitted, priorSquares * 1e-12 + Double.leastNormalMagnitude)
        let logDeterminants = SmallCholesky.logDeterminant(priorSystem, k, ld) - SmallCholesky.logDeterminant(system, k, ld)
        return (logPrior + 0.5 * logDeterminants - exponent * log(ss), ss, k)
    }
}
