import CGSL

/// A GSL random number generator (the Tausworthe generator `taus2`,
/// L'Ecuyer 1996, period about 2⁸⁸) owned by Swift: allocated on creation,
/// freed in `deinit`.
///
/// A generator is keyed by a 64-bit `seed` and a list of 64-bit `path` words
/// (for example a noise term's identifier and a block index). The key is mixed
/// by SplitMix64 (Steele, Lea & Flood 2014) into the generator's three 32-bit
/// state words, so distinct keys give unrelated streams (88 bits of state, not
/// the 32 bits that `gsl_rng_set` keeps). Not thread-safe: give each thread its
/// own generator.
public final class Generator {
    @usableFromInline let handle: UnsafeMutablePointer<gsl_rng>

    /// A generator positioned at the start of the stream keyed by (seed, path).
    public init(seed: UInt64, path: [UInt64] = []) {
        GSLRuntime.prepare()
        guard let handle = gsl_rng_alloc(whatif_rng_taus2()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.handle = handle
        reseed(seed: seed, path: path)
    }

    deinit { gsl_rng_free(handle) }

    /// Repositions this generator at the start of the stream keyed by (seed, path),
    /// without allocating.
    public func reseed(seed: UInt64, path: [UInt64] = []) {
        var key = StreamKey(seed: seed)
        for word in path { key.absorb(word) }
        reseed(key)
    }

    /// Repositions this generator at the start of the stream keyed by `key`.
    public func reseed(_ key: StreamKey) {
        var mixer = key.state
        let a = SplitMix64.next(&mixer), b = SplitMix64.next(&mixer)
        let installed = whatif_taus2_set_state(
            handle, UInt32(truncatingIfNeeded: a), UInt32(truncatingIfNeeded: a >> 32),
            UInt32(truncatingIfNeeded: b))
        precondition(installed == 1, "unexpected gsl_rng_taus2 state layout")
    }

    /// A uniform integer in [0, 2³²).
    @inlinable public func nextUInt32() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(handle)) }

    /// A uniform double in the open interval (0, 1).
    @inlinable public func uniformOpen() -> Double { gsl_rng_uniform_pos(handle) }

    /// A uniform double in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(handle) }

    /// A uniform integer in [0, n), n ≥ 1.
    public func uniformInt(below n: UInt) -> UInt { UInt(gsl_rng_uniform_int(handle, UInt(n))) }

    /// A standard normal variate (ziggurat, 128 layers).
    public func standardNormal() -> Double {
        var z = 0.0
        let tables = Ziggurat.tables
        whatif_fill_normal(handle, &z, 1, 0, 1, tables.k, tables.w, tables.f, Ziggurat.tailStart)
        return z
    }

    /// Fills `buffer` with `mean + sd·Z`, Z standard normal (ziggurat, one 32-bit
    /// draw per variate in about 99% of cases).
    public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, sd: Double) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let tables = Ziggurat.tables
        whatif_fill_normal(handle, base, buffer.count, mean, sd, tables.k, tables.w, tables.f, Ziggurat.tailStart)
    }

    /// Fills `buffer` with uniform variates on (0, 1).
    public func fillUniformOpen(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        whatif_fill_uniform_pos(handle, base, buffer.count)
    }

    // MARK: Variates of GSL's distributions (gsl_ran_*)

    /// Gamma(shape k, scale θ) by Marsaglia & Tsang (2000), `gsl_ran_gamma`.
    public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(handle, shape, scale) }
    /// Beta(a, b), `gsl_ran_beta`.
    public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(handle, a, b) }
    /// Student's t with ν degrees of freedom, `gsl_ran_tdist`.
    public func studentT(degreesOfFreedom nu: Double) -> Double { gsl_ran_tdist(handle, nu) }
    /// Poisson(λ), `gsl_ran_poisson`.
    public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(handle, mean)) }
    /// Binomial(n, p), `gsl_ran_binomial`.
    public func binomial(trials: Int, probability: Double) -> Int {
        Int(gsl_ran_binomial(handle, probability, UInt32(clamping: trials)))
    }
}

/// A 64-bit key for a random stream, built by absorbing words one at a time
/// (each absorption is one SplitMix64 finalisation of the running state xor the word).
public struct StreamKey: Hashable, Sendable {
    /// The mixed key.
    public private(set) var state: UInt64

    /// The key of the root stream of `seed`.
    public init(seed: UInt64) {
        var s = seed ^ 0x5851_F42D_4C95_7F2D
        state = SplitMix64.next(&s)
    }

    /// Folds `word` into the key.
    public mutating func absorb(_ word: UInt64) {
        var s = state ^ (word &* 0x9E37_79B9_7F4A_7C15)
        state = SplitMix64.next(&s)
    }

    /// This key with `word` folded in.
    public func appending(_ word: UInt64) -> StreamKey {
        var copy = self
        copy.absorb(word)
        return copy
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): advances a 64-bit state by the golden
/// gamma and returns a well-mixed 64-bit output.
public enum SplitMix64 {
    /// Advances `state` and returns the next output.
    @inlinable public static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
