import Foundation
import Probability
import Testing
@testable import Estimators

@Suite struct PropensityScoresTests {
    @Test func withOneBinaryCovariateTheScoresAreTheTreatedShareOfEachLevel() throws {
        // A saturated logistic model's maximum-likelihood fit is the cell proportions.
        let rng = RandomStream(seed: 8)
        var t = [Double](), x = [Double](), y = [Double]()
        for _ in 0..<2000 {
            let xi: Double = rng.uniform() < 0.4 ? 1 : 0
            t.append(rng.uniform() < (xi == 1 ? 0.7 : 0.2) ? 1 : 0)
            x.append(xi)
            y.append(rng.normal())
        }
        let data = try CausalData(columns: [("y", y), ("t", t), ("x", x)], roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
        let scores = try data.propensityScores()
        for level in [0.0, 1.0] {
            let rows = x.indices.filter { x[$0] == level }
            let share = rows.reduce(0) { $0 + t[$1] } / Double(rows.count)
            #expect(rows.allSatisfy { abs(scores[$0] - share) < 1e-8 }, "level \(level): share \(share)")
        }
        // The same fit as the weighting estimators report.
        let ipw = try InverseProbabilityWeighting().estimate(data)
        #expect(ipw.diagnostic("minimum propensity") == scores.min() && ipw.diagnostic("maximum propensity") == scores.max())
    }

    @Test func aTreatmentThatIsNotZeroOrOneIsRefused() throws {
        let data = try CausalData(columns: [("y", [1, 2, 3]), ("t", [0, 1, 2]), ("x", [1, 2, 3])],
                                  roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
        #expect(throws: EstimationError.self) { try data.propensityScores() }
    }
}
