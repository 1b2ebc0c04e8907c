import Foundation

/// Number formats for the summary table and the report.
enum NumberFormatting {
    /// Formats `values` together as R's `format(values, digits:)` does in fixed
    /// notation: every value gets the same number of decimals, the fewest that show
    /// each value to `digits` significant digits (trailing zeros dropped). NaN is "NA".
    ///
    /// Example: [9.785, 293.565] with 2 digits → ["9.8", "293.6"]; [11.2, 336.1] → ["11", "336"].
    static func common(_ values: [Double], digits: Int) -> [String] {
        let decimals = values.filter(\.isFinite).map { decimalsNeeded($0, digits: digits) }.max() ?? 0
        return values.map { $0.isNaN ? "NA" : fixed($0, decimals: decimals) }
    }

    /// The decimals that show `x` to `digits` significant digits, trailing zeros dropped.
    static func decimalsNeeded(_ x: Double, digits: Int) -> Int {
        guard x != 0, x.isFinite else { return 0 }
        var exponent = Int(log10(abs(x)).rounded(.down))
        var mantissa = (abs(x) / pow(10, Double(exponent - digits + 1))).rounded()
        if mantissa >= pow(10, Double(digits)) {
            exponent += 1
            mantissa = (mantissa / 10).rounded()
        }
        var significant = digits
        while significant > 1, mantissa.truncatingRemainder(dividingBy: 10) == 0 {
            mantissa /= 10
            significant -= 1
        }
        return min(15, max(0, significant - 1 - exponent))
    }

    /// `x` with exactly `decimals` decimals (C's `%.*f`; "NA" for NaN).
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard !x.isNaN else { return "NA" }
        guard x.isFinite else { return x > 0 ? "Inf" : "-Inf" }
        let text = String(format: "%.*f", decimals, x)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// `x` with `decimals` decimals and thousands separated by commas (3,511.5).
    static func grouped(_ x: Double, decimals: Int) -> String {
        let text = fixed(x, decimals: decimals)
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let integer = body.prefix { $0 != "." }
        guard integer.count > 3, integer.allSatisfy(\.isNumber) else { return text }
        var groupedInteger = ""
        for (i, c) in integer.enumerated() {
            if i > 0, (integer.count - i) % 3 == 0 { groupedInteger.append(",") }
            groupedInteger.append(c)
        }
        return (negative ? "-" : "") + groupedInteger + body.dropFirst(integer.count)
    }

    /// The decimals that show the width of an interval to two significant digits
    /// (between 0 and 6; 2 for an empty interval): the precision the uncertainty supports.
    static func decimals(forWidth width: Double) -> Int {
        guard width > 0, width.isFinite else { return 2 }
        return min(6, max(0, 1 - Int(log10(width).rounded(.down))))
    }

    /// A probability to three significant digits (0.00101, 0.401; "NA" for NaN).
    static func probability(_ p: Double) -> String {
        fixed(p, decimals: decimalsNeeded(p, digits: 3))
    }

    /// 100·(1 − p) as a percentage, with as many decimals as p shows beyond two
    /// (p = 0.00101 → 99.899%, p = 0.401 → 59.9%), so that it never reads 100%.
    static func complementPercent(_ p: Double) -> String {
        let decimals = max(0, decimalsNeeded(p, digits: 3) - 2)
        return fixed(100 * (1 - p), decimals: decimals) + "%"
    }

    /// The interval level 1 − alpha as a percentage without needless decimals (95%, 97.5%).
    static func level(_ alpha: Double) -> String {
        let percent = 100 * (1 - alpha)
        return fixed(percent, decimals: decimalsNeeded(percent, digits: 6)) + "%"
    }
}
