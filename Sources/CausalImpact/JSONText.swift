/// A small JSON writer that keeps keys in the order given and writes every
/// non-finite number (NaN for "missing") as `null`.
indirect enum JSONText {
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])
    case null

    /// Numbers that may be NaN, as an array with nulls.
    static func numbers(_ values: [Double]) -> JSONText { .array(values.map { .number($0) }) }

    /// The text, indented by two spaces per level; arrays of scalars stay on one line.
    func rendered(indent: Int = 0) -> String {
        switch self {
        case .number(let x): return x.isFinite ? JSONText.shortest(x) : "null"
        case .integer(let n): return String(n)
        case .string(let s): return JSONText.quoted(s)
        case .null: return "null"
        case .array(let items):
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" }
            let inner = String(repeating: "  ", count: indent + 1)
            return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n")
                + "\n" + String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            let inner = String(repeating: "  ", count: indent + 1)
            return "{\n" + members.map { inner + JSONText.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + String(repeating: "  ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// The shortest decimal that reads back to `x` (integers without ".0").
    private static func shortest(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
