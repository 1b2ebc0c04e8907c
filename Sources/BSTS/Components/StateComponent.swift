import GSL
import Probability
import StateSpace

/// One block of a structural time-series model's state: its transition block,
/// observation loadings, disturbances with their priors, and initial state.
/// `ComponentStack` stacks components block-diagonally (TensorFlow Probability's
/// `sts.Sum` does the same).
///
/// Time indices are 0-based; "the transition at t" carries α_t to α_{t+1}.
protocol StateComponent: Sendable {
    /// The component's name in bsts ("trend", "seasonal", "dynamic").
    var name: String { get }
    /// Number of state elements.
    var stateSize: Int { get }
    /// One prior per disturbance; the disturbances are independent with Q = diag(σ²).
    var variancePriors: [SdPrior] { get }
    /// Each disturbance variance's starting value in the sampler.
    var initialDisturbanceVariances: [Double] { get }
    /// The name of each disturbance's standard deviation, e.g. "sigma.level".
    var disturbanceNames: [String] { get }
    /// E[α_1] for this block.
    var initialMean: [Double] { get }
    /// The diagonal of P₁ for this block.
    var initialVariances: [Double] { get }
    /// Whether the loadings change with t.
    var hasTimeVaryingLoadings: Bool { get }

    /// Whether the transition at t is the component's moving form (true for all t
    /// except inside a season of a seasonal component).
    func moves(at t: Int) -> Bool
    /// R for this block, stateSize × disturbances (zero where a still transition takes no noise).
    func disturbanceLoading(moving: Bool) -> Matrix
    /// Z_t for this block, written to `row` (stateSize values).
    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>)
    /// Adds, for each disturbance d, Σ_t η_{d,t}² over the transitions where it acts to
    /// `sums[d]`, and their number to `counts[d]`. `states` points at this block of α_0
    /// in an n × m row-major path.
    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>)

    /// The names of the parameters the component draws besides its disturbance
    /// variances (an autoregression's φ, a damped slope's mean and φ), in order.
    var parameterNames: [String] { get }
    /// Their starting values in the sampler.
    var initialParameters: [Double] { get }
    /// The transition blocks (moving or still form) given the current parameters
    /// (`parameterNames` order; components without parameters ignore them).
    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block]
    /// Whether T depends on the parameters, so that it must be refreshed after each draw.
    var hasParameterizedTransition: Bool { get }
    /// Whether the draw writes per-time scales of the disturbance variances (`ComponentDraw.scales`;
    /// Student-t disturbances through latent weights).
    var hasDisturbanceScales: Bool { get }
    /// The standard deviations reported per draw: a name and the disturbance whose σ it is
    /// (one per disturbance, unless several disturbances share one σ).
    var reportedDeviations: [(name: String, disturbance: Int)] { get }
    /// Draws the component's disturbance variances and parameters from their full
    /// conditionals given the sampled state path.
    func drawParameters(_ draw: ComponentDraw)
}

/// What a component's parameter draw reads and writes: its block of the sampled state
/// path, its slice of the disturbance variances and of the parameters, and the stream.
struct ComponentDraw {
    /// This block of α_0 in an n × m row-major path.
    let states: UnsafePointer<Double>
    /// m, the stride between time points.
    let stride: Int
    /// n, the number of time points.
    let length: Int
    /// The component's disturbance variances (written).
    let variances: UnsafeMutablePointer<Double>
    /// The component's parameters (written).
    let parameters: UnsafeMutablePointer<Double>
    let stream: RandomStream
    /// Scratch for Σ η² and counts, one slot per disturbance of the component.
    let sums: UnsafeMutablePointer<Double>
    let counts: UnsafeMutablePointer<Int>
    /// The scales s_{d,t} of the component's disturbance variances, Q_t = diag(q_d·s_{d,t}), at
    /// t·scaleStride + d (read and written), when some component of the model has them.
    var scales: UnsafeMutablePointer<Double>? = nil
    /// The stride between time points in `scales`: the model's number of disturbances.
    var scaleStride = 0
}

extension StateComponent {
    /// Boom's state-model factory starts each σ at its SdPrior's initial value (the guess).
    var initialDisturbanceVariances: [Double] { variancePriors.map(\.initialVariance) }
    var hasTimeVaryingLoadings: Bool { false }
    func moves(at t: Int) -> Bool { true }
    var parameterNames: [String] { [] }
    var initialParameters: [Double] { [] }
    var hasParameterizedTransition: Bool { false }
    var hasDisturbanceScales: Bool { false }
    var reportedDeviations: [(name: String, disturbance: Int)] {
        disturbanceNames.enumerated().map { ($0.element, $0.offset) }
    }
    /// Each disturbance variance from its `SdPrior` given Σ η² over its transitions.
    func drawParameters(_ draw: ComponentDraw) {
        for d in variancePriors.indices { draw.sums[d] = 0; draw.counts[d] = 0 }
        accumulateDisturbances(states: draw.states, stride: draw.stride, length: draw.length,
                               sums: draw.sums, counts: draw.counts)
        for (d, prior) in variancePriors.enumerated() {
            draw.variances[d] = prior.drawVariance(sumOfSquares: draw.sums[d], count: draw.counts[d], using: draw.stream)
        }
    }
}
