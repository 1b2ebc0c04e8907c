import Probability

/// A model ready for column-wise evaluation: equations compiled to `ColumnPlan`s
/// in evaluation order, and the noise terms they read with their base distributions.
struct CompiledModel: Sendable {
    /// A noise term as the evaluator sees it.
    struct Noise: Sendable {
        let name: String
        /// The word that addresses this term's random streams: a hash of its name,
        /// so a term keeps its stream when other terms come and go (interventions).
        let streamWord: UInt64
        /// How ε is drawn (`DistributionFamily.base`).
        let base: NoiseBase
        let distribution: any UnivariateDistribution
    }

    let model: StructuralCausalModel
    /// (variable index, plan) in evaluation order.
    let steps: [(variable: Int, plan: ColumnPlan)]
    /// The noise terms that some equation reads, in model order.
    let noise: [Noise]

    init(_ model: StructuralCausalModel) throws {
        self.model = model
        let used = Set(model.variables.flatMap(\.equation.noiseTerms))
        var noise: [Noise] = []
        var position = [Int?](repeating: nil, count: model.noiseTerms.count)
        for (i, term) in model.noiseTerms.enumerated() where used.contains(term.name) {
            let shape = term.family.shapeParameters.map { term.parameters[$0].constantValue ?? .nan }
            let distribution: any UnivariateDistribution
            do {
                distribution = try term.family.baseDistribution(shape: shape)
            } catch {
                throw ModelError("noise term \(term.name): \(error)")
            }
            /// How ε is drawn (`DistributionFamily.base`).
        let base: NoiseBase
            switch term.family {
            case .normal, .logNormal: base = .standardNormal
            case .uniform, .bernoulli, .bernoulliLogit, .binomial, .poisson, .categorical: base = .uniform
            default: base = .other(distribution)
            }
            position[i] = noise.count
            noise.append(Noise(name: term.name, streamWord: stableHash(term.name), base: base, distribution: distribution))
        }
        self.noise = noise
        let compiler = ColumnPlanCompiler(
            variableIndex: { model.index(of: $0) },
            noiseIndex: { name in model.noiseTermIndex(of: name).flatMap { position[$0] } },
            noiseTerm: { model.noiseTerm(named: $0) })
        steps = model.evaluationOrder.map { ($0, compiler.compile(model.variables[$0].equation)) }
    }
}

/// FNV-1a, 64-bit: a hash of a name that is the same on every run and machine
/// (Swift's `Hasher` is randomly seeded per process).
func stableHash(_ name: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 {
        h ^= UInt64(byte)
        h = h &* 0x0000_0100_0000_01B3
    }
    return h
}
