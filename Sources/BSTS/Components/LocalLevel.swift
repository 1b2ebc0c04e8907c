import GSL
import StateSpace

/// The local level (random walk): μ_{t+1} = μ_t + η_t, η_t ~ N(0, σ²_level),
/// contributing μ_t to y_t (bsts `AddLocalLevel`).
struct LocalLevel: StateComponent {
    let name = "trend"
    let stateSize = 1
    let disturbanceNames = ["sigma.level"]
    /// The prior of σ_level.
    let levelPrior: SdPrior
    /// μ_1 ~ N(initialLevel, initialVariance).
    let initialLevel: Double
    let initialVariance: Double

    var variancePriors: [SdPrior] { [levelPrior] }
    var initialMean: [Double] { [initialLevel] }
    var initialVariances: [Double] { [initialVariance] }

    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] { [.identity(1)] }
    func disturbanceLoading(moving: Bool) -> Matrix { Matrix([[1]]) }
    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) { row[0] = 1 }

    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        sums[0] += Reductions.squaredIncrements(states, stride: m, n)
        counts[0] += n - 1
    }
}
