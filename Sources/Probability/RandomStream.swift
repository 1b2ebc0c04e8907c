import GSL

/// A seeded, reproducible stream of random numbers, backed by GSL's Tausworthe
/// generator (`taus2`).
///
/// A stream is addressed by a seed and a path of words: `RandomStream(seed: 7)`
/// is the root stream of seed 7, and `stream.substream(3, 12)` the stream at
/// path [3, 12] below it (say, noise term 3, block 12). Streams at different
/// addresses are statistically independent; the same address always yields the
/// same numbers. This is what makes output independent of the thread count:
/// work is split by address, never by "whatever the shared generator gives next".
///
/// Not thread-safe; give each worker its own stream (see `substream`).
///
///     let rng = RandomStream(seed: 42)
///     let z = rng.normal()             // N(0, 1)
///     let chain2 = rng.substream(2)    // an independent stream for chain 2
public final class RandomStream {
    /// The seed every sampler, estimator, fit and command uses when none is given.
    public static let defaultSeed: UInt64 = 1

    /// The address of this stream.
    public let key: StreamKey
    @usableFromInline let generator: Generator

    /// The root stream of `seed`, or the stream at `path` below it.
    public init(seed: UInt64, path: [UInt64] = []) {
        var key = StreamKey(seed: seed)
        for word in path { key.absorb(word) }
        self.key = key
        generator = Generator(seed: 0)
        generator.reseed(key)
    }

    /// The stream at `key`.
    public init(key: StreamKey) {
        self.key = key
        generator = Generator(seed: 0)
        generator.reseed(key)
    }

    /// An independent stream addressed below this one (this stream is not advanced).
    public func substream(_ words: UInt64...) -> RandomStream {
        var k = key
        for w in words { k.absorb(w) }
        return RandomStream(key: k)
    }

    /// Moves this stream to the start of the stream at `key`, reusing its generator.
    public func reposition(at key: StreamKey) { generator.reseed(key) }

    /// A uniform double in [0, 1).
    @inlinable public func uniform() -> Double { generator.uniform() }
    /// A uniform double in the open interval (0, 1).
    @inlinable public func uniformOpen() -> Double { generator.uniformOpen() }
    /// A uniform integer in 0..<n (n ≥ 1).
    public func uniformInt(below n: Int) -> Int { Int(generator.uniformInt(below: UInt(n))) }
    /// A standard normal variate.
    public func normal() -> Double { generator.standardNormal() }
    /// A Gamma(shape k, rate β) variate: density ∝ x^(k−1) e^(−βx).
    public func gamma(shape: Double, rate: Double) -> Double { generator.gamma(shape: shape, scale: 1 / rate) }
    /// A Gamma(shape k, scale θ) variate: density ∝ x^(k−1) e^(−x/θ).
    public func gamma(shape: Double, scale: Double) -> Double { generator.gamma(shape: shape, scale: scale) }
    /// A Beta(a, b) variate.
    public func beta(_ a: Double, _ b: Double) -> Double { generator.beta(a, b) }

    /// Fills `buffer` with N(mean, sd²) variates.
    public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double = 0, sd: Double = 1) {
        generator.fillNormal(buffer, mean: mean, sd: sd)
    }

    /// Fills `buffer` with uniform variates on (0, 1).
    public func fillUniformOpen(_ buffer: UnsafeMutableBufferPointer<Double>) {
        generator.fillUniformOpen(buffer)
    }

    /// Shuffles `array` in place (Fisher–Yates).
    public func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, uniformInt(below: i + 1))
        }
    }
}

/// The address of a random stream: a seed with a path of words folded in (SplitMix64).
public typealias StreamKey = GSL.StreamKey
