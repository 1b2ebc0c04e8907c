import Foundation
import GSL
import Probability

/// The distribution of the observation errors ε_t.
public enum ObservationErrors: String, Sendable, CaseIterable {
    /// ε_t ~ N(0, σ²): bsts' default `family = "gaussian"`.
    case gaussian
    /// ε_t ~ σ·t_ν, heavy-tailed errors that let outliers pass (bsts `family = "student"`),
    /// with ν ~ Uniform(0.1, 100).
    case student
}

/// Student-t observation errors drawn through latent weights, as bsts' `family = "student"`
/// (Boom's StateSpaceStudentPosteriorSampler) does:
///
///     ε_t | w_t ~ N(0, σ²/w_t),   w_t ~ Gamma(ν/2, rate ν/2)   ⇒   ε_t ~ σ·t_ν,
///     ν ~ Uniform(0.1, 100).
///
/// Given the residuals e_t = y_t − Z_t α_t − x_tᵀβ, each sweep draws
///
/// - w_t | e_t, σ², ν ~ Gamma((ν + 1)/2, rate (ν + e_t²/σ²)/2), independently over the observed t
///   (conditional mean (ν + 1)/(ν + e_t²/σ²): an outlier gets a small weight);
/// - ν | e, σ² from p(ν) Π_t t_ν(e_t/σ)/σ, the weights integrated out (Boom draws ν "given
///   observed data" the same way), by slice sampling (Neal 2003, "Slice sampling", Ann.
///   Statist. 31) on u = log ν, whose density is p(e^u | e, σ²)·e^u: the level log U + log g(u)
///   at the current u; an interval of width `sliceWidth` placed uniformly around u and
///   stepped out by that width at either end until the end leaves the slice (§4.1, no limit
///   on the steps: the support log 0.1 ≤ u ≤ log 100 ends it), cut to the support; then
///   uniform proposals that shrink the interval towards u at each rejection (§4.2.2).
///
/// The weights enter the rest of the sweep as the per-time observation variance σ²/w_t of the
/// simulation smoother, the weights of the spike-and-slab regression (X'WX, X'Wy, y'Wy) and
/// the weighted sum of squares Σ w_t e_t² of σ²'s draw. One instance per chain; not thread-safe.
final class StudentErrors {
    /// The support of ν's uniform prior (`StudentSpikeSlabPrior`'s `degrees.of.freedom.prior`).
    static let degreesOfFreedomRange = 0.1...100.0

    /// The rows (0-based) where y is observed.
    let observedRows: [Int]
    /// ν of the current draw; starts at the prior's midpoint 50.05 (bsts' `initial.value`).
    var degreesOfFreedom: Double
    /// w_t for every t (1 where y is missing).
    let weights: UnsafeMutablePointer<Double>
    /// 1/w_t for every t: the per-time scale of σ² in the simulation smoother.
    let varianceScales: UnsafeMutablePointer<Double>
    /// w_t over the observed rows, in their order (the regression's weights).
    let observedWeights: UnsafeMutablePointer<Double>
    private let residuals: UnsafeMutablePointer<Double>

    /// Weights 1 and ν at its prior's midpoint, over `length` time points.
    init(length n: Int, observedRows: [Int]) {
        self.observedRows = observedRows
        let range = Self.degreesOfFreedomRange
        degreesOfFreedom = (range.lowerBound + range.upperBound) / 2
        weights = .allocate(capacity: max(1, n))
        weights.initialize(repeating: 1, count: max(1, n))
        varianceScales = .allocate(capacity: max(1, n))
        varianceScales.initialize(repeating: 1, count: max(1, n))
        observedWeights = .allocate(capacity: max(1, observedRows.count))
        observedWeights.initialize(repeating: 1, count: max(1, observedRows.count))
        residuals = .allocate(capacity: max(1, observedRows.count))
        residuals.initialize(repeating: 0, count: max(1, observedRows.count))
    }

    deinit {
        weights.deallocate(); varianceScales.deallocate(); observedWeights.deallocate(); residuals.deallocate()
    }

    /// Draws every observed w_t given the residuals e_t (`residual`, n values), σ² and ν.
    func drawWeights(residual: UnsafePointer<Double>, variance: Double, using stream: RandomStream) {
        let nu = degreesOfFreedom
        for (i, t) in observedRows.enumerated() {
            let weight = Self.drawWeight(residual: residual[t], variance: variance, degreesOfFreedom: nu, using: stream)
            weights[t] = weight
            varianceScales[t] = 1 / weight
            observedWeights[i] = weight
        }
    }

    /// The smallest weight kept, √(least normal double) ≈ 1.5e-154: a weight that underflows
    /// would make σ²/w infinite, while 1/w of this one stays finite.
    static let smallestWeight = Double.leastNormalMagnitude.squareRoot()

    /// A latent weight w ~ Gamma((ν + 1)/2, rate (ν + e²/σ²)/2) given residual e, σ² and ν,
    /// at least `smallestWeight` (the Student-t trend's weights are drawn the same way).
    @inline(__always)
    static func drawWeight(residual e: Double, variance: Double, degreesOfFreedom nu: Double,
                           using stream: RandomStream) -> Double {
        max(stream.gamma(shape: (nu + 1) / 2, rate: (nu + e * e / variance) / 2), smallestWeight)
    }

    /// Σ w_t e_t² for the residuals of the observed rows (`observedResidual`, in their order):
    /// the sum of squares of σ²'s draw.
    func weightedSumOfSquares(observedResidual e: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        for i in observedRows.indices { sum += observedWeights[i] * e[i] * e[i] }
        return sum
    }

    /// The width of the slice sampler's initial interval and steps on the log ν scale: about
    /// the posterior's width on that scale when ν is small (sd of log ν ≈ 0.25 for a hundred
    /// residuals), so a draw typically takes one or two steps and one or two proposals.
    static let sliceWidth = 1.0

    /// Evaluations of ν's log density so far (the slice sampler's cost).
    private(set) var densityEvaluations = 0

    /// Draws ν given the residuals e_t (`residual`, n values) and σ², by the slice sampler above.
    func drawDegreesOfFreedom(residual: UnsafePointer<Double>, variance: Double, using stream: RandomStream) {
        for (i, t) in observedRows.enumerated() { residuals[i] = residual[t] }
        let buffer = UnsafeBufferPointer(start: residuals, count: observedRows.count)
        let range = Self.degreesOfFreedomRange
        // log g(u) = log p(e^u | e, σ²) + u on u = log ν.
        let u = SliceSampler.draw(from: log(degreesOfFreedom), on: log(range.lowerBound)...log(range.upperBound),
                                  stepWidth: Self.sliceWidth, using: stream) { u in
            densityEvaluations += 1
            return Self.logLikelihood(degreesOfFreedom: exp(u), residuals: buffer, variance: variance) + u
        }
        degreesOfFreedom = min(max(exp(u), range.lowerBound), range.upperBound)
    }

    /// log Π_t t_ν(e_t/σ)/σ up to terms free of ν:
    /// n·(log Γ((ν+1)/2) − log Γ(ν/2) − ½ log ν) − (ν+1)/2 · Σ_t log(1 + e_t²/(νσ²)).
    /// The sum takes one logarithm per `productBlock` residuals, of the product of their
    /// 1 + e_t²/(νσ²) (a block whose product leaves the normal range is summed term by term).
    static func logLikelihood(degreesOfFreedom nu: Double, residuals: UnsafeBufferPointer<Double>,
                              variance: Double) -> Double {
        let scale = 1 / (nu * variance)
        var sum = 0.0, start = 0
        while start < residuals.count {
            let end = min(start + productBlock, residuals.count)
            var product = 1.0
            for t in start..<end { product *= 1 + residuals[t] * residuals[t] * scale }
            if product.isNormal && product.isFinite {
                sum += log(product)
            } else {
                for t in start..<end { sum += log1p(residuals[t] * residuals[t] * scale) }
            }
            start = end
        }
        let n = Double(residuals.count)
        return n * (SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2) - 0.5 * log(nu))
            - (nu + 1) / 2 * sum
    }

    /// Residuals per logarithm in `logLikelihood`: a product of 8 factors 1 + e²/(νσ²) stays
    /// finite while each is below 10^38, and one logarithm costs about what 8 products do.
    static let productBlock = 8
}
