import GSL
import StateSpace

/// Random-walk regression coefficients: β_{j,t+1} = β_{j,t} + N(0, σ_j²), contributing
/// x_tᵀβ_t to y_t (bsts `AddDynamicRegression` with its default
/// `DynamicRegressionRandomWalkOptions`; Boom's DynamicRegressionStateModel).
/// Z_t = x_tᵀ, T = I.
struct DynamicRegression: StateComponent {
    let name = "dynamic"
    /// The covariates, column-major: column j at j·n.
    let design: [Double]
    let length: Int
    let covariateNames: [String]
    let coefficientPriors: [SdPrior]
    let initialVariance: Double

    var stateSize: Int { covariateNames.count }
    var disturbanceNames: [String] { covariateNames.map { "sigma.\($0)" } }
    var variancePriors: [SdPrior] { coefficientPriors }
    var initialMean: [Double] { [Double](repeating: 0, count: stateSize) }
    var initialVariances: [Double] { [Double](repeating: initialVariance, count: stateSize) }
    var hasTimeVaryingLoadings: Bool { true }
    /// Boom's factory does not set these from the prior: each coefficient's
    /// ZeroMeanGaussianModel keeps its default σ² = 1.
    var initialDisturbanceVariances: [Double] {
        [Double](repeating: Defaults.dynamicInitialDisturbanceVariance, count: stateSize)
    }

    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] {
        [.identity(stateSize)]
    }
    func disturbanceLoading(moving: Bool) -> Matrix { Matrix.identity(stateSize) }

    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) {
        for j in 0..<stateSize { row[j] = design[j * length + t] }
    }

    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        for j in 0..<stateSize {
            sums[j] += Reductions.squaredIncrements(states + j, stride: m, n)
            counts[j] += n - 1
        }
    }
}
