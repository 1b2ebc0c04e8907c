import Probability

/// The nonparametric bootstrap stratified by treatment arm (Efron & Tibshirani 1993):
/// each replicate draws n₁ treated and n₀ control rows with replacement, so every
/// resample keeps both arms at their sizes.
struct StratifiedBootstrap {
    /// The number of resamples B.
    let replications: Int

    /// The rows of each arm.
    private let arms: [[Int]]

    init(treatment: [Double], replications: Int, estimator: String) throws {
        guard replications >= 2 else {
            throw EstimationError.invalidOption(estimator: estimator, detail: "\(replications) bootstrap resamples; need at least 2")
        }
        self.replications = replications
        arms = [treatment.indices.filter { treatment[$0] == 0 }, treatment.indices.filter { treatment[$0] == 1 }]
    }

    /// `statistic` on each resample (given as row indices); replicate r draws from the
    /// substream r of `randomness`, so results do not depend on evaluation order.
    /// Resamples on which the statistic throws are counted, not returned.
    func replicates(randomness: RandomStream, _ statistic: ([Int]) throws -> Double) -> (values: [Double], failures: Int) {
        var values: [Double] = []
        var failures = 0
        var rows: [Int] = []
        for r in 0..<replications {
            let stream = randomness.substream(UInt64(r))
            rows.removeAll(keepingCapacity: true)
            for arm in arms { for _ in arm.indices { rows.append(arm[stream.uniformInt(below: arm.count)]) } }
            if let value = try? statistic(rows), value.isFinite { values.append(value) } else { failures += 1 }
        }
        return (values, failures)
    }

    /// The standard deviation of the replicates and their equal-tailed percentile interval.
    static func summary(_ values: [Double], level: Double) -> (standardError: Double, lower: Double, upper: Double) {
        let sorted = values.sorted()
        let alpha = 1 - level
        return (RunningMoments(values).variance.squareRoot(), SampleQuantile.typeSeven(sorted: sorted, alpha / 2),
                SampleQuantile.typeSeven(sorted: sorted, 1 - alpha / 2))
    }
}
