import Foundation

/// Number formats of the benchmark report.
enum NumberFormat {
    /// `x` to `digits` significant digits in fixed notation, trailing zeros dropped
    /// (5 → "5", 0.049731 → "0.04973", 123456.7 → "123457"); scientific beyond 1e9 or
    /// below 1e-4; "—" for NaN or nil.
    static func significant(_ x: Double?, digits: Int = 4) -> String {
        guard let x, x.isFinite else { return "—" }
        if x == 0 { return "0" }
        let magnitude = Int(log10(abs(x)).rounded(.down))
        if magnitude >= 9 || magnitude < -4 { return String(format: "%.*e", digits - 1, x) }
        var text = String(format: "%.*f", max(0, digits - 1 - magnitude), x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A count and its noun, plural unless the count is 1 ("1 replication", "20 replications").
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A fraction as a percentage with one decimal ("95.0%"); "—" for nil.
    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.1f%%", 100 * x)
    }

    /// Seconds with four decimals below 10 s ("0.0012", "1.5234"), else one ("12.3").
    static func seconds(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        return String(format: x < 10 ? "%.4f" : "%.1f", x)
    }

    /// An aligned table: the first `leftAligned` columns left-aligned, the others
    /// right-aligned, two spaces between columns, each line indented by `indent`.
    static func table(_ header: [String], _ rows: [[String]], leftAligned: Int = 1, indent: String = "  ") -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { j in all.map { $0.count > j ? $0[j].count : 0 }.max() ?? 0 }
        return all.map { row in
            let cells = row.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: max(0, widths[j] - cell.count))
                return j < leftAligned ? cell + pad : pad + cell
            }
            return indent + cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}
