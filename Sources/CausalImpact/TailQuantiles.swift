/// The type-7 quantiles at two fixed probabilities, low ≤ high, of many samples of one
/// size n, reusing its buffers (no allocation per sample).
///
/// Type 7 needs the order statistics x₍ⱼ₎ and x₍ⱼ₊₁₎ with j = ⌊(n − 1)p⌋. When both
/// probabilities lie in the tails (the usual equal-tailed intervals), one pass keeps
/// the j + 2 smallest and the n − j₂ + 1 largest values in small sorted buffers:
/// about n comparisons plus m·ln(n/m) short insertions for tails of size m. Otherwise
/// it copies the sample and uses selection (`SampleStatistics.quantiles`).
struct TailQuantiles {
    let count: Int
    let low: Double, high: Double
    private let lowRank: Int, highRank: Int          // j₁, j₂ (0-based ranks of the lower order statistic)
    private let smallest: Int, largest: Int          // buffer sizes: the j₁ + 2 smallest, the n − j₂ largest
    private var bottom: [Double], top: [Double]      // ascending; descending
    private var scratch: [Double]
    private let usesTails: Bool

    /// Tail sizes up to this use the one-pass buffers; larger ones use selection.
    static let tailLimit = 64

    init(count n: Int, low: Double, high: Double) {
        count = n
        self.low = low
        self.high = high
        lowRank = min(n - 1, Int((Double(n - 1) * low).rounded(.down)))
        highRank = min(n - 1, Int((Double(n - 1) * high).rounded(.down)))
        smallest = min(n, lowRank + 2)
        largest = min(n, n - highRank)
        usesTails = smallest <= Self.tailLimit && largest <= Self.tailLimit
        bottom = [Double](repeating: 0, count: usesTails ? smallest : 0)
        top = [Double](repeating: 0, count: usesTails ? largest : 0)
        scratch = [Double](repeating: 0, count: usesTails ? 0 : n)
    }

    /// The two quantiles of `values` (exactly `count` of them).
    mutating func callAsFunction(_ values: UnsafeBufferPointer<Double>) -> (Double, Double) {
        guard usesTails else {
            return scratch.withUnsafeMutableBufferPointer { buffer in
                _ = buffer.update(fromContentsOf: values)
                return SampleStatistics.quantiles(buffer, low, high)
            }
        }
        let (m1, m2) = (smallest, largest)
        return bottom.withUnsafeMutableBufferPointer { b in
            top.withUnsafeMutableBufferPointer { u in
                for i in 0..<m1 { b[i] = .infinity }
                for i in 0..<m2 { u[i] = -.infinity }
                for x in values {
                    if x < b[m1 - 1] {
                        var i = m1 - 1
                        while i > 0, b[i - 1] > x { b[i] = b[i - 1]; i -= 1 }
                        b[i] = x
                    }
                    if x > u[m2 - 1] {
                        var i = m2 - 1
                        while i > 0, u[i - 1] < x { u[i] = u[i - 1]; i -= 1 }
                        u[i] = x
                    }
                }
                // x₍ⱼ₁₎, x₍ⱼ₁₊₁₎ are bottom[j₁], bottom[j₁ + 1]; x₍ⱼ₂₎ = top[n − 1 − j₂], x₍ⱼ₂₊₁₎ one before it.
                let h1 = Double(count - 1) * low, h2 = Double(count - 1) * high
                let a = b[lowRank], aNext = lowRank + 1 < count ? b[lowRank + 1] : a
                let c = u[count - 1 - highRank], cNext = highRank + 1 < count ? u[count - 2 - highRank] : c
                return (a + (h1 - Double(lowRank)) * (aNext - a), c + (h2 - Double(highRank)) * (cNext - c))
            }
        }
    }
}
