/// The conjugate spike-and-slab prior of a static regression y = Xβ + ε
/// (George & McCulloch 1997; BoomSpikeSlab's `SpikeSlabPrior`, bsts' default
/// with `bma.method = "SSVS"`):
///
///     γ_j ~ Bernoulli(π_j)                       (π_j = 0 for an all-zero column)
///     β_γ | σ², γ ~ N(0, σ² Ω_γ⁻¹)               (β_j = 0 when γ_j = 0)
///     1/σ² ~ Gamma(ν/2, ν s²/2), σ ≤ u
///
/// with the unit-information-style precision
/// Ω = w · ((1 − α) X'X/n + α diag(X'X/n)) over all n rows of X (w = 0.01, α = 0.5).
struct SpikeSlabPrior: Sendable {
    /// π_j for every column (the intercept included).
    let inclusionProbabilities: [Double]
    /// Ω, P × P row-major.
    let precision: [Double]
    /// The prior of σ (guess s, sample size ν, upper limit u).
    let residual: SdPrior

    var columns: Int { inclusionProbabilities.count }

    /// BoomSpikeSlab's construction from the design X (column-major, column j at j·n, all n rows):
    /// π_j = min(1, expectedModelSize / P) (0 for all-zero columns), s = √(1 − R²)·sdy,
    /// ν = priorDF, u = upperLimit.
    init(design: [Double], rows n: Int, columns p: Int, expectedModelSize: Double, expectedR2: Double,
         priorDF: Double, sdy: Double, upperLimit: Double,
         informationWeight: Double = Defaults.priorInformationWeight,
         diagonalShrinkage: Double = Defaults.diagonalShrinkage) {
        let probability = min(1, expectedModelSize / Double(p))
        inclusionProbabilities = (0..<p).map { j in
            (0..<n).allSatisfy { design[j * n + $0] == 0 } ? 0 : probability
        }
        var omega = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = 0.0
                for t in 0..<n { s += design[i * n + t] * design[j * n + t] }
                let crossProduct = s / Double(n)
                let weight = i == j ? 1.0 : 1 - diagonalShrinkage
                omega[i * p + j] = informationWeight * weight * crossProduct
                omega[j * p + i] = omega[i * p + j]
            }
        }
        precision = omega
        residual = SdPrior(guess: ((1 - expectedR2).squareRoot()) * sdy, sampleSize: priorDF, upperLimit: upperLimit)
    }

    /// A prior given directly (tests).
    init(inclusionProbabilities: [Double], precision: [Double], residual: SdPrior) {
        self.inclusionProbabilities = inclusionProbabilities
        self.precision = precision
        self.residual = residual
    }
}
