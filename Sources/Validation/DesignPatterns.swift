import CausalModel

/// A sharp regression-discontinuity design read from a treatment equation:
/// T = 1{X ≥ c}.
public struct SharpDiscontinuity: Sendable, Equatable {
    /// The running variable X.
    public var runningVariable: String
    /// The cutoff c.
    public var cutoff: Double

    /// A design from its running variable and cutoff.
    public init(runningVariable: String, cutoff: Double) {
        self.runningVariable = runningVariable
        self.cutoff = cutoff
    }

    /// The design a treatment equation states, if it is one of
    /// `X >= c`, `X > c`, `c <= X`, `c < X`, `step(X - c)`, `step(X + a)` (c = −a)
    /// or `step(X)` (c = 0), with c a constant. (For a continuous X, `>` and `≥`
    /// differ on a set of probability zero.)
    public init?(treatmentEquation equation: Expr) {
        switch equation {
        case .binary(.greaterOrEqual, .variable(let x), let c), .binary(.greater, .variable(let x), let c),
             .binary(.lessOrEqual, let c, .variable(let x)), .binary(.less, let c, .variable(let x)):
            guard let cutoff = c.constantValue else { return nil }
            self.init(runningVariable: x, cutoff: cutoff)
        case .function(.step, .variable(let x)):
            self.init(runningVariable: x, cutoff: 0)
        case .function(.step, .binary(.subtract, .variable(let x), let c)):
            guard let cutoff = c.constantValue else { return nil }
            self.init(runningVariable: x, cutoff: cutoff)
        case .function(.step, .binary(.add, .variable(let x), let a)):
            guard let shift = a.constantValue else { return nil }
            self.init(runningVariable: x, cutoff: -shift)
        default:
            return nil
        }
    }
}

/// A 2×2 difference-in-differences design read from a treatment equation:
/// T = G × P, the product of a group indicator and a period indicator.
///
/// The 2×2 contrast is symmetric in the two factors (the interaction coefficient
/// of y = a + b·G + c·P + τ·G·P does not change when G and P swap), so the first
/// factor is called the group and the second the period.
public struct TwoByTwoDesign: Sendable, Equatable {
    /// The treated-group indicator G.
    public var group: String
    /// The post-period indicator P.
    public var period: String

    /// A design from its group and period columns.
    public init(group: String, period: String) {
        self.group = group
        self.period = period
    }

    /// The design a treatment equation states, if it is `G * P` with two different variables.
    public init?(treatmentEquation equation: Expr) {
        guard case .binary(.multiply, .variable(let g), .variable(let p)) = equation, g != p else { return nil }
        self.init(group: g, period: p)
    }
}
