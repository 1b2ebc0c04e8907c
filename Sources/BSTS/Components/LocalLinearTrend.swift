import GSL
import StateSpace

/// The local linear trend: μ_{t+1} = μ_t + δ_t + η_t, δ_{t+1} = δ_t + ζ_t,
/// η_t ~ N(0, σ²_level), ζ_t ~ N(0, σ²_slope), contributing μ_t to y_t
/// (bsts `AddLocalLinearTrend`). State (μ_t, δ_t), T = [[1, 1], [0, 1]].
struct LocalLinearTrend: StateComponent, LinearTrendLayout {
    let name = "trend"
    let stateSize = 2
    let disturbanceNames = ["sigma.level", "sigma.slope"]
    let levelPrior: SdPrior
    let slopePrior: SdPrior
    /// (μ_1, δ_1) ~ N(initialMean, diag(initialVariances)).
    let initialMean: [Double]
    let initialVariances: [Double]

    var variancePriors: [SdPrior] { [levelPrior, slopePrior] }


    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        var level = 0.0, slope = 0.0
        for t in 0..<max(0, n - 1) {
            let now = states + t * m, next = states + (t + 1) * m
            let eta = next[0] - now[0] - now[1]
            let zeta = next[1] - now[1]
            level += eta * eta
            slope += zeta * zeta
        }
        sums[0] += level
        sums[1] += slope
        counts[0] += n - 1
        counts[1] += n - 1
    }
}

/// The state layout shared by the local linear trends: state (μ_t, δ_t), T = [[1, 1], [0, 1]],
/// R = I₂ (level and slope disturbances), Z = (1, 0).
protocol LinearTrendLayout: StateComponent {}

extension LinearTrendLayout {
    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] {
        [.dense(Matrix([[1, 1], [0, 1]]))]
    }
    func disturbanceLoading(moving: Bool) -> Matrix { Matrix.identity(2) }
    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) {
        row[0] = 1
        row[1] = 0
    }
}
