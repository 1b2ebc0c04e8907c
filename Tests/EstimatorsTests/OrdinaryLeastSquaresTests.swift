import Foundation
import Probability
import Testing
@testable import Estimators

/// `OrdinaryLeastSquares` against answers computed another way: the difference in means
/// and its HC1 variance in closed form, the Frisch–Waugh–Lovell partialled-out slope,
/// and a continuous treatment whose effect the simulation states.
@Suite struct OrdinaryLeastSquaresTests {
    /// T ~ Bernoulli(0.3), x ~ N(0, 1), y = 1 + 2T + 0.5x + N(0, 1 + T) (heteroskedastic).
    static func binary(rows n: Int, seed: UInt64) -> (t: [Double], x: [Double], y: [Double]) {
        let rng = RandomStream(seed: seed)
        var t = [Double](), x = [Double](), y = [Double]()
        for _ in 0..<n {
            let ti: Double = rng.uniform() < 0.3 ? 1 : 0, xi = rng.normal()
            t.append(ti)
            x.append(xi)
            y.append(1 + 2 * ti + 0.5 * xi + (1 + ti) * rng.normal())
        }
        return (t, x, y)
    }

    @Test func withoutCovariatesABinaryTreatmentGivesTheDifferenceInMeansAndItsHC1Variance() throws {
        let (t, _, y) = Self.binary(rows: 500, seed: 3)
        let data = try CausalData(columns: [("y", y), ("t", t)], roles: Roles(outcome: "y", treatment: "t"))
        let estimate = try OrdinaryLeastSquares().estimate(data)
        let treated = t.indices.filter { t[$0] == 1 }.map { y[$0] }, control = t.indices.filter { t[$0] == 0 }.map { y[$0] }
        let mean1 = treated.reduce(0, +) / Double(treated.count), mean0 = control.reduce(0, +) / Double(control.count)
        // HC0 of a saturated 0/1 regressor is S₁/n₁² + S₀/n₀² (S the residual sums of squares); HC1 scales by n/(n − 2).
        let s1 = treated.reduce(0) { $0 + ($1 - mean1) * ($1 - mean1) }, s0 = control.reduce(0) { $0 + ($1 - mean0) * ($1 - mean0) }
        let n = Double(y.count), n1 = Double(treated.count), n0 = Double(control.count)
        let hc1 = (n / (n - 2) * (s1 / (n1 * n1) + s0 / (n0 * n0))).squareRoot()
        #expect(abs(estimate.value - (mean1 - mean0)) < 1e-12)
        #expect(abs(estimate.standardError - hc1) < 1e-12 * hc1)
        #expect(estimate.estimand == .varianceWeightedEffect && estimate.uncertainty == .analytic(method: "HC1 sandwich"))
        #expect(estimate.interval.contains(estimate.value) && estimate.sampleSize == 500)
    }

    @Test func withACovariateItIsTheSlopeOfThePartialledOutResiduals() throws {
        let (t, x, y) = Self.binary(rows: 400, seed: 4)
        let data = try CausalData(columns: [("y", y), ("t", t), ("x", x)], roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
        // Frisch–Waugh–Lovell: residualise T and y on (1, x) by simple regression, then regress residual on residual.
        func residuals(_ v: [Double]) -> [Double] {
            let mx = x.reduce(0, +) / Double(x.count), mv = v.reduce(0, +) / Double(v.count)
            let slope = zip(x, v).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - mv) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            return zip(x, v).map { $1 - mv - slope * ($0 - mx) }
        }
        let rt = residuals(t), ry = residuals(y)
        let expected = zip(rt, ry).reduce(0) { $0 + $1.0 * $1.1 } / rt.reduce(0) { $0 + $1 * $1 }
        #expect(abs(try OrdinaryLeastSquares().estimate(data).value - expected) < 1e-10)
    }

    @Test func aContinuousTreatmentIsRecoveredWithTheConfounderAndBiasedWithoutIt() throws {
        // temperature ~ N(23, 3); price = 2·temperature + N(0, 5); bookings = −price + 5·temperature + N(0, 5):
        // the effect of price is −1; without temperature the slope is (−61 + 90)/61 ≈ +0.48.
        let rng = RandomStream(seed: 5)
        var temperature = [Double](), price = [Double](), bookings = [Double]()
        for _ in 0..<4000 {
            let c = 23 + 3 * rng.normal(), p = 2 * c + 5 * rng.normal()
            temperature.append(c)
            price.append(p)
            bookings.append(-p + 5 * c + 5 * rng.normal())
        }
        let columns = [("bookings", bookings), ("price", price), ("temperature", temperature)]
        let adjusted = try OrdinaryLeastSquares().estimate(
            CausalData(columns: columns, roles: Roles(outcome: "bookings", treatment: "price", covariates: ["temperature"])))
        expectRecovers(adjusted, -1)
        let naive = try OrdinaryLeastSquares().estimate(CausalData(columns: columns, roles: Roles(outcome: "bookings", treatment: "price")))
        expectBiased(naive, -1)
        #expect(naive.value > 0)
        let description = DataDescription(rows: 4000, treatment: .continuous)
        #expect(OrdinaryLeastSquares().applicability(to: description).isApplicable)
        #expect(!OrdinaryLeastSquares().applicability(to: DataDescription(rows: 4000, treatment: .none)).isApplicable)
    }
}
