#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// Appends one number: the shortest form that reads back as exactly the same
    /// double (the digits `description` gives), integers without ".0", NaN as `NA`.
    public static func appendNumber(_ x: Double, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: cellCapacity))
        let count = bytes.withUnsafeMutableBufferPointer { writeNumber(x, at: $0.baseAddress! + start) }
        bytes.removeLast(cellCapacity - count)
    }

    /// Appends rows `range` of column-major `columns` as CSV lines, formatting
    /// straight into the output's storage: each number as `appendNumber` writes it,
    /// or, with `digits`, rounded to that many significant digits (C's `%.*g`;
    /// integers and NA as ever).
    public static func appendRows(_ columns: [UnsafeBufferPointer<Double>], rows range: Range<Int>, to bytes: inout [UInt8],
                                  digits: Int? = nil) {
        guard !range.isEmpty, !columns.isEmpty else { return }
        let start = bytes.count
        // Room for the longest cell (sign, 17 digits, point, exponent) and its separator.
        let room = range.count * columns.count * (cellCapacity + 1)
        bytes.append(contentsOf: repeatElement(0, count: room))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            var p = buffer.baseAddress! + start
            for r in range {
                for j in columns.indices {
                    if j > 0 {
                        p.pointee = UInt8(ascii: ",")
                        p += 1
                    }
                    if let digits {
                        p += writeNumber(columns[j][r], digits: digits, at: p)
                    } else {
                        p += writeNumber(columns[j][r], at: p)
                    }
                }
                p.pointee = UInt8(ascii: "\n")
                p += 1
            }
            return p - (buffer.baseAddress! + start)
        }
        bytes.removeLast(room - written)
    }

    /// The most bytes one number takes.
    static let cellCapacity = 32

    /// Writes one number at `p` (which has `cellCapacity` bytes of room) as
    /// `appendNumber` does, and returns the number of bytes written.
    @inline(__always) static func writeNumber(_ x: Double, at p: UnsafeMutablePointer<UInt8>) -> Int {
        if x.isNaN {
            p[0] = UInt8(ascii: "N")
            p[1] = UInt8(ascii: "A")
            return 2
        }
        if x == x.rounded(.towardZero) && abs(x) < 1e15 {
            var v = Int64(x).magnitude
            var count = 0
            if x < 0 {
                p[0] = UInt8(ascii: "-")
                count = 1
            }
            let first = count
            repeat {
                p[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            var (i, k) = (first, count - 1)
            while i < k {
                (p[i], p[k]) = (p[k], p[i])
                i += 1
                k -= 1
            }
            return count
        }
        // Swift's shortest round-trip formatter (the one behind `description`),
        // called through its runtime entry point `swift_float64ToString` to write
        // in place without a String. That entry point leaves the leading zero of
        // numbers in (−1, 1) unwritten, so the room is first filled with "0"; a
        // test checks the output against `description` across the range of doubles.
        p.update(repeating: UInt8(ascii: "0"), count: cellCapacity)
        return Int(swift_float64ToString(p, UInt(cellCapacity), x, false))
    }

    /// The valid numbers of significant digits: a double holds 17.
    public static let significantDigits = 1...17

    /// Writes `x` at `p` rounded to `digits` significant digits (`%.*g`), integers
    /// below 1e15 and NaN as `writeNumber(_:at:)` does; returns the bytes written.
    static func writeNumber(_ x: Double, digits: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        if x.isNaN || (x == x.rounded(.towardZero) && abs(x) < 1e15) { return writeNumber(x, at: p) }
        return p.withMemoryRebound(to: CChar.self, capacity: cellCapacity) { c in
            Int(withVaList([Int32(digits), x]) { vsnprintf(c, cellCapacity, "%.*g", $0) })
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
func swift_float64ToString(_ buffer: UnsafeMutablePointer<UInt8>, _ length: UInt, _ value: Double, _ debug: Bool) -> UInt64
