/// A deterministic mutation fuzzer's input generator: each call takes a seed
/// input from a corpus and applies one to four random edits, chosen to reach
/// the places where readers of text break — byte changes, insertions of
/// syntax fragments and hostile values (NUL, invalid UTF-8, 1e308, deep
/// nesting), deletions, repetitions of a stretch up to a thousand times, and
/// splices of two inputs. The same seed gives the same inputs in the same
/// order, so a failure found once can be replayed and kept as a test.
///
/// Random numbers come from SplitMix64 (Steele, Lea & Flood 2014), which is
/// enough for choosing edits and needs no state beyond one word.
public struct InputMutator: Sendable {
    private var state: UInt64

    /// Fragments inserted by the "insert" edit: tokens of the model language, CSV
    /// syntax, and values that stress number parsing and text decoding.
    public static let fragments: [[UInt8]] = [
        "(", ")", "abs(", "exp(", "log(", "ifelse(", "min(", "Normal(", "Bernoulli(", "Categorical(", "Poisson(",
        "+", "-", "*", "/", "^", "**", "<=", "==", "!=", ",", "=", "~", "#", "\n", "\r\n", "\t", " ", ":",
        "latent ", "noise ", "U_x", "x", "y", "0", "1", "-1", "0.5", "1e308", "-1e308", "1e-320", "nan", "inf",
        "NA", "\"", "\"\"", ";", "9999999999999999999999", "2026-01-01", "01/02/2026",
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xE2, 0x82], [0xEF, 0xBB, 0xBF], [0x1B]]

    /// A generator whose inputs are fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next random word (SplitMix64).
    mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(nextWord() % UInt64(bound)) }

    /// The next input: a corpus entry with one to four edits, at most `maximumLength` bytes.
    public mutating func next(from corpus: [[UInt8]], maximumLength: Int = 1 << 16) -> [UInt8] {
        var input = corpus.isEmpty ? [] : corpus[below(corpus.count)]
        for _ in 0...below(4) {
            edit(&input, corpus: corpus)
            if input.count > maximumLength { input.removeLast(input.count - maximumLength) }
        }
        return input
    }

    private mutating func edit(_ input: inout [UInt8], corpus: [[UInt8]]) {
        let position = below(input.count + 1)
        switch below(7) {
        case 0 where !input.isEmpty:
            input[min(position, input.count - 1)] = UInt8(truncatingIfNeeded: nextWord())
        case 1, 2:
            input.insert(contentsOf: Self.fragments[below(Self.fragments.count)], at: position)
        case 3 where !input.isEmpty:
            let end = min(input.count, position + 1 + below(16))
            input.removeSubrange(min(position, end)..<end)
        case 4 where !input.isEmpty:
            // Repeat a short stretch many times: deep nesting, long sums, long lines.
            let start = min(position, input.count - 1)
            let stretch = Array(input[start..<min(input.count, start + 1 + below(8))])
            let times = [2, 10, 100, 1000][below(4)]
            input.insert(contentsOf: (0..<times).flatMap { _ in stretch }, at: start)
        case 5 where !corpus.isEmpty:
            let other = corpus[below(corpus.count)]
            let cut = below(other.count + 1)
            input = Array(input[..<position]) + Array(other[cut...])
        default:
            input.removeLast(input.count - position)
        }
    }
}
