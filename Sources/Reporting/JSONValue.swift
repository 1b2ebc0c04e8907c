/// A JSON document built in code, written in one of the command line's two layouts.
///
/// Object members keep the order they are given in, so every document states its
/// key order where it is built; `JSONLayout.sortedKeys` writes keys in code-point
/// order instead. Numbers that cannot be computed (nil, NaN, ±∞) and missing strings
/// are written as `null`. Numbers are written by `Double.compactDescription`: integers
/// without a decimal point, anything else as the shortest text that reads back exactly.
///
///     let json = JSONValue.object([("query", .string("spend")), ("expectation", .number(25))])
///     print(json.rendered())   // {\n  "query": "spend",\n  "expectation": 25\n}
public indirect enum JSONValue: Sendable {
    /// A number; nil or non-finite is `null`.
    case number(Double?)
    /// An integer.
    case integer(Int)
    /// An unsigned integer (seeds).
    case unsigned(UInt64)
    /// A string; nil is `null`.
    case string(String?)
    /// `true` or `false`.
    case bool(Bool)
    /// An array.
    case array([JSONValue])
    /// An object, its members in the order written.
    case object([(String, JSONValue)])
    /// `null`.
    case null

    /// Numbers that may be NaN, as an array with nulls in their places.
    public static func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .number($0) }) }

    /// An object written with dictionary-literal syntax, its members in the order written.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { ($0.key, $0.value) })
    }

    /// Strings, as an array.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// An optional value, `null` when nil.
    public static func optional<T>(_ value: T?, _ transform: (T) -> JSONValue) -> JSONValue {
        value.map(transform) ?? .null
    }

    /// The text of the document in `layout`, without a final newline.
    public func rendered(_ layout: JSONLayout = .compactArrays) -> String {
        var out = ""
        write(to: &out, layout: layout, depth: 0)
        return out
    }

    private func write(to out: inout String, layout: JSONLayout, depth: Int) {
        switch self {
        case .number(let x): out += x.map { $0.isFinite ? $0.compactDescription : "null" } ?? "null"
        case .integer(let n): out += String(n)
        case .unsigned(let n): out += String(n)
        case .string(let s): out += s.map(JSONValue.quoted) ?? "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if layout == .compactArrays, items.allSatisfy(\.isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(to: &out, layout: layout, depth: depth + 1)
                }
                out += "]"
            } else {
                writeLines(items.map { (nil, $0) }, open: "[", close: "]", to: &out, layout: layout, depth: depth)
            }
        case .object(let members):
            let ordered = layout == .sortedKeys ? members.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } : members
            writeLines(ordered.map { ($0.0, $0.1) }, open: "{", close: "}", to: &out, layout: layout, depth: depth)
        }
    }

    /// One member or item per line, indented by two spaces a level; an empty
    /// container holds one empty line in the sorted layout (as Foundation writes it).
    private func writeLines(_ entries: [(String?, JSONValue)], open: String, close: String, to out: inout String,
                            layout: JSONLayout, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        out += open + "\n"
        if entries.isEmpty, layout == .sortedKeys { out += "\n" }
        for (i, (key, value)) in entries.enumerated() {
            out += indent + "  "
            if let key { out += JSONValue.quoted(key) + layout.keySeparator }
            value.write(to: &out, layout: layout, depth: depth + 1)
            out += i == entries.count - 1 ? "\n" : ",\n"
        }
        out += indent + close
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// `s` as a JSON string: quotes, backslashes and control characters escaped.
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

/// The two layouts of the command line's JSON documents.
public enum JSONLayout: Sendable {
    /// Keys in the order given, `"key": value`, arrays of scalars on one line: the
    /// layout of `whatif impact --json`, whose series are long.
    case compactArrays
    /// Keys in code-point order, `"key" : value`, one item per line: the layout of
    /// the graph, counterfactual, benchmark and truth-sidecar documents.
    case sortedKeys

    var keySeparator: String { self == .compactArrays ? ": " : " : " }
}
