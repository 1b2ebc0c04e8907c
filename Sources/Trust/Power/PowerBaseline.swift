import CausalModel
import Probability

/// What a pilot sample says about a power simulation's population: the outcome's mean and
/// standard deviation under control, whether it is 0/1, and a model's own average effect.
public struct PowerBaseline: Sendable, Equatable {
    /// The units of the pilot (for data: every row).
    public let units: Int
    /// The mean of the outcome under control, μ₀ (p₀ for a 0/1 outcome).
    public let mean: Double
    /// Its standard deviation σ₀ (n − 1).
    public let standardDeviation: Double
    /// Whether every outcome is 0 or 1.
    public let isBinary: Bool
    /// A model's average effect E[Y(1) − Y(0)] in the pilot, when sampled.
    public let ownEffect: Double?
    /// √((σ₀² + σ₁²)/2), the pooled standard deviation of the two potential outcomes, when sampled.
    public let pooledStandardDeviation: Double?

    init(population: PowerPopulation, units: Int, seed: UInt64, selections: [ColumnSelection]) throws {
        let (control, treated): ([Double], [Double]?)
        switch population {
        case .model: (control, treated) = try population.draw(rows: units, seed: seed, selections: selections)
        case .data(let outcomes, _): (control, treated) = (outcomes, nil)
        }
        let c = RunningMoments(control)
        self.units = control.count
        mean = c.mean
        standardDeviation = c.variance.squareRoot()
        isBinary = control.allSatisfy { $0 == 0 || $0 == 1 } && (treated?.allSatisfy { $0 == 0 || $0 == 1 } ?? true)
        if let treated {
            let t = RunningMoments(treated)
            ownEffect = t.mean - c.mean
            pooledStandardDeviation = ((c.variance + t.variance) / 2).squareRoot()
        } else {
            ownEffect = nil
            pooledStandardDeviation = nil
        }
    }

    /// The standardised effect the analytic power uses: E/σ₀ (a model's own effect over the
    /// pooled σ), or Cohen's h between p₀ + E and p₀ for the proportions test.
    func standardisedEffect(_ test: SimulatedTest, effect e: Double, ownEffect: Bool) -> Double {
        switch test {
        case .t: return e / ((ownEffect ? pooledStandardDeviation : nil) ?? standardDeviation)
        case .proportions: return AnalyticPower.cohensH(min(1, max(0, mean + e)), mean)
        }
    }

    /// The closed-form power at n rows in all (⌊n/2⌋ treated); nil when it cannot be computed.
    func analyticPower(_ test: SimulatedTest, effect: Double, rows n: Int, alpha: Double, ownEffect: Bool) -> Double? {
        let n1 = Double(n / 2), n0 = Double(n - n / 2)
        let power = AnalyticPower.power(test.analytic, effectSize: standardisedEffect(test, effect: effect, ownEffect: ownEffect),
                                        nobs1: n1, alpha: alpha, ratio: n0 / n1)
        return power.isFinite ? power : nil
    }

    /// The rows in all, 2⌈n₁⌉, at which the closed form reaches `power`; nil when it cannot.
    func analyticRows(_ test: SimulatedTest, effect: Double, power: Double, alpha: Double, ownEffect: Bool) -> Int? {
        let d = standardisedEffect(test, effect: effect, ownEffect: ownEffect)
        guard d.isFinite, d != 0, let n1 = try? AnalyticPower.sampleSize(test.analytic, effectSize: d, power: power, alpha: alpha),
              n1 < 1e15 else { return nil }
        return 2 * Int(n1.rounded(.up))
    }
}

/// One point of a power curve.
public struct PowerPoint: Sendable, Equatable {
    /// The units in all, n.
    public let rows: Int
    /// The effect E (a model's own average effect when none was set).
    public let effect: Double
    /// The experiments that rejected.
    public let rejections: Int
    /// The experiments run.
    public let replications: Int
    /// The Clopper–Pearson interval of the rejection rate.
    public let interval: BinomialInterval
    /// The closed-form power of the test, when it can be computed.
    public let analyticPower: Double?

    /// The share of experiments that rejected: the power (the false-positive rate when E = 0).
    public var rejectionRate: Double { Double(rejections) / Double(replications) }
}

/// The sample size at which the power reaches the target, for one effect.
public struct PowerSampleSize: Sendable, Equatable {
    /// The effect.
    public let effect: Double
    /// From the simulated curve, interpolated linearly between grid points; nil when the grid does not reach the target.
    public let simulatedRows: Double?
    /// From the closed form: 2⌈n₁⌉.
    public let analyticRows: Int?
}
