/// Posterior draws of a fitted time-series model, as the impact analysis needs them.
///
/// Draw k holds S[k, t], the sum of all state components (trend, seasonal,
/// regression) at each modelled time t, and σ_k, the observation noise sd, both
/// on the modelling scale. Any sampler can feed the analysis through this type.
public struct StateDraws: Sendable {
    /// S[k, t]: per draw, one value per modelled row.
    public let states: [[Double]]
    /// σ_k: per draw, the observation noise standard deviation.
    public let observationSD: [Double]
    /// What the sampler reports about its run, when it says anything.
    public let sampler: SamplerReport?

    /// Draws from per-draw state sums and noise sds; throws when their shapes or values disagree.
    public init(states: [[Double]], observationSD: [Double], sampler: SamplerReport? = nil) throws {
        guard !states.isEmpty else { throw ImpactError.malformedDraws("there are no draws") }
        guard states.count == observationSD.count else {
            throw ImpactError.malformedDraws("\(states.count) state draws but \(observationSD.count) noise sds")
        }
        let length = states[0].count
        if let k = states.firstIndex(where: { $0.count != length }) {
            throw ImpactError.malformedDraws("draw \(k) has \(states[k].count) time points, draw 0 has \(length)")
        }
        if let k = observationSD.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw ImpactError.malformedDraws("draw \(k) has noise sd \(observationSD[k])")
        }
        self.states = states
        self.observationSD = observationSD
        self.sampler = sampler
    }

    /// The number of draws, K.
    public var count: Int { states.count }
    /// The number of modelled time points.
    public var length: Int { states[0].count }
}
