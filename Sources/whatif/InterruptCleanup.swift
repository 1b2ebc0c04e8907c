#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import WhatIf

/// Removes the temporary files of unfinished `OutputFile`s (`PendingOutputs`) when
/// the process is ended by a signal it can catch (`handled`: interrupts, hang-ups,
/// terminations, a broken pipe, timers, user signals, SIGQUIT), then ends it by the same
/// signal, so an interrupted run leaves neither a half-written file nor its
/// temporary behind: process-wide policy, so the executable's, not the library's.
///
/// `install` blocks the signals in the main thread before any other thread exists, so
/// every thread started later inherits the block, and one watcher thread takes them with
/// `sigwait`. A signal sent to the process therefore waits, pending, until the watcher
/// takes it: none can slip through while a handler is being installed, as they could
/// with dispatch signal sources, whose registration is asynchronous. A broken pipe or an
/// oversized file met by a write is the writing thread's own signal; blocked there, the
/// write fails with EPIPE or EFBIG: the command reports a full file, and ends quietly by
/// SIGPIPE when the reader of its standard output has gone (`whatif sample … | head`).
///
/// Signals the process ignores (under `nohup`, say) are left ignored.
enum InterruptCleanup {
    /// The signals whose default action ends the process and that a handler can catch
    /// (SIGKILL and SIGSTOP cannot be; the next run cleans after SIGKILL, see `OutputFile`).
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
                                   SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ]

    /// Blocks the `handled` signals that are not ignored and starts the watcher. Call it
    /// first thing in `main`, before any thread is started.
    static func install() {
        var watched = sigset_t()
        sigemptyset(&watched)
        for number in handled { sigaddset(&watched, number) }
        // Blocked first, so a signal arriving while dispositions are read stays pending.
        pthread_sigmask(SIG_BLOCK, &watched, nil)
        var ignored = sigset_t()
        sigemptyset(&ignored)
        for number in handled where isIgnored(number) {
            sigdelset(&watched, number)
            sigaddset(&ignored, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &ignored, nil)
        let set = watched
        Thread.detachNewThread { cleanUpAndEnd(onFirstOf: set) }
    }

    /// Waits for one of `set`, removes the pending temporaries and ends the process by
    /// that signal, restored to its default action and raised in this thread.
    private static func cleanUpAndEnd(onFirstOf set: sigset_t) {
        var set = set
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        end(by: received)
    }

    /// Removes the pending temporaries and ends the process by `number`, restored to its
    /// default action and raised in the calling thread (the status a shell expects: a
    /// pipeline's writer ended by SIGPIPE is not reported as a failure).
    static func end(by number: Int32) -> Never {
        PendingOutputs.removeAll()
        signal(number, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, number)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(number)
        _exit(128 + number)
    }

    /// Whether the process ignores `number` (SIG_IGN, inherited from `nohup` or a parent).
    private static func isIgnored(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
