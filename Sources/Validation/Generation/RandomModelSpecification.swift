/// What `RandomModel.generate` draws: a random DAG and random mechanisms on it.
///
/// The families and their constants are stated on each case and in `GenerationDefaults`;
/// the same specification and seed give the same model, bit for bit.
public struct RandomModelSpecification: Hashable, Sendable {
    /// How the DAG is drawn.
    public enum GraphFamily: String, Hashable, Sendable, CaseIterable {
        /// Erdős–Rényi: a random causal order, each of the n(n − 1)/2 ordered pairs an
        /// edge with probability degree/(n − 1), so a node has `expectedDegree` neighbours on average.
        case erdosRenyi = "er"
        /// Scale-free (Barabási–Albert preferential attachment): nodes arrive in a random
        /// order and each new node receives arrows from m = max(1, round(degree/2)) earlier
        /// nodes, drawn without replacement with probability ∝ their degree + 1.
        case scaleFree = "sf"
    }

    /// The form of each mechanism's signal f(pa) from the parents.
    public enum MechanismFamily: String, Hashable, Sendable, CaseIterable {
        /// f = Σ wᵢ·Xᵢ, wᵢ uniform on ±[0.5, 2] (Reisach et al. 2021's range).
        case linear
        /// f = Σ wᵢ·tanh(aᵢ·Xᵢ + bᵢ): a random sum of smooth saturating functions, one per
        /// parent, wᵢ uniform on ±[0.5, 2], aᵢ on [0.5, 1.5], bᵢ on [−1, 1].
        case nonlinear
        /// Each node linear or non-linear with probability 1/2.
        case mixed
    }

    /// The additive noise of a continuous variable, always of variance 1 before standardising.
    public enum NoiseFamily: String, Hashable, Sendable, CaseIterable {
        /// Normal(0, 1).
        case gaussian
        /// Laplace(0, 1/√2).
        case laplace
        /// Uniform(−√3, √3).
        case uniform
        /// Each node one of the three, with probability 1/3 each.
        case mixed
    }

    /// The number of variables (named X1 … Xn; the names do not follow the causal order).
    public var nodes: Int
    /// The graph family.
    public var graph: GraphFamily = .erdosRenyi
    /// The expected number of neighbours (parents plus children) of a node.
    public var expectedDegree: Double = GenerationDefaults.expectedDegree
    /// The mechanism family.
    public var mechanism: MechanismFamily = .linear
    /// The noise family.
    public var noise: NoiseFamily = .gaussian
    /// Whether to remove the order leak: internally standardised mechanisms (see `RandomModel`).
    public var standardize = false
    /// The share of variables that are 0/1: X ~ BernoulliLogit(η), η the (standardised) signal.
    public var binaryFraction = 0.0
    /// The share of variables that are counts: X ~ Poisson(exp(min(η, 3))).
    public var countFraction = 0.0

    /// A specification of `nodes` variables with the defaults above.
    public init(nodes: Int) { self.nodes = nodes }

    /// The first rule the specification breaks, naming the option, or nil.
    public var violation: String? {
        if nodes < 1 || nodes > GenerationDefaults.maximumNodes { return "--nodes must be between 1 and \(GenerationDefaults.maximumNodes) (got \(nodes))" }
        if !(expectedDegree >= 0 && expectedDegree.isFinite) { return "--degree must be 0 or more (got \(expectedDegree))" }
        if !(binaryFraction >= 0 && binaryFraction <= 1) { return "--binary must be a fraction in [0, 1] (got \(binaryFraction))" }
        if !(countFraction >= 0 && countFraction <= 1) { return "--counts must be a fraction in [0, 1] (got \(countFraction))" }
        if binaryFraction + countFraction > 1 { return "--binary and --counts together must not exceed 1 (got \(binaryFraction + countFraction))" }
        return nil
    }
}

/// The constants of random model generation, each with where its value comes from.
public enum GenerationDefaults {
    /// Expected neighbours per node: 2, the sparse setting of Reisach, Seiler and Weichwald (2021).
    public static let expectedDegree = 2.0
    /// Edge weights are uniform on ±[0.5, 2] (Reisach et al. 2021, following NOTEARS' benchmarks).
    public static let weightRange = 0.5...2.0
    /// Rows of the pilot sample that sets the signal's mean and variance when they have no closed form.
    public static let pilotRows = 20_000
    /// Rows on which the sortability statistics are computed when no sample is asked for, and
    /// the most rows they use of a larger sample (their cost is rows × nodes²).
    public static let statisticsRows = 20_000
    /// The largest model generated (the exact covariance has nodes² entries).
    public static let maximumNodes = 5_000
    /// A count's log rate is capped here (mean at most e³ ≈ 20), so counts stay finite.
    public static let maximumLogRate = 3.0
}
