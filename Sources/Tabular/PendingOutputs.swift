import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files of the `OutputFile`s that are neither committed nor
/// discarded yet. A process that is ending early (an executable's handler of an
/// interrupt) calls `removeAll()`, so that it leaves no temporary file behind; the
/// library itself installs no signal handler.
public enum PendingOutputs {
    private static let paths = Mutex<Set<String>>([])

    /// Removes every pending temporary file and forgets them.
    public static func removeAll() {
        paths.withLock { registered in
            for path in registered { unlink(path) }
            registered.removeAll()
        }
    }

    /// `path` is being written: remove it if the process ends before `unregister(path)`.
    static func register(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    /// `path` has been renamed into place or removed: leave it alone.
    static func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }
}
