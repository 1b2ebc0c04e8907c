import Reporting

/// Why a power calculation or simulation cannot be done, worded for the person who asked.
public enum PowerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The significance level α is not strictly between 0 and 1.
    case invalidAlpha(Double)
    /// The target power is not strictly between 0 and 1.
    case invalidPower(Double)
    /// The allocation ratio n₂/n₁ is not positive.
    case invalidRatio(Double)
    /// The effect size cannot be used.
    case invalidEffectSize(Double, detail: String)
    /// The sample size cannot be used.
    case invalidSampleSize(Double)
    /// No sample size (or effect) reaches the target.
    case unreachable(detail: String)
    /// The largest sample size of a grid does not reach the target power.
    case gridTooSmall(target: Double, effect: Double, largestRows: Int, power: Double, suggestion: String)
    /// A simulation setting is out of range.
    case invalidOption(option: String, detail: String)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .invalidAlpha(let a): return "the significance level must lie strictly between 0 and 1 (got \(a))"
        case .invalidPower(let p): return "the target power must lie strictly between 0 and 1 (got \(p))"
        case .invalidRatio(let r): return "the ratio of the arms' sizes must be positive (got \(r))"
        case let .invalidEffectSize(d, detail): return "effect size \(d): \(detail)"
        case .invalidSampleSize(let n): return "sample size \(n) is too small for the test"
        case .unreachable(let detail): return detail
        case let .gridTooSmall(target, effect, largest, power, suggestion):
            return "the sample sizes cannot reach power \(NumberFormatting.general(target)) for effect \(NumberFormatting.general(effect)): the largest, \(largest) rows, "
                + "gives \(power)\(suggestion)"
        case let .invalidOption(option, detail): return "\(option): \(detail)"
        }
    }

    /// Throws unless 0 < α < 1, 0 < power < 1 and ratio > 0.
    static func check(alpha: Double, power: Double, ratio: Double = 1) throws {
        guard alpha > 0, alpha < 1 else { throw invalidAlpha(alpha) }
        guard power > 0, power < 1 else { throw invalidPower(power) }
        guard ratio > 0, ratio.isFinite else { throw invalidRatio(ratio) }
    }
}
