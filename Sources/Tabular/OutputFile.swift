#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte sink that never leaves a half-written file behind.
///
/// For a regular path, bytes go to a temporary file in the same folder, which
/// `commit()` renames into place; if the writer is dropped without `commit()`
/// (an error part-way), the temporary file is removed and any existing file at
/// the path is untouched. Standard output (`-`) and device files such as
/// `/dev/null` are written directly. An interrupted process removes its temporary
/// files too (`PendingOutputs`, which the `whatif` executable empties when interrupted).
///
/// The temporary file is hidden beside the target, named after it and after the
/// writing process: `.NAME.tmp-PID-XXXXXX` (NAME cut to 200 bytes, so that a legal
/// 255-byte name still has room). A run killed outright (SIGKILL, power loss)
/// cannot remove its file, so every writer of a target first removes the
/// temporary files of that target whose process is no longer alive.
public final class OutputFile {
    /// The destination path, or `-` for standard output.
    public let path: String
    /// Where the finished file goes: `path`, or the file a symbolic link at `path` points to.
    private var destination: String
    private let descriptor: Int32
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private var finished = false
    /// Whether the temporary file's descriptor has been closed (by `finish`).
    private var isClosed = false
    /// The mode and owner of the file being replaced, kept by the finished file (as a
    /// shell redirect, which writes in place, keeps them); nil for a new file.
    private var replaced: (mode: mode_t, owner: uid_t, group: gid_t)?
    private let flushThreshold = 1 << 20

    /// Opens `path` for writing (`-` is standard output).
    public init(path: String) throws {
        guard !path.isEmpty else { throw TableError.io("an output file's name is empty: give a file name, or - for standard output") }
        self.path = path
        destination = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            temporaryPath = nil
        } else if OutputFile.isDevice(path) {
            descriptor = open(path, O_WRONLY)
            temporaryPath = nil
            guard descriptor >= 0 else { throw OutputFile.error("cannot open", path) }
        } else {
            // A symbolic link keeps pointing at the finished file: write beside its target.
            let target = OutputFile.resolvingLink(path)
            var existing = stat()
            if stat(target, &existing) == 0 {
                guard (existing.st_mode & S_IFMT) != S_IFDIR else { throw TableError.io("\(path): is a folder, not a file") }
                // Replace only a file the shell would let us overwrite.
                guard access(target, W_OK) == 0 else { throw OutputFile.error("cannot replace the file", path) }
                replaced = (existing.st_mode & 0o7777, existing.st_uid, existing.st_gid)
            }
            destination = target
            let prefix = OutputFile.temporaryPrefix(for: target)
            OutputFile.removeAbandoned(withPrefix: prefix)
            var template = Array((prefix + "\(getpid())-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw OutputFile.error("cannot create the file", path) }
            descriptor = fd
            let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            PendingOutputs.register(temporary)
            temporaryPath = temporary
        }
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// The start of the temporary file names for `target`: its folder, a dot, its
    /// name cut to at most 200 bytes at a character boundary, and `.tmp-`.
    static func temporaryPrefix(for target: String) -> String {
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var kept = "", bytes = 0
        for character in name {
            bytes += character.utf8.count
            if bytes > 200 { break }
            kept.append(character)
        }
        return folder + "." + kept + ".tmp-"
    }

    /// Removes the temporary files starting with `prefix` whose writing process
    /// (the PID in the name) has died; files of live processes are left alone.
    static func removeAbandoned(withPrefix prefix: String) {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? "./"
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix(start) else { continue }
            let rest = name.dropFirst(start.count).split(separator: "-", maxSplits: 1)
            guard rest.count == 2, rest[1].count == 6, let pid = pid_t(rest[0]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + name) }
        }
    }

    deinit {
        if !finished, let temporaryPath {
            if !isClosed { close(descriptor) }
            unlink(temporaryPath)
            PendingOutputs.unregister(temporaryPath)
        }
    }

    /// Appends bytes (buffered).
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends the UTF-8 bytes of `text` (buffered).
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends bytes produced in place by `body` (buffered).
    public func write(with body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes out everything buffered so far. After `finishWriting` (or a commit) there is
    /// nothing to write to: anything buffered since is an error, never written to the
    /// descriptor number the file had.
    public func flush() throws {
        if isClosed {
            guard buffer.isEmpty else { throw TableError.io("\(path): cannot write after the file was finished") }
            return
        }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw BrokenPipe(path: path) }
                throw OutputFile.error("cannot write", path)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and (for a regular file) renames the temporary file into place.
    public func commit() throws {
        try Self.commit([self])
    }

    /// Commits several outputs together: every one is first written out and closed, and only
    /// then are they renamed into place, so that a failure while finishing any of them (a
    /// full disk) leaves every existing file untouched and no new one in place. Should a
    /// rename fail after others succeeded, those are undone: each file being replaced is
    /// first kept under a hard link (a temporary name of its own), put back on failure and
    /// dropped on success. Nil entries (outputs not asked for) are skipped; standard output
    /// and devices are flushed.
    public static func commit(_ files: [OutputFile?]) throws {
        let files = files.compactMap { $0 }
        for file in files { try file.finish() }
        var published: [(file: OutputFile, previous: String?)] = []
        do {
            for file in files {
                let previous = files.count > 1 ? file.keepPrevious() : nil
                do {
                    try file.publish()
                } catch {
                    if let previous { unlink(previous); PendingOutputs.unregister(previous) }
                    throw error
                }
                published.append((file, previous))
            }
        } catch {
            for (file, previous) in published.reversed() { file.unpublish(restoring: previous) }
            throw error
        }
        for case let previous? in published.map(\.previous) {
            unlink(previous)
            PendingOutputs.unregister(previous)
        }
    }

    /// A second name (hard link) for the file this output is about to replace, beside it and
    /// named as a temporary of this process; nil when there is none or it cannot be made.
    private func keepPrevious() -> String? {
        guard temporaryPath != nil, replaced != nil else { return nil }
        var template = Array((OutputFile.temporaryPrefix(for: destination) + "\(getpid())-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        close(fd)
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // Registered first, so that an interrupt at any point removes the name.
        PendingOutputs.register(name)
        unlink(name)
        guard link(destination, name) == 0 else {
            PendingOutputs.unregister(name)
            return nil
        }
        return name
    }

    /// Undoes `publish`: puts `previous` (from `keepPrevious`) back in place, or removes the
    /// new file when there was none before.
    private func unpublish(restoring previous: String?) {
        if let previous {
            rename(previous, destination)
            PendingOutputs.unregister(previous)
        } else if replaced == nil {
            unlink(destination)
        }
    }

    /// Writes out, syncs and closes the file now, leaving it pending until `commit` renames
    /// it into place (or the process ends and removes it): for a command writing more files
    /// than it may hold open at once. Nothing more can be written to it.
    public func finishWriting() throws {
        try finish()
    }

    /// Flushes, sets the finished file's mode (and owner), syncs and closes it; once closed,
    /// there is nothing left to do.
    private func finish() throws {
        try flush()
        if isClosed { return }
        guard let temporaryPath else {
            finished = true
            return
        }
        if let replaced {
            // Allowed to root or the owner; otherwise the file stays ours, and then it must
            // not carry the set-user-ID or set-group-ID bit of someone else's file.
            let owned = fchown(descriptor, replaced.owner, replaced.group) == 0
            fchmod(descriptor, owned ? replaced.mode : replaced.mode & ~(S_ISUID | S_ISGID))
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        let synced = fsync(descriptor) == 0
        let closed = close(descriptor) == 0
        isClosed = true
        guard synced, closed else {
            let failure = OutputFile.error("cannot close", path)
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Renames the finished temporary file into place.
    private func publish() throws {
        guard let temporaryPath, !finished else { return }
        finished = true
        defer { PendingOutputs.unregister(temporaryPath) }
        guard rename(temporaryPath, destination) == 0 else {
            let failure = OutputFile.error("cannot move the finished file to", path)
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Writes `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// The file a symbolic link at `path` points to, or `path` itself.
    private static func resolvingLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else {
            return path
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isDevice(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) != S_IFREG && (info.st_mode & S_IFMT) != S_IFDIR
    }

    /// The reader of a pipe closed it before everything was written (`whatif sample … | head`):
    /// not a failure of the command, so the executable ends quietly, as by SIGPIPE.
    public struct BrokenPipe: Error, CustomStringConvertible {
        /// The output: a path, or `-` for standard output.
        public let path: String
        /// The one-line message, for a caller that reports it instead of ending quietly.
        public var description: String {
            "\(path == "-" ? "standard output" : path): cannot write (its reader closed the pipe)"
        }
    }

    private static func error(_ what: String, _ path: String) -> TableError {
        TableError.io("\(path == "-" ? "standard output" : path): \(what) (\(String(cString: strerror(errno))))")
    }
}
