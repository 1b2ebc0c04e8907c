import Foundation
import Probability
import Testing
@testable import Estimators

/// Coverage of 95% intervals over independent replications of a design whose
/// assumptions hold. With R = 400 replications and true coverage 0.95 the count of
/// misses is Binomial(400, 0.05) (mean 20); 0.90…0.99 allows 4…40 misses, outside of
/// which a correct implementation lands with probability below 1e-4.
@Suite struct CoverageTests {
    static let replications = 400

    /// The share of replications whose interval contains `truth`.
    private func coverage(_ estimator: some EffectEstimator, truth: Double,
                          data: (UInt64) -> CausalData) throws -> Double {
        var covered = 0
        for r in 0..<CoverageTests.replications {
            let estimate = try estimator.estimate(data(UInt64(1000 + r)), seed: UInt64(r))
            if estimate.interval.contains(truth) { covered += 1 }
        }
        return Double(covered) / Double(CoverageTests.replications)
    }

    @Test func differenceInMeansCoversInARandomisedExperiment() throws {
        let share = try coverage(DifferenceInMeans(), truth: 0.5) { seed in
            let rng = RandomStream(seed: seed)
            var t = [Double](), y = [Double]()
            for _ in 0..<300 {
                let treat: Double = rng.uniform() < 0.5 ? 1 : 0
                t.append(treat)
                y.append(1 + 0.5 * treat + (1 + treat) * rng.normal())
            }
            return try! CausalData(columns: [("y", y), ("t", t)], roles: Roles(outcome: "y", treatment: "t"))
        }
        #expect(share >= 0.90 && share <= 0.99, "coverage \(share)")
    }

    @Test func weightingEstimatorsCoverUnderUnconfoundedness() throws {
        let data = { (seed: UInt64) in Simulate.confounded(rows: 500, effect: 2, heterogeneity: 1, seed: seed).data }
        let hajek = try coverage(InverseProbabilityWeighting(weighting: .hajek), truth: 2, data: data)
        #expect(hajek >= 0.90 && hajek <= 0.99, "IPW (Hájek) coverage \(hajek)")
        let aipw = try coverage(AugmentedIPW(), truth: 2, data: data)
        #expect(aipw >= 0.90 && aipw <= 0.99, "AIPW coverage \(aipw)")
    }

    @Test func twoStageLeastSquaresCovers() throws {
        let share = try coverage(TwoStageLeastSquares(), truth: 1.5) { Simulate.instrument(rows: 500, effect: 1.5, seed: $0) }
        #expect(share >= 0.90 && share <= 0.99, "coverage \(share)")
    }

    @Test func twoWayFixedEffectsCoversInATwoPeriodPanel() throws {
        // 100 units × 2 periods, errors correlated within unit: the nested CR1 factor covers;
        // counting the 100 absorbed unit effects (linearmodels' factor, about 2 here) would
        // push coverage to about 99.4%.
        let data = { (seed: UInt64) -> CausalData in
            let rng = RandomStream(seed: seed)
            var unit = [Double](), period = [Double](), d = [Double](), y = [Double]()
            for i in 0..<100 {
                let group: Double = i % 2 == 0 ? 1 : 0
                let shared = rng.normal()
                for p in 0..<2 {
                    unit.append(Double(i))
                    period.append(Double(p))
                    d.append(group * Double(p))
                    y.append(3 * group + Double(p) + 2 * group * Double(p) + shared + rng.normal())
                }
            }
            return try! CausalData(columns: [("y", y), ("d", d), ("unit", unit), ("period", period)],
                                   roles: Roles(outcome: "y", treatment: "d", unit: "unit", period: "period"))
        }
        let share = try coverage(TwoWayFixedEffects(), truth: 2, data: data)
        #expect(share >= 0.90 && share <= 0.99, "coverage \(share)")
    }
}
