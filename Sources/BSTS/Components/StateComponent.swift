import GSL
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
    /// The transition block (moving or still form).
    func transitionBlock(moving: Bool) -> TransitionMatrix.Block
    /// R for this block, stateSize × disturbances (zero where a still transition takes no noise).
    func disturbanceLoading(moving: Bool) -> Matrix
    /// Z_t for this block, written to `row` (stateSize values).
    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>)
    /// Adds, for each disturbance d, Σ_t η_{d,t}² over the transitions where it acts to
    /// `sums[d]`, and their number to `counts[d]`. `states` points at this block of α_0
    /// in an n × m row-major path.
    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>)
}

extension StateComponent {
    /// Boom's state-model factory starts each σ at its SdPrior's initial value (the guess).
    var initialDisturbanceVariances: [Double] { variancePriors.map(\.initialVariance) }
    var hasTimeVaryingLoadings: Bool { false }
    func moves(at t: Int) -> Bool { true }
}
