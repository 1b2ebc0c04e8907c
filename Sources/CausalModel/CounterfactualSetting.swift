import Probability

/// The factual model and the intervened worlds of a counterfactual query,
/// compiled, with the noise space they share.
///
/// Noise terms are matched by name: a world reads the same exogenous variate ε
/// as the factual model for every term they both have (the unit keeps its
/// noise); terms that only a world reads (a stochastic policy's `U_do_X`) are
/// fresh. The joint noise space lists the factual model's compiled terms first,
/// at their compiled indices, then the fresh terms.
struct CounterfactualSetting: Sendable {
    let factual: CompiledModel
    let worlds: [CompiledModel]
    /// The joint terms' names.
    let termNames: [String]
    /// The joint terms' families.
    let families: [DistributionFamily]
    /// The median of each joint term's base distribution: the value given to
    /// terms that cannot affect the answer.
    let medians: [Double]
    /// For each world, the joint index of each of its compiled terms.
    let worldTerms: [[Int]]
    /// For each world, its compiled index of each joint term (nil when it does not read it).
    let worldIndex: [[Int?]]
    /// The joint terms that only worlds read.
    var freshTerms: Range<Int> { factual.noise.count..<termNames.count }
    /// Each variable's compiled equation in the factual model, by variable index.
    let factualPlans: [ColumnPlan]
    /// For each joint term, the factual variables whose equations read it.
    let factualReaders: [[Int]]
    /// For each world and joint term, the world's variables whose equations read it.
    let worldReaders: [[[Int]]]
    /// For each world, by variable: whether the world's interventions can change
    /// it (an intervened variable, or a descendant of one in the world's graph).
    /// The others equal their factual values on every unit.
    let changed: [[Bool]]
    /// Position of each joint term in evaluation order (its first reader's step;
    /// fresh terms after all factual ones). Enumeration splits earlier terms first.
    let order: [Int]

    init(model: StructuralCausalModel, worlds interventions: [[Intervention]]) throws {
        factual = try CompiledModel(model)
        worlds = try interventions.map { try CompiledModel(try model.intervening($0)) }
        var names = factual.noise.map(\.name)
        var families = names.map { model.noiseTerm(named: $0)!.family }
        var bases: [any UnivariateDistribution] = factual.noise.map(\.distribution)
        var termIndex: [String: Int] = [:]
        for (t, name) in names.enumerated() { termIndex[name] = t }
        var worldTerms: [[Int]] = []
        for world in worlds {
            var map: [Int] = []
            for term in world.noise {
                if let j = termIndex[term.name] {
                    map.append(j)
                } else {
                    // A fresh term of this world (its intervention's own noise).
                    termIndex[term.name] = names.count
                    map.append(names.count)
                    names.append(term.name)
                    families.append(world.model.noiseTerm(named: term.name)!.family)
                    bases.append(term.distribution)
                }
            }
            worldTerms.append(map)
        }
        termNames = names
        self.families = families
        self.worldTerms = worldTerms
        worldIndex = worldTerms.map { map in
            var inverse = [Int?](repeating: nil, count: names.count)
            for (j, t) in map.enumerated() { inverse[t] = j }
            return inverse
        }
        medians = bases.map { $0.quantile(0.5) }
        var plans = [ColumnPlan](repeating: .constant(0), count: model.variables.count)
        for (v, plan) in factual.steps { plans[v] = plan }
        factualPlans = plans
        func readers(_ model: StructuralCausalModel) -> [[Int]] {
            let index = termIndex
            var result = [[Int]](repeating: [], count: names.count)
            for (v, variable) in model.variables.enumerated() {
                for name in variable.equation.noiseTerms { if let t = index[name] { result[t].append(v) } }
            }
            return result
        }
        let factualReaders = readers(model)
        self.factualReaders = factualReaders
        worldReaders = worlds.map { readers($0.model) }
        changed = zip(worlds, interventions).map { world, interventions in
            let intervened = interventions.compactMap { world.model.index(of: $0.variable) }
            let reached = world.model.graph.descendants(of: intervened).union(intervened)
            return model.variables.indices.map { reached.contains($0) }
        }
        var position = [Int](repeating: 0, count: model.variables.count)
        for (step, v) in model.evaluationOrder.enumerated() { position[v] = step }
        let count = model.variables.count
        order = names.indices.map { t in
            if let first = factualReaders[t].map({ position[$0] }).min() { return first }
            return count + t
        }
    }

    /// Whether some world reads joint term `t`.
    func isReadByAWorld(_ t: Int) -> Bool { worldIndex.contains { $0[t] != nil } }
}
