#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import WhatIf

/// Removes the temporary files of unfinished `OutputFile`s (`PendingOutputs`) when
/// the process is ended by a signal it can catch (`handled`: interrupts, hang-ups,
/// terminations, a broken pipe, timers, user signals, SIGQUIT), then ends it by the same
/// signal, so an interrupted run leaves neither a half-written file nor its
/// temporary behind: process-wide policy, so the executable's, not the library's.
///
/// Signals the process ignores (under `nohup`, say) are left ignored. The handlers
/// run on a dispatch queue, not in signal context, and end the process with a signal
/// sent to the process (dispatch threads block signals).
enum InterruptCleanup {
    /// The handlers, installed on first use. Dispatch sources are not `Sendable`; this
    /// array is written once, by Swift's thread-safe lazy initialisation of globals.
    nonisolated(unsafe) private static let sources: [DispatchSourceSignal] = handled.compactMap { (number: Int32) -> DispatchSourceSignal? in
        // A signal the parent ignores (nohup, a background job of a script) stays ignored.
        let previous = signal(number, SIG_IGN)
        if isIgnore(previous) { return nil }
        // A parent may have started us with the signal blocked (threads of a dispatch
        // pool block every signal, and a child inherits its mask): let it in here.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            PendingOutputs.removeAll()
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
        source.resume()
        return source
    }

    /// The signals whose default action ends the process and that a handler can catch
    /// (SIGKILL and SIGSTOP cannot be; the next run cleans after SIGKILL, see `OutputFile`).
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
                                   SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ]

    /// Whether a signal disposition is SIG_IGN.
    private static func isIgnore(_ handler: __sighandler_t?) -> Bool {
        handler.map { unsafeBitCast($0, to: Int.self) } == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Takes the `handled` signals from their default action (unless ignored).
    static func install() {
        _ = sources
    }
}
