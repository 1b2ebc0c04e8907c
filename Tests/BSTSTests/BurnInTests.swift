import Testing
@testable import BSTS

/// SuggestBurn(0.1): threshold = type-7 90% quantile of the last round(0.1·N) values.
@Suite struct BurnInTests {
    @Test func thresholdFromTheTailQuantile() {
        // N = 20, tail = the last 2 values [5, 7]: quantile 5 + 0.9·2 = 6.8.
        var trace = [Double](repeating: 0, count: 20)
        trace[3] = 6.9   // the first value ≥ 6.8 is at 0-based index 3: burn 3
        trace[18] = 5
        trace[19] = 7
        #expect(BurnIn.suggest(logLikelihood: trace) == 3)
    }

    @Test func atLeastOneAndAtMostNMinusOne() {
        let rising = (0..<20).map(Double.init)      // tail [18, 19], threshold 18.9: first at 19
        #expect(BurnIn.suggest(logLikelihood: rising) == 19)
        let falling = rising.reversed().map { $0 }  // the first draw already exceeds it
        #expect(BurnIn.suggest(logLikelihood: falling) == 1)
    }
}
