import Testing
@testable import Probability

@Suite struct SampleQuantileTests {
    /// Hyndman & Fan type 7 by hand: h = (n − 1)p, interpolate between neighbours.
    @Test func typeSevenByHand() {
        let x: [Double] = [1, 2, 4, 8]
        // h = 3·0.9 = 2.7: 4 + 0.7·(8 − 4) = 6.8
        #expect(abs(SampleQuantile.typeSeven(sorted: x, 0.9) - 6.8) < 1e-12)
        #expect(SampleQuantile.typeSeven(sorted: x, 0) == 1 && SampleQuantile.typeSeven(sorted: x, 1) == 8)
        #expect(SampleQuantile.typeSeven(sorted: [7], 0.3) == 7)
        // h = 3·0.5 = 1.5: 2 + 0.5·(4 − 2) = 3, R's quantile(c(1, 2, 4, 8), 0.5)
        #expect(SampleQuantile.typeSeven(sorted: x, 0.5) == 3)
    }
}
