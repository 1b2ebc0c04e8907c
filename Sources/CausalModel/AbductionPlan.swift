/// What a counterfactual computation must deliver, which decides the methods it may use.
enum CounterfactualPurpose: Sendable {
    /// Expectations of single variables (unit rows, E[Y_x | e]): the Gaussian
    /// posterior mean suffices in linear-Gaussian models.
    case expectations
    /// Any function of the counterfactual values (probabilities, joint events across worlds).
    case distribution
}

/// How the evidence of one observation pattern becomes noise (Pearl's abduction),
/// decided once per pattern: which noise terms are solved for, which observed
/// variables are checked by simulation, which terms are enumerated or sampled,
/// and so which method answers the query.
///
/// Each observed variable is solved for one noise term of its own (read by no
/// other equation) along an invertible path (`NoiseInversion`): a continuous
/// term gives ε exactly; a discrete one the interval of ε it implies. Observed
/// variables with no such term are *checked*: computed from the noise and
/// compared with the evidence. Relevant terms that are not solved for are the
/// *free* terms (relevant: read by an observed variable or its ancestors, or by a
/// queried variable or its ancestors in a world).
///
/// The strategy (`CounterfactualStrategy`), first that applies:
/// - `ExactInversion`: no free terms, and the only checked variables are
///   noise-free functions of their parents; one noise vector per unit.
/// - `ExactEnumeration`: every free term is a uniform ε thresholded into discrete
///   values (Bernoulli, BernoulliLogit, Binomial, Categorical, Poisson); the unit
///   cube is cut into cells on which every world is constant.
/// - `GaussianConditioning`: expectations in a linear-Gaussian model.
/// - `LikelihoodWeighting`: free terms drawn from their prior, solved terms
///   weighted by the likelihood of the evidence.
struct AbductionPlan: Sendable {
    let setting: CounterfactualSetting
    /// How the noise is abducted.
    let strategy: any CounterfactualStrategy
    /// Observed variables, in evaluation order.
    let observed: [Int]
    /// By variable: whether its column holds the evidence during abduction.
    let clamped: [Bool]
    /// The solved noise terms, one per clamped variable.
    let pivots: [NoiseInversion]
    /// Observed variables checked by simulation.
    let checked: [Int]
    /// The free joint terms, in evaluation order (enumerated, or drawn from the prior).
    let dims: [Int]
    /// For enumeration (empty otherwise), by variable: the position in `dims` of the last free term
    /// that the variable or one of its ancestors reads (−1 when none). On a cell
    /// where none of the first `depth + 1` free terms has a threshold inside, the
    /// variable's factual value is constant, so evidence it contradicts rules the
    /// whole cell out.
    let dependenceDepth: [Int]
    /// For each world, by variable: whether the world holds it at the evidence.
    /// An observed variable that the world's interventions cannot change equals
    /// its factual value, which is the observed one (consistency); holding it
    /// returns the observed value exactly rather than through a round trip of
    /// solving for its noise and evaluating again.
    let worldClamped: [[Bool]]
    /// For each world, the variables it holds at the evidence.
    let worldClampedVariables: [[Int]]

    /// The discrete families whose uniform ε is cut at thresholds (for Poisson,
    /// the CDF values below 1 − 1e-12: finitely many).
    static let enumerableFamilies: Set<DistributionFamily> = [.bernoulli, .bernoulliLogit, .binomial, .categorical, .poisson]

    /// The plan for evidence on the variables marked in `isObserved`, asking for the
    /// variables `queries[w]` of each world w.
    init(setting: CounterfactualSetting, isObserved: [Bool], queries: [[Int]], purpose: CounterfactualPurpose,
         forceSampling: Bool) {
        let observed = setting.factual.model.evaluationOrder.filter { isObserved[$0] }
        let relevant = Self.relevantTerms(setting, observed: observed, queries: queries)
        if !forceSampling {
            let exact = Self.assignPivots(setting, observed: observed, sampling: false)
            let free = Self.freeTerms(setting, relevant: relevant, pivots: exact.pivots)
            let deterministic = exact.checked.allSatisfy { setting.factual.model.variables[$0].equation.noiseTerms.isEmpty }
            if free.isEmpty && deterministic {
                self.init(setting, ExactInversion(), observed, exact, free)
                return
            }
            if free.allSatisfy({ Self.enumerableFamilies.contains(setting.families[$0]) }) {
                self.init(setting, ExactEnumeration(dims: free, setting: setting), observed, exact, free)
                return
            }
            if purpose == .expectations, let gaussian = GaussianAbduction(setting: setting, observed: observed) {
                self.init(setting, GaussianConditioning(map: gaussian), observed, (pivots: [], checked: []), [])
                return
            }
        }
        let sampled = Self.assignPivots(setting, observed: observed, sampling: true)
        self.init(setting, LikelihoodWeighting(), observed, sampled,
                  Self.freeTerms(setting, relevant: relevant, pivots: sampled.pivots))
    }

    private init(_ setting: CounterfactualSetting, _ strategy: any CounterfactualStrategy, _ observed: [Int],
                 _ assignment: (pivots: [NoiseInversion], checked: [Int]), _ dims: [Int]) {
        self.setting = setting
        self.strategy = strategy
        self.observed = observed
        var clamped = [Bool](repeating: false, count: setting.factual.model.variables.count)
        for p in assignment.pivots { clamped[p.variable] = true }
        self.clamped = clamped
        pivots = assignment.pivots
        checked = assignment.checked
        self.dims = dims
        let model = setting.factual.model
        dependenceDepth = strategy.method != .enumeration ? [] : model.variables.indices.map { v in
            let upstream = model.graph.ancestors(of: [v]).union([v])
            return dims.indices.last { setting.factualReaders[dims[$0]].contains(where: upstream.contains) } ?? -1
        }
        let isObserved = Set(observed)
        worldClamped = setting.changed.map { changed in model.variables.indices.map { isObserved.contains($0) && !changed[$0] } }
        worldClampedVariables = worldClamped.map { held in held.indices.filter { held[$0] } }
    }

    /// The variables, `v` or its ancestors, whose equations read a continuous free
    /// term: what makes a noise-free observed `v` a continuous quantity, which
    /// draws of the free noise never reproduce exactly.
    func continuousSources(of v: Int) -> [Int] {
        let upstream = setting.factual.model.graph.ancestors(of: [v]).union([v])
        let continuous = dims.filter { !setting.families[$0].isDiscrete }
        return upstream.filter { u in continuous.contains { setting.factualReaders[$0].contains(u) } }.sorted()
    }

    /// How the noise is abducted, in words.
    var method: AbductionMethod { strategy.method }

    /// Whether rows carry likelihood weights (several noise vectors per unit).
    var isWeighted: Bool { strategy.isWeighted }

    /// The observed variables that are clamped (solved for a noise term).
    var clampedVariables: [Int] { pivots.map(\.variable) }

    /// Chooses the solved term of each observed variable: one read by no other
    /// equation and invertible, continuous ones first. A discrete term is solved
    /// (as an interval) when sampling, or when no world reads it (then only the
    /// evidence's probability depends on it); otherwise its variable is checked
    /// and the term enumerated.
    static func assignPivots(_ setting: CounterfactualSetting, observed: [Int], sampling: Bool)
        -> (pivots: [NoiseInversion], checked: [Int]) {
        var pivots: [NoiseInversion] = []
        var checked: [Int] = []
        for v in observed {
            let own = setting.factual.noise.indices.filter { setting.factualReaders[$0] == [v] }
            let candidates = own.compactMap { NoiseInversion(plan: setting.factualPlans[v], variable: v, term: $0) }
            if let continuous = candidates.first(where: { !$0.isDiscrete }) {
                pivots.append(continuous)
            } else if let discrete = candidates.first, sampling || !setting.isReadByAWorld(discrete.term) {
                pivots.append(discrete)
            } else {
                checked.append(v)
            }
        }
        return (pivots, checked)
    }

    /// Joint terms read by an observed variable or one of its ancestors, or by a
    /// queried variable or one of its ancestors in its world.
    static func relevantTerms(_ setting: CounterfactualSetting, observed: [Int], queries: [[Int]]) -> Set<Int> {
        var terms = Set<Int>()
        let factualGraph = setting.factual.model.graph
        let factualVariables = factualGraph.ancestors(of: observed).union(observed)
        for t in setting.termNames.indices where setting.factualReaders[t].contains(where: factualVariables.contains) {
            terms.insert(t)
        }
        for (w, world) in setting.worlds.enumerated() where w < queries.count {
            let variables = world.model.graph.ancestors(of: queries[w]).union(queries[w])
            for t in setting.termNames.indices where setting.worldReaders[w][t].contains(where: variables.contains) {
                terms.insert(t)
            }
        }
        return terms
    }

    /// The relevant terms that are not solved for, in evaluation order.
    static func freeTerms(_ setting: CounterfactualSetting, relevant: Set<Int>, pivots: [NoiseInversion]) -> [Int] {
        let solved = Set(pivots.map(\.term))
        return relevant.subtracting(solved).sorted { (setting.order[$0], $0) < (setting.order[$1], $1) }
    }
}
