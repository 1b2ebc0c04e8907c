import Foundation
import Probability
import Testing
import TestSupport
@testable import BSTS

/// Regression holidays: the window's rows and names, and the conjugate draw of each
/// day's coefficient against its closed form.
@Suite struct RegressionHolidayTests {
    @Test func windowsCoverTheirDaysAndSkipRowsOutsideTheSeries() {
        let holiday = RegressionHoliday(events: [EventPattern(name: "Fair", rows: [0, 5, 9], daysBefore: 1, daysAfter: 1)],
                                        length: 10, priorSD: 1)
        #expect(holiday.coefficientNames == ["Fair.-1", "Fair.0", "Fair.+1"])
        #expect(holiday.rows == [[4, 8], [0, 5, 9], [1, 6]])
    }

    /// A day listed twice for one event is one observation of its coefficient, not two:
    /// the rows hold it once, and the effect on it is the coefficient, not twice it.
    @Test func aDayListedTwiceCountsOnce() {
        let holiday = RegressionHoliday(events: [EventPattern(name: "Fair", rows: [5, 0, 5], daysAfter: 1)],
                                        length: 10, priorSD: 1)
        #expect(holiday.rows == [[0, 5], [1, 6]])
        let residual = [Double](repeating: 2, count: 10)
        var coefficients = [0.0, 0.0], effect = [Double](repeating: 0, count: 10)
        residual.withUnsafeBufferPointer { r in
            coefficients.withUnsafeMutableBufferPointer { c in
                holiday.draw(residual: r.baseAddress!, observationVariance: 1, weights: nil, coefficients: c.baseAddress!, effect: &effect,
                             using: RandomStream(seed: 3))
            }
        }
        #expect(effect[5] == coefficients[0] && effect[6] == coefficients[1] && effect[2] == 0)
    }

    /// With residuals r on a day's rows (missing ones skipped) and σ² fixed, each draw is
    /// N(m, 1/P), P = n/σ² + 1/s², m = (Σr/σ²)/P: the mean and sd of 20,000 draws (independent,
    /// since the residuals are held) within 4.42 standard errors.
    @Test func coefficientDrawsFollowTheConjugateNormal() {
        let n = 12
        let holiday = RegressionHoliday(events: [EventPattern(name: "Day", rows: [2, 6, 10])], length: n, priorSD: 2)
        var residual = [Double](repeating: 0.3, count: n)
        residual[2] = 4; residual[6] = 5.5; residual[10] = .nan
        let variance = 1.5
        let precision = 2 / variance + 1 / 4.0, mean = (4 + 5.5) / variance / precision
        let stream = RandomStream(seed: 17)
        var coefficient = [0.0], effect = [Double](repeating: 0, count: n)
        var draws: [Double] = []
        for _ in 0..<20_000 {
            residual.withUnsafeBufferPointer { r in
                holiday.draw(residual: r.baseAddress!, observationVariance: variance, weights: nil, coefficients: &coefficient[0],
                             effect: &effect, using: stream)
            }
            draws.append(coefficient[0])
        }
        #expect(effect[2] == coefficient[0] && effect[10] == coefficient[0] && effect[3] == 0)
        let average = draws.reduce(0, +) / Double(draws.count)
        let sd = (1 / precision).squareRoot()
        let check = withinStandardErrors(average, mean, standardError: sd / Double(draws.count).squareRoot())
        #expect(check.ok, "\(check.message)")
        let spread = (draws.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(draws.count - 1)).squareRoot()
        // The sd of a normal sample's sd is sd/√(2(N − 1)).
        let spreadCheck = withinStandardErrors(spread, sd, standardError: sd / (2 * Double(draws.count - 1)).squareRoot())
        #expect(spreadCheck.ok, "\(spreadCheck.message)")
    }
}
