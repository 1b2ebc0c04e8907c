import BSTS
import CausalImpact
import Dispatch
import Probability
import Tabular

/// Frequentist calibration of the whole impact analysis (data → MCMC → intervals)
/// on series simulated from the model it assumes, with a known effect.
///
/// Each replication draws 100 points: a covariate x (AR(1), φ = 0.9, variance 1),
/// a trend μ and y = 10 + μ_t + 2x_t + ε_t, ε ~ N(0, 1); `effect` is added to the
/// last 20 points. The truth is exactly `effect`, since the counterfactual shares
/// the noise of the observed series. The `Scenario` sets the trend and the priors
/// of the analysis.
public enum ImpactCalibration {
    /// The simulated trend and the analysis run on it.
    public struct Scenario: Sendable {
        /// The trend simulated and modelled.
        public let trend: TrendKind
        /// The analysis' priors (`--model-priors`).
        public let priors: PriorPreset
        /// Random-walk sd of the level, and of the slope (local linear trend only).
        public let levelSD: Double, slopeSD: Double
        /// The initial slope of a local linear trend.
        public let initialSlope: Double

        /// A scenario: the trend and priors, the level's and slope's random-walk sd's and the initial slope.
        public init(trend: TrendKind, priors: PriorPreset, levelSD: Double, slopeSD: Double, initialSlope: Double) {
            self.trend = trend
            self.priors = priors
            self.levelSD = levelSD
            self.slopeSD = slopeSD
            self.initialSlope = initialSlope
        }

        /// CausalImpact's default analysis on a local level with random-walk sd 0.02, so that
        /// R² ≈ 0.8 and σ_level ≈ 0.01·sd(y), the values CausalImpact's priors expect.
        public static let localLevel = Scenario(trend: .localLevel, priors: .causalImpact, levelSD: 0.02,
                                                slopeSD: 0, initialSlope: 0)

        /// `--trend linear` under `priors` on a local linear trend starting with slope 0.05,
        /// with level and slope random-walk sd's 0.02 and 0.005.
        public static func localLinearTrend(_ priors: PriorPreset) -> Scenario {
            Scenario(trend: .localLinearTrend, priors: priors, levelSD: 0.02, slopeSD: 0.005, initialSlope: 0.05)
        }
    }

    /// One replication's answer.
    public struct Outcome: Sendable {
        /// Whether the interval of the average effect covers the true effect.
        public let covered: Bool
        /// The one-sided tail-area probability.
        public let tailProbability: Double
        /// The average effect's estimate and interval.
        public let averageEffect: PosteriorEstimate
    }

    /// Rows, and rows in the post-period.
    public static let rows = 100, postRows = 20

    /// Runs `replications` analyses (replication r uses the streams at path [r] below
    /// `seed`), spread over `threads` threads; the outcomes do not depend on `threads`.
    public static func run(replications: Int, iterations: Int, effect: Double, seed: UInt64,
                           alpha: Double = 0.05, threads: Int = 2,
                           scenario: Scenario = .localLevel) throws -> [Outcome] {
        let outcomes = OutcomeBuffer(count: replications)
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { worker in
            for r in stride(from: worker, to: replications, by: max(1, threads)) {
                outcomes.store(r, Result {
                    try replicate(r, iterations: iterations, effect: effect, seed: seed, alpha: alpha,
                                  scenario: scenario)
                })
            }
        }
        return try outcomes.values()
    }

    /// One simulated series and its analysis.
    public static func replicate(_ r: Int, iterations: Int, effect: Double, seed: UInt64,
                                 alpha: Double, scenario: Scenario = .localLevel) throws -> Outcome {
        let (ys, xs) = series(r, effect: effect, seed: seed, scenario: scenario)
        var spec = ImpactSpecification(pre: .rows(1...(rows - postRows)), post: .rows((rows - postRows + 1)...rows))
        spec.sampler.iterations = iterations
        spec.sampler.seed = seed &+ UInt64(r)
        spec.alpha = alpha
        spec.model.trend = scenario.trend
        spec.model.priors = scenario.priors
        let table = try Table(numericColumns: [("y", ys), ("x", xs)], source: "replication \(r)")
        let summary = try ImpactAnalysis.run(table: table, specification: spec).summary
        let interval = summary.average.absoluteEffect
        return Outcome(covered: interval.lower <= effect && effect <= interval.upper,
                       tailProbability: summary.tailProbability, averageEffect: interval)
    }

    /// Replication r's series (y, x) of `rows` points, drawn from the streams at path [r] below `seed`.
    public static func series(_ r: Int, effect: Double, seed: UInt64, scenario: Scenario) -> (y: [Double], x: [Double]) {
        let stream = RandomStream(seed: seed, path: [UInt64(r)])
        let phi = 0.9, innovationSD = (1 - phi * phi).squareRoot()
        let linear = scenario.trend == .localLinearTrend
        var x = stream.normal(), level = 0.0, slope = scenario.initialSlope
        var ys: [Double] = [], xs: [Double] = []
        for t in 0..<rows {
            x = phi * x + innovationSD * stream.normal()
            level += scenario.levelSD * stream.normal()
            xs.append(x)
            ys.append(10 + level + 2 * x + stream.normal() + (t >= rows - postRows ? effect : 0))
            if linear {
                level += slope
                slope += scenario.slopeSD * stream.normal()
            }
        }
        return (ys, xs)
    }
}

/// Results written by worker threads, one slot each.
private final class OutcomeBuffer: @unchecked Sendable {
    private var slots: [Result<ImpactCalibration.Outcome, Error>?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ result: Result<ImpactCalibration.Outcome, Error>) {
        lock.wait()
        slots[index] = result
        lock.signal()
    }

    func values() throws -> [ImpactCalibration.Outcome] {
        try slots.map { slot in
            guard let slot else { throw ImpactError.malformedDraws("a replication did not run") }
            return try slot.get()
        }
    }
}
