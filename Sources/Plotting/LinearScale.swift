import Foundation
import Reporting

/// A linear map from data values to pixels, with "nice" tick marks.
///
/// Ticks follow Heckbert's nice numbers ("Nice numbers for graph labels",
/// Graphics Gems, 1990): the step is 1, 2 or 5 times a power of ten, chosen so
/// that about `count` ticks cover the domain.
public struct LinearScale: Sendable, Equatable {
    /// The data interval.
    public let domain: ClosedRange<Double>
    /// The pixel interval that `domain` maps onto (lower → `range.lowerBound`);
    /// for a y axis pass the pixels reversed with `flipped: true`.
    public let range: ClosedRange<Double>
    /// Whether the lower end of the domain maps to the upper end of the range (y axes).
    public let flipped: Bool

    /// A scale from `domain` to `range`; an empty domain is widened by one unit each way.
    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
        self.domain = domain.lowerBound < domain.upperBound
            ? domain : (domain.lowerBound - 1)...(domain.upperBound + 1)
        self.range = range
        self.flipped = flipped
    }

    /// The pixel position of `value`.
    public func callAsFunction(_ value: Double) -> Double {
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let f = flipped ? 1 - fraction : fraction
        return range.lowerBound + f * (range.upperBound - range.lowerBound)
    }

    /// About `count` round tick values inside the domain.
    public func ticks(count: Int = 5) -> [Double] {
        let step = LinearScale.niceStep(domain.upperBound - domain.lowerBound, count: count)
        let first = (domain.lowerBound / step).rounded(.up)
        let last = (domain.upperBound / step).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// The tick step: 1, 2 or 5 × 10^k, nearest to span / count.
    public static func niceStep(_ span: Double, count: Int) -> Double {
        let raw = span / Double(max(1, count))
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * power
    }

    /// The finite range of `values`, padded by `fraction` of its span on each side so
    /// that data never touch the frame (0…1 when nothing is finite).
    public static func paddedDomain(_ values: [Double], fraction: Double = 0.04) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        let span = high > low ? high - low : max(1, abs(high))
        return (low - fraction * span)...(high + fraction * span)
    }

    /// Tick labels with the decimals the tick step needs (0.5 → "0.5", 20 → "20").
    public static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map { String(format: "%g", $0) } }
        let step = abs(ticks[1] - ticks[0])
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        return ticks.map { NumberFormatting.fixed($0, decimals: decimals) }
    }
}
