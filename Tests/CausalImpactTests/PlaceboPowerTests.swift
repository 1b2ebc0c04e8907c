import Testing
import Probability
import Tabular
@testable import CausalImpact

/// Power from the placebo windows: an injected lift shifts a window's interval by
/// exactly the lift (checked by refitting with the lift in the data), and the minimum
/// detectable lift is the stated order statistic.
@Suite struct PlaceboPowerTests {
    @Test func anInjectedLiftShiftsTheWindowByExactlyTheLift() throws {
        let y = PlaceboTests.noise(60, seed: 21)
        var spec = ImpactSpecification(pre: .rows(1...50), post: .rows(51...60))
        spec.sampler.iterations = 100
        let backtest = try PlaceboBacktest.run(table: try Table(numericColumns: [("y", y)]), specification: spec, windows: 2)
        for (j, window) in backtest.results.enumerated() {
            let start = backtest.windows.starts[j], lift = 0.75
            var lifted = Array(y[0..<(start + 10)])
            for t in start..<(start + 10) { lifted[t] += lift }
            var direct = ImpactSpecification(pre: .rows(1...start), post: .rows((start + 1)...(start + 10)))
            direct.sampler.iterations = 100
            direct.sampler.seed = spec.sampler.seed &+ UInt64(j + 1) &* 0x9E37_79B9_7F4A_7C15
            let effect = try ImpactAnalysis.run(table: try Table(numericColumns: [("y", lifted)]), specification: direct)
                .summary.average.absoluteEffect
            #expect(abs(effect.mean - window.averageEffect.mean - lift) < 1e-9)
            #expect(abs(effect.lower - window.averageEffect.lower - lift) < 1e-9)
            #expect(abs(effect.upper - window.averageEffect.upper - lift) < 1e-9)
        }
    }

    @Test func theMinimumDetectableLiftIsTheRankedLowerEnd() throws {
        // Lower ends −1, −2, …, −10: a lift δ is detected in #{j ≤ δ, strictly below}/10 windows.
        let lowers = (1...10).map { -Double($0) }
        #expect(PlaceboPower.minimumLift(lowers) == 8)
        #expect(PlaceboPower.power(8, lowers) == 0.7)
        #expect(PlaceboPower.power(8.001, lowers) == 0.8)
        #expect(PlaceboPower.power(0, lowers) == 0)
        #expect(PlaceboPower.minimumLift([1, 2, -0.5]) == 0.5)
        #expect(PlaceboPower.minimumLift([1, 2, 3]) == 0)
    }
}
