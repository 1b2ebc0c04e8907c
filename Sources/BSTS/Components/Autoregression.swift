import GSL
import Probability
import StateSpace

/// An AR(p) noise state (bsts `AddAr(lags = p)`, Boom's ArStateModel):
///
///     a_{t+1} = φ₁ a_t + … + φ_p a_{t−p+1} + η_t,   η_t ~ N(0, σ²_AR),
///
/// with state (a_t, …, a_{t−p+1}), observation vector (1, 0, …, 0) and the companion
/// matrix (φ in its first row, ones below the diagonal) as transition.
///
/// Priors and sampler as bsts 0.9.10 builds them: φ flat on the stationary region;
/// σ_AR ~ `SdPrior(0.01·sdy, 0.01)` without upper limit; initial state N(0, I_p) (the
/// factory ignores `initial.state.prior`); the chain starts at φ = 0, σ² = 1. Each
/// sweep, from the sampled path's transitions t → t+1 (post-period forecasts included),
/// X'X = Σ α_t α_tᵀ, X'y = Σ α_t a_{t+1}: φ ~ N(φ̂, σ²(X'X)⁻¹), φ̂ = (X'X)⁻¹X'y, up to
/// 3 proposals until one is stationary; failing that, each φ_i in turn from its
/// conditional N((X'y_i − Σ_{j≠i} X'X_ij φ_j)/X'X_ii, 1/X'X_ii) truncated to (−1, 1),
/// the interval shrinking towards the current value on every non-stationary draw (Boom's
/// ArPosteriorSampler, whose fallback sd omits σ). Then σ² | φ from its inverse gamma
/// with SS = y'y − 2φ'X'y + φ'X'Xφ.
struct Autoregression: StateComponent {
    let name: String
    /// p.
    let order: Int
    /// σ_AR's prior.
    let sigmaPrior: SdPrior

    /// An AR(p) component with σ's prior `sigmaPrior`.
    init(order: Int, sigmaPrior: SdPrior) {
        name = "AR\(order)"
        self.order = order
        self.sigmaPrior = sigmaPrior
    }

    /// Boom's proposals from the joint conditional before the one-at-a-time fallback.
    static let proposals = 3

    var stateSize: Int { order }
    var disturbanceNames: [String] { ["\(name).sigma"] }
    var variancePriors: [SdPrior] { [sigmaPrior] }
    var initialDisturbanceVariances: [Double] { [1] }
    var initialMean: [Double] { [Double](repeating: 0, count: order) }
    var initialVariances: [Double] { [Double](repeating: 1, count: order) }
    var parameterNames: [String] {
        order == 1 ? ["\(name).coefficients"] : (1...order).map { "\(name).coefficients.\($0)" }
    }
    var initialParameters: [Double] { [Double](repeating: 0, count: order) }
    var hasParameterizedTransition: Bool { true }

    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] {
        var companion = Matrix(rows: order, columns: order)
        for j in 0..<order { companion[0, j] = parameters[j] }
        for i in 1..<max(1, order) { companion[i, i - 1] = 1 }
        return [.dense(companion)]
    }

    func disturbanceLoading(moving: Bool) -> Matrix {
        var r = Matrix(rows: order, columns: 1)
        r[0, 0] = 1
        return r
    }

    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) {
        row[0] = 1
        for i in 1..<max(1, order) { row[i] = 0 }
    }

    /// The AR innovations need φ, which `drawParameters` holds; this is not called.
    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {}

    func drawParameters(_ draw: ComponentDraw) {
        let p = order
        var xtx = [Double](repeating: 0, count: p * p), xty = [Double](repeating: 0, count: p), yty = 0.0
        for t in 0..<max(0, draw.length - 1) {
            let now = draw.states + t * draw.stride, next = draw.states[(t + 1) * draw.stride]
            for i in 0..<p {
                xty[i] += now[i] * next
                for j in 0...i { xtx[i * p + j] += now[i] * now[j] }
            }
            yty += next * next
        }
        for i in 0..<p { for j in 0..<i { xtx[j * p + i] = xtx[i * p + j] } }
        let count = max(0, draw.length - 1)
        let phi = UnsafeMutableBufferPointer(start: draw.parameters, count: p)
        drawCoefficients(phi, xtx: xtx, xty: xty, variance: draw.variances[0], using: draw.stream)
        var ss = yty
        for i in 0..<p {
            ss -= 2 * phi[i] * xty[i]
            for j in 0..<p { ss += phi[i] * xtx[i * p + j] * phi[j] }
        }
        draw.variances[0] = sigmaPrior.drawVariance(sumOfSquares: max(0, ss), count: count, using: draw.stream)
    }

    /// φ from its conditional given σ² (see the type's comment); left unchanged when X'X is singular.
    private func drawCoefficients(_ phi: UnsafeMutableBufferPointer<Double>, xtx: [Double], xty: [Double],
                                  variance: Double, using stream: RandomStream) {
        let p = order
        var factor = xtx
        let factored = factor.withUnsafeMutableBufferPointer { SmallCholesky.factor($0.baseAddress!, p, p) }
        guard factored else { return }
        var mean = xty
        factor.withUnsafeBufferPointer { l in
            mean.withUnsafeMutableBufferPointer { b in
                SmallCholesky.solveLower(l.baseAddress!, p, p, b.baseAddress!)
                SmallCholesky.solveUpper(l.baseAddress!, p, p, b.baseAddress!)
            }
        }
        let sd = variance.squareRoot()
        for _ in 0..<Self.proposals {
            // φ = φ̂ + σ L⁻ᵀ z has covariance σ² (L Lᵀ)⁻¹.
            var z = (0..<p).map { _ in stream.normal() * sd }
            factor.withUnsafeBufferPointer { l in
                z.withUnsafeMutableBufferPointer { SmallCholesky.solveUpper(l.baseAddress!, p, p, $0.baseAddress!) }
            }
            let candidate = zip(mean, z).map { $0 + $1 }
            if Stationarity.isStationary(candidate) {
                for i in 0..<p { phi[i] = candidate[i] }
                return
            }
        }
        drawOneAtATime(phi, xtx: xtx, xty: xty, using: stream)
    }

    /// Boom's fallback: each φ_i from its truncated conditional, narrowing (lo, hi) towards
    /// the current (stationary) value until the draw is stationary.
    private func drawOneAtATime(_ phi: UnsafeMutableBufferPointer<Double>, xtx: [Double], xty: [Double],
                                using stream: RandomStream) {
        let p = order
        var current = Array(phi)
        for i in 0..<p {
            let precision = xtx[i * p + i]
            guard precision > 0 else { continue }
            var others = 0.0
            for j in 0..<p where j != i { others += xtx[i * p + j] * current[j] }
            let mean = (xty[i] - others) / precision, sd = (1 / precision).squareRoot()
            let initial = current[i]
            var lo = -1.0, hi = 1.0
            // At most 100 passes: when the truncated normal keeps returning a bound (its
            // mass far outside the interval), the interval would not shrink and the loop
            // would not end; the coefficient then keeps its stationary value.
            for pass in 0..<100 {
                if pass == 99 { current[i] = initial; break }
                let candidate = TruncatedNormal.draw(mean: mean, sd: sd, lower: lo, upper: hi, using: stream)
                current[i] = candidate
                if Stationarity.isStationary(current) { break }
                if candidate > initial { hi = candidate } else { lo = candidate }
                if hi - lo < 1e-12 { current[i] = initial; break }
            }
        }
        for i in 0..<p { phi[i] = current[i] }
    }
}

/// Whether an autoregression's coefficients describe a stationary process.
enum Stationarity {
    /// True when every root of 1 − φ₁z − … − φ_p z^p lies outside the unit circle. The
    /// Schur–Cohn step-down recursion turns φ into partial autocorrelations κ_p, …, κ_1
    /// (κ_k = φ_k^(k), φ_j^(k−1) = (φ_j^(k) + κ_k φ_{k−j}^(k)) / (1 − κ_k²)); the process is
    /// stationary exactly when every |κ_k| < 1.
    static func isStationary(_ phi: [Double]) -> Bool {
        var a = phi
        for k in stride(from: a.count, through: 1, by: -1) {
            let kappa = a[k - 1]
            guard abs(kappa) < 1, kappa.isFinite else { return false }
            let scale = 1 - kappa * kappa
            var next = [Double](repeating: 0, count: k - 1)
            for j in 0..<(k - 1) { next[j] = (a[j] + kappa * a[k - 2 - j]) / scale }
            a = next
        }
        return true
    }
}
