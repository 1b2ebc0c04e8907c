/// A set of node indices `0..<capacity` as packed 64-bit words, for the
/// separator enumeration, where sets are compared, hashed and united often.
struct NodeBitSet: Hashable, Sendable {
    var words: [UInt64]

    /// The empty set over `0..<capacity`.
    init(capacity: Int) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

    mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }

    mutating func formUnion(_ other: NodeBitSet) {
        for k in words.indices { words[k] |= other.words[k] }
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The members in increasing order.
    var members: [Int] {
        var result: [Int] = []
        for (k, word) in words.enumerated() {
            var w = word
            while w != 0 {
                result.append(k * 64 + w.trailingZeroBitCount)
                w &= w - 1
            }
        }
        return result
    }
}
