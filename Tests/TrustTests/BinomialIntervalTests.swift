import Foundation
import GSL
import Testing
@testable import Trust

/// Clopper–Pearson intervals: their ends are where the binomial tails equal α/2.
@Suite struct BinomialIntervalTests {
    @Test func endsAreWhereTheTailsAreHalfAlpha() {
        for (k, n) in [(1, 10), (5, 10), (9, 10), (100, 2000), (973, 20000), (19990, 20000), (487, 10000)] {
            let interval = BinomialInterval(successes: k, trials: n)
            // P(X ≥ k | lower) = α/2 and P(X ≤ k | upper) = α/2.
            let upperTail = 1 - SpecialFunctions.binomialCDF(k - 1, trials: n, probability: interval.lower)
            let lowerTail = SpecialFunctions.binomialCDF(k, trials: n, probability: interval.upper)
            #expect(abs(upperTail - 0.025) < 1e-9, "k = \(k), n = \(n): P(X ≥ k) = \(upperTail) at \(interval.lower)")
            #expect(abs(lowerTail - 0.025) < 1e-9, "k = \(k), n = \(n): P(X ≤ k) = \(lowerTail) at \(interval.upper)")
        }
    }

    @Test func extremesReachTheBounds() {
        #expect(BinomialInterval(successes: 0, trials: 50).lower == 0)
        #expect(BinomialInterval(successes: 50, trials: 50).upper == 1)
        // k = 0: the upper end is 1 − (α/2)^(1/n).
        let upper = BinomialInterval(successes: 0, trials: 50).upper
        #expect(abs(upper - (1 - pow(0.025, 1.0 / 50))) < 1e-12)
    }
}
