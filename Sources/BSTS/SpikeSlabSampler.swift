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
/// With Student-t errors (weights w_i, y_i ~ N(x_iᵀβ, σ²/w_i)) bsts runs Boom's
/// TRegressionSpikeSlabSampler instead (`drawHoldingVariance`): X'X, X'y and y'y become X'WX,
/// X'Wy and y'Wy (W = diag(w)), and σ² is held through the flips and β's draw, then drawn
/// given β alone:
///
/// 1'. flips accepted with log p(γ | y, σ²) = log π(γ) + ½ (log|Ω_γ| − log|Ω_γ + X_γ'WX_γ|)
///     + m'X_γ'Wy / (2σ²) (β integrated out, σ² fixed);
/// 2'. β_γ ~ N(m, σ² (Ω_γ + X_γ'WX_γ)⁻¹) at the held σ²;
/// 3'. 1/σ² ~ Gamma((n + ν)/2, (ν s² + Σ_i w_i (y_i − x_iᵀβ)²)/2) restricted to σ ≤ u.
///
/// Step 3' leaves out the slab's own σ² term (k/2 in the shape, β'Ω_γβ in the rate), as
/// Boom's `draw_sigsq_full_conditional` does; bsts' `family = "student"` fits are draws of
/// this sampler, which with the g-prior's Ω shrinks β harder than the collapsed sampler above.
///
/// Cost per draw: O(P·n) for X'y, then O(P·k³) for the flips (k = |γ|). X'WX changes with
/// every draw's weights; its entries are computed when a flip or β's draw first reads them
/// (those among γ's columns and the column being flipped), O(P·k·n) instead of O(P²·n) for
/// the whole matrix. No allocation.
final class SpikeSlabSampler {
    let prior: SpikeSlabPrior
    let p: Int
    let observations: Int
    /// X over the observed rows, column-major (column j at j·observations).
    let design: [Double]
    /// X'X over the observed rows, P × P.
    let gram: [Double]

    /// γ and β of the current draw.
    private(set) var included: [Bool]
    private(set) var coefficients: [Double]
    /// σ² of the current draw: the one `drawHoldingVariance` holds through its flips and β.
    var variance: Double

    private let logInclusion: [Double], logExclusion: [Double]
    private var freeColumns: [Int]
    private let degreesOfFreedom: Double
    // Scratch.
    private let crossProducts: UnsafeMutablePointer<Double>   // X'y, P
    private let system: UnsafeMutablePointer<Double>          // Ω_γ + X_γ'X_γ, factored, P × P
    private let priorSystem: UnsafeMutablePointer<Double>     // Ω_γ, factored, P × P
    private let solution: UnsafeMutablePointer<Double>        // P
    private let selection: UnsafeMutablePointer<Int>          // P
    private let activeGram: UnsafeMutablePointer<Double>      // X'WX of the weighted draw under way, P × P
    private let gramStamps: UnsafeMutablePointer<Int>         // per entry: the weighted draw it was computed for
    private var currentStamp = 0                              // the weighted draw under way (0: none yet)
    private var weights: UnsafePointer<Double>?               // w of the weighted draw under way, nil between draws
    private let weightedColumn: UnsafeMutablePointer<Double>  // w ∘ y over the observed rows
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
        gramStamps = .allocate(capacity: max(1, p * p))
        gramStamps.initialize(repeating: 0, count: max(1, p * p))
        weightedColumn = .allocate(capacity: max(1, n))
    }

    deinit {
        crossProducts.deallocate(); system.deallocate(); priorSystem.deallocate()
        solution.deallocate(); selection.deallocate(); activeGram.deallocate(); weightedColumn.deallocate()
        gramStamps.deallocate()
    }

    /// Steps 1–3 for the target `y` (one value per observed row), unweighted (Gaussian errors).
    func draw(target y: UnsafePointer<Double>, using stream: RandomStream) {
        let n = observations
        design.withUnsafeBufferPointer { x in
            for j in 0..<p { crossProducts[j] = Reductions.dot(x.baseAddress! + j * n, y, n) }
        }
        responseSquares = Reductions.dot(y, y, n)
        flipIndicators(using: stream) { $0.logPrior + 0.5 * $0.logDeterminants - (degreesOfFreedom / 2 - 1) * log($0.sumOfSquares) }
        let terms = modelTerms()
        variance = prior.residual.drawVariance(degreesOfFreedom: degreesOfFreedom, sumOfSquares: terms.sumOfSquares,
                                               using: stream)
        drawCoefficients(size: terms.size, using: stream)
    }

    /// Steps 1'–3' for the target `y` with `weights` w_i, both over the observed rows
    /// (Student-t errors), starting from the σ² of the previous draw.
    func drawHoldingVariance(target y: UnsafePointer<Double>, weights w: UnsafePointer<Double>,
                             using stream: RandomStream) {
        loadWeightedStatistics(target: y, weights: w)
        let precision = 1 / variance
        flipIndicators(using: stream) { $0.logPrior + 0.5 * $0.logDeterminants + 0.5 * precision * $0.fitted }
        let k = modelTerms().size
        drawCoefficients(size: k, using: stream)
        var squares = 0.0
        design.withUnsafeBufferPointer { x in
            let x = x.baseAddress!
            for i in 0..<observations {
                var residual = y[i]
                for a in 0..<k { residual -= x[selection[a] * observations + i] * coefficients[selection[a]] }
                squares += w[i] * residual * residual
            }
        }
        variance = prior.residual.drawVariance(sumOfSquares: squares, count: observations, using: stream)
        weights = nil
    }

    /// One Metropolis flip of every free indicator, in a fresh random order, under the log
    /// model probability `logProbability` of the current γ's terms.
    private func flipIndicators(using stream: RandomStream, logProbability: (ModelTerms) -> Double) {
        var current = logProbability(modelTerms())
        stream.shuffle(&freeColumns)
        for j in freeColumns {
            included[j].toggle()
            let proposed = logProbability(modelTerms())
            if log(stream.uniformOpen()) < proposed - current {
                current = proposed
            } else {
                included[j].toggle()
            }
        }
    }

    /// β_γ = L⁻ᵀ (L⁻¹ X_γ'y + σ e), e ~ N(0, I): mean m, covariance σ² (L Lᵀ)⁻¹ at the current σ²,
    /// from the factor and solution `modelTerms` left for the current γ (k = |γ|); β_j = 0 off γ.
    private func drawCoefficients(size k: Int, using stream: RandomStream) {
        let sigma = variance.squareRoot()
        for a in 0..<k { solution[a] += sigma * stream.normal() }
        SmallCholesky.solveUpper(system, k, p, solution)
        for j in 0..<p { coefficients[j] = 0 }
        for a in 0..<k { coefficients[selection[a]] = solution[a] }
    }

    /// X'Wy and y'Wy, and every X'WX entry marked stale (computed on first read by `gramEntry`).
    private func loadWeightedStatistics(target y: UnsafePointer<Double>, weights w: UnsafePointer<Double>) {
        let n = observations
        for i in 0..<n { weightedColumn[i] = w[i] * y[i] }
        responseSquares = Reductions.dot(weightedColumn, y, n)
        design.withUnsafeBufferPointer { x in
            for j in 0..<p { crossProducts[j] = Reductions.dot(x.baseAddress! + j * n, weightedColumn, n) }
        }
        weights = w
        currentStamp += 1
    }

    /// (X'X)_ab between weighted draws, or (X'WX)_ab = Σ_i w_i x_ia x_ib of the weighted draw
    /// under way (computed once per draw).
    private func gramEntry(_ a: Int, _ b: Int) -> Double {
        let index = a * p + b
        guard let w = weights else { return gram[index] }
        guard gramStamps[index] != currentStamp else { return activeGram[index] }
        let n = observations
        var sum = 0.0
        design.withUnsafeBufferPointer { x in
            let columnA = x.baseAddress! + a * n, columnB = x.baseAddress! + b * n
            for i in 0..<n { sum += w[i] * columnA[i] * columnB[i] }
        }
        activeGram[index] = sum
        activeGram[b * p + a] = sum
        gramStamps[index] = currentStamp
        gramStamps[b * p + a] = currentStamp
        return sum
    }

    /// The pieces of γ's model probability: log π(γ), log|Ω_γ| − log|Ω_γ + X_γ'X_γ|,
    /// m'X_γ'y = ‖L⁻¹X_γ'y‖², SS_γ = ν s² + y'y − m'X_γ'y and k = |γ| (X'WX and X'Wy when weighted).
    private struct ModelTerms {
        var logPrior: Double, logDeterminants: Double, fitted: Double, sumOfSquares: Double, size: Int
    }

    /// The terms for the current γ; leaves the factor L of Ω_γ + X_γ'X_γ in `system`,
    /// L⁻¹X_γ'y in `solution` and γ's columns in `selection`. A singular system gives
    /// log-determinants of −∞ (a γ never accepted).
    private func modelTerms() -> ModelTerms {
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
        guard k > 0 else {
            return ModelTerms(logPrior: logPrior, logDeterminants: 0, fitted: 0,
                              sumOfSquares: priorSquares + responseSquares, size: 0)
        }
        let ld = p
        prior.precision.withUnsafeBufferPointer { omega in
            for a in 0..<k {
                let row = selection[a] * p
                for b in 0...a {
                    let o = omega[row + selection[b]]
                    priorSystem[a * ld + b] = o
                    system[a * ld + b] = o + gramEntry(selection[a], selection[b])
                }
                solution[a] = crossProducts[selection[a]]
            }
        }
        guard SmallCholesky.factor(system, k, ld), SmallCholesky.factor(priorSystem, k, ld) else {
            return ModelTerms(logPrior: logPrior, logDeterminants: -.infinity, fitted: 0,
                              sumOfSquares: priorSquares + responseSquares, size: k)
        }
        SmallCholesky.solveLower(system, k, ld, solution)
        var fitted = 0.0
        for a in 0..<k { fitted += solution[a] * solution[a] }
        let ss = max(priorSquares + responseSquares - fitted, priorSquares * 1e-12 + Double.leastNormalMagnitude)
        let logDeterminants = SmallCholesky.logDeterminant(priorSystem, k, ld) - SmallCholesky.logDeterminant(system, k, ld)
        return ModelTerms(logPrior: logPrior, logDeterminants: logDeterminants, fitted: fitted, sumOfSquares: ss, size: k)
    }
}
