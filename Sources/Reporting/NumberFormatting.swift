import Foundation

/// Numbers for people: the one place where WhatIf's tables, reports and messages
/// turn numbers into text.
public enum NumberFormatting {
    /// Formats `values` together as R's `format(values, digits:)` does: each value is
    /// rounded to `digits` significant digits (trailing zeros dropped), and the vector
    /// is written in fixed notation with the decimals the most demanding value needs,
    /// unless scientific notation (one mantissa length for all) is narrower, as for
    /// data around 1e100 or 1e-7. NaN is "NA".
    ///
    /// Example: [9.785, 293.565] with 2 digits → ["9.8", "293.6"]; [11.2, 336.1] → ["11", "336"];
    /// [8.7e-7, 2.6e-5] → ["8.7e-07", "2.6e-05"].
    public static func common(_ values: [Double], digits: Int) -> [String] {
        let shapes = values.filter { $0.isFinite && $0 != 0 }.map { significance($0, digits: digits) }
        let negative = values.contains { $0 < 0 } ? 1 : 0
        let left = shapes.map { max(1, $0.exponent + 1) }.max() ?? 1
        let decimals = min(15, shapes.map { max(0, $0.significant - 1 - $0.exponent) }.max() ?? 0)
        let fixedWidth = negative + left + (decimals > 0 ? decimals + 1 : 0)
        let mantissaDecimals = (shapes.map(\.significant).max() ?? 1) - 1
        let exponentDigits = shapes.contains { abs($0.exponent) >= 100 } ? 3 : 2
        let scientificWidth = negative + (mantissaDecimals > 0 ? mantissaDecimals + 2 : 1) + 2 + exponentDigits
        if fixedWidth <= scientificWidth || shapes.isEmpty {
            return values.map { $0.isNaN ? "NA" : fixed($0, decimals: decimals) }
        }
        return values.map { $0.isNaN ? "NA" : scientific($0, significant: mantissaDecimals + 1) }
    }

    /// The decimals that show `x` to `digits` significant digits, trailing zeros dropped (at most 15).
    public static func decimalsNeeded(_ x: Double, digits: Int) -> Int {
        guard x != 0, x.isFinite else { return 0 }
        let shape = significance(x, digits: digits)
        return min(15, max(0, shape.significant - 1 - shape.exponent))
    }

    /// The decimal exponent of `x` rounded to `digits` significant digits, and how many
    /// of those digits are left once trailing zeros are dropped (R's `scientific()`).
    private static func significance(_ x: Double, digits: Int) -> (exponent: Int, significant: Int) {
        var exponent = Int(log10(abs(x)).rounded(.down))
        var mantissa = (abs(x) / pow(10, Double(exponent - digits + 1))).rounded()
        if !mantissa.isFinite {   // subnormal x: scale in two steps
            mantissa = (abs(x) * 1e300 / pow(10, Double(exponent + 300 - digits + 1))).rounded()
        }
        if mantissa >= pow(10, Double(digits)) {
            exponent += 1
            mantissa = (mantissa / 10).rounded()
        }
        var significant = digits
        while significant > 1, mantissa.truncatingRemainder(dividingBy: 10) == 0 {
            mantissa /= 10
            significant -= 1
        }
        return (exponent, significant)
    }

    /// `x` in scientific notation with `significant` digits (C's `%.*e`: "8.7e-07";
    /// "NA" for NaN, "0" for zero).
    public static func scientific(_ x: Double, significant: Int) -> String {
        guard !x.isNaN else { return "NA" }
        guard x.isFinite else { return x > 0 ? "Inf" : "-Inf" }
        guard x != 0 else { return "0" }
        return String(format: "%.*e", max(0, min(16, significant - 1)), x)
    }

    /// `x` for prose, to a precision of `decimals` decimals (negative: tens, hundreds …):
    /// fixed with thousands separators while that stays short (at most 6 decimals,
    /// below 1e15), otherwise scientific with the significant digits that precision
    /// gives (at least 2), so that 1e100 and 1e-200 read as well as 100.
    public static func prose(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return fixed(x, decimals: 0) }
        if decimals <= 6, abs(x) < 1e15 { return grouped(x, decimals: max(0, decimals)) }
        guard x != 0 else { return "0" }
        let exponent = Int(log10(abs(x)).rounded(.down))
        return scientific(x, significant: max(2, min(17, exponent + decimals + 1)))
    }

    /// `x` with exactly `decimals` decimals (C's `%.*f`; "NA" for NaN).
    public static func fixed(_ x: Double, decimals: Int) -> String {
        guard !x.isNaN else { return "NA" }
        guard x.isFinite else { return x > 0 ? "Inf" : "-Inf" }
        let text = String(format: "%.*f", decimals, x)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// `x` with `decimals` decimals and thousands separated by commas (3,511.5).
    public static func grouped(_ x: Double, decimals: Int) -> String {
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

    /// The decimals that show `resolution` to two significant digits (negative for
    /// tens, hundreds …; 2 when it is 0 or not finite): the precision an uncertainty supports.
    public static func decimals(forResolution resolution: Double) -> Int {
        guard resolution > 0, resolution.isFinite else { return 2 }
        return 1 - Int(log10(resolution).rounded(.down))
    }

    /// A probability to three significant digits (0.00101, 0.401; "NA" for NaN).
    public static func probability(_ p: Double) -> String {
        fixed(p, decimals: decimalsNeeded(p, digits: 3))
    }

    /// 100·(1 − p) as a percentage, with as many decimals as p shows beyond two
    /// (p = 0.00101 → 99.899%, p = 0.401 → 59.9%), so that it never reads 100%.
    public static func complementPercent(_ p: Double) -> String {
        let decimals = max(0, decimalsNeeded(p, digits: 3) - 2)
        return fixed(100 * (1 - p), decimals: decimals) + "%"
    }

    /// The interval level 1 − alpha as a percentage without needless decimals (95%, 97.5%).
    public static func level(_ alpha: Double) -> String {
        let percent = 100 * (1 - alpha)
        return fixed(percent, decimals: decimalsNeeded(percent, digits: 6)) + "%"
    }

    /// `x` to `digits` significant digits in fixed notation, trailing zeros dropped
    /// (5 → "5", 0.049731 → "0.04973", 123456.7 → "123457"); scientific beyond 1e9 or
    /// below 1e-4; "—" for NaN or nil.
    public static func significant(_ x: Double?, digits: Int = 4) -> String {
        guard let x, x.isFinite else { return "—" }
        if x == 0 { return "0" }
        let magnitude = Int(log10(abs(x)).rounded(.down))
        if magnitude >= 9 || magnitude < -4 { return String(format: "%.*e", digits - 1, x) }
        return trimmed(x, decimals: max(0, digits - 1 - magnitude))
    }

    /// `x` with at most `decimals` decimals, trailing zeros dropped (2.50 → "2.5",
    /// 3.00 → "3", −0.001 → "0"): SVG coordinates, short labels.
    public static func trimmed(_ x: Double, decimals: Int) -> String {
        var text = fixed(x, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `x` to six significant digits, C's `%g` ("0.333333", "1.5e-07"); integers below
    /// 1e15 in full ("1200000").
    public static func general(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    /// A count and its noun, plural unless the count is 1 ("1 replication", "20 replications").
    public static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A fraction as a percentage with one decimal ("95.0%"); "—" for nil.
    public static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.1f%%", 100 * x)
    }

    /// Seconds with four decimals below 10 s ("0.0012", "1.5234"), else one ("12.3").
    public static func seconds(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        return String(format: x < 10 ? "%.4f" : "%.1f", x)
    }
}

extension Double {
    /// The number as people and model files write it: an integer without a
    /// decimal point ("70"), anything else in the shortest form that reads back
    /// exactly ("0.05", "1e-07"). JSON numbers are written this way too.
    public var compactDescription: String {
        isFinite && self == rounded() && Swift.abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
