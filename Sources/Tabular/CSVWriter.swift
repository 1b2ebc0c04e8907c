/// Formats tables and blocks of numbers as CSV.
///
/// Numbers are written in the shortest form that reads back to the same
/// double (integers without a decimal point); NaN is written `NA`.
public enum CSVFormat {
    /// Appends the header line for `names` (quoted where needed).
    public static func appendHeader(_ names: [String], to bytes: inout [UInt8]) {
        for (i, name) in names.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            appendText(name, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends a text cell, quoted when it holds a comma, quote or line break.
    public static func appendText(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) {
            bytes.append(UInt8(ascii: "\""))
            for b in text.utf8 {
                if b == UInt8(ascii: "\"") { bytes.append(b) }
                bytes.append(b)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends one number: the shortest round-trip form, integers without ".0", NaN as `NA`.
    @inlinable public static func appendNumber(_ x: Double, to bytes: inout [UInt8]) {
        if x.isNaN {
            bytes.append(UInt8(ascii: "N"))
            bytes.append(UInt8(ascii: "A"))
        } else if x == x.rounded(.towardZero) && abs(x) < 1e15 {
            appendInteger(Int64(x), to: &bytes)
        } else {
            appendShortest(x, to: &bytes)
        }
    }

    /// Appends the shortest decimal that reads back as exactly `x` (the digits
    /// `x.description` gives), formatted by the Swift runtime's
    /// `swift_float64ToString` straight into the output, without a `String`.
    /// That entry point leaves the leading zero of numbers in (−1, 1) unwritten,
    /// so the buffer starts filled with "0" characters; a test checks the
    /// output against `description` across the whole range of doubles.
    @usableFromInline static func appendShortest(_ x: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            buffer.initialize(repeating: UInt8(ascii: "0"))
            let count = Int(swift_float64ToString(buffer.baseAddress!, 32, x, false))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    @usableFromInline static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        if v == 0 { bytes.append(UInt8(ascii: "0")); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// Appends rows `range` of column-major `columns` as CSV lines.
    public static func appendRows(_ columns: [UnsafeBufferPointer<Double>], rows range: Range<Int>, to bytes: inout [UInt8]) {
        for r in range {
            for (j, column) in columns.enumerated() {
                if j > 0 { bytes.append(UInt8(ascii: ",")) }
                appendNumber(column[r], to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// The whole table as CSV text.
    public static func text(of table: Table) -> String {
        var bytes: [UInt8] = []
        appendHeader(table.names, to: &bytes)
        for r in 0..<table.rowCount {
            for (j, column) in table.columns.enumerated() {
                if j > 0 { bytes.append(UInt8(ascii: ",")) }
                switch column {
                case .numeric(let v): appendNumber(v[r], to: &bytes)
                case .text(let v): appendText(v[r], to: &bytes)
                }
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The Swift runtime's shortest round-trip formatter for doubles (the one behind
/// `Double.description`): writes into `buffer` and returns the number of bytes.
@_silgen_name("swift_float64ToString")
@usableFromInline func swift_float64ToString(_ buffer: UnsafeMutablePointer<UInt8>, _ length: UInt, _ value: Double, _ debug: Bool) -> UInt64
