#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MachineResources

/// Reading a whole input file — a regular file, a pipe, `/dev/stdin` or a shell's
/// `<(…)` — with a reason for every failure and a size limit, so that neither a
/// folder, an unreadable file nor an endless stream (`/dev/zero`) gets past as
/// "cannot read the file" or an exhausted memory.
public enum TextFile {
    /// The bytes of the file at `path`, read to its end. `what` names the kind of
    /// file in errors ("model file", "CSV file"). Throws `TableError.io` naming the
    /// path and the reason: a folder, a failed open or read (with the system's
    /// reason), or more bytes than `MemoryBudget.planBytes` (the whole file is kept
    /// in memory while it is read).
    public static func bytes(path: String, what: String) throws -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw TableError.io("\(path): is a directory, not a \(what)")
        }
        guard let file = fopen(path, "rb") else {
            throw TableError.io("\(path): cannot open (\(String(cString: strerror(errno))))")
        }
        defer { fclose(file) }
        let limit = MemoryBudget.planBytes
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if got > 0 { bytes.append(contentsOf: chunk[0..<got]) }
            if bytes.count > limit {
                throw TableError.io("\(path): more than \(MemoryBudget.format(bytes: Double(limit))), the memory this "
                                    + "machine has room for; not a \(what) that can be read whole")
            }
            if got < chunk.count {
                if ferror(file) != 0 { throw TableError.io("\(path): cannot read (\(String(cString: strerror(errno))))") }
                break
            }
        }
        return bytes
    }

    /// The bytes as UTF-8 text, or the 1-based line and column (in bytes) of the first
    /// byte that is not valid UTF-8.
    public static func utf8Text(_ bytes: [UInt8]) -> Result<String, InvalidUTF8> {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, lineStart = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    lineStart = offset + 1
                }
                offset += UTF8.width(scalar)
            case .emptyInput:
                return .success(String(decoding: bytes, as: UTF8.self))
            case .error:
                let byte = bytes.indices.contains(offset) ? bytes[offset] : 0
                return .failure(InvalidUTF8(line: line, column: offset - lineStart + 1, byte: byte))
            }
        }
    }

    /// Where text stops being valid UTF-8.
    public struct InvalidUTF8: Error, Equatable, Sendable {
        /// 1-based line.
        public let line: Int
        /// 1-based column, in bytes.
        public let column: Int
        /// The first byte that does not decode.
        public let byte: UInt8
    }
}
