#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the three standard descriptors taken, so that no file the command opens gets
/// one of their numbers: started with standard output closed (`>&-`), a command would
/// otherwise open its first output file as descriptor 1 and write its table into it.
enum StandardStreams {
    /// Opens `/dev/null` read-only on each of descriptors 0, 1 and 2 that is closed. A write
    /// to it then fails (EBADF), so a closed standard output is still reported as one.
    static func reserve() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
