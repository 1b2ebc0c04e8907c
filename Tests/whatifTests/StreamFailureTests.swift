import Foundation
import Testing

/// A full or closed output stream is an error to report, never a silent success or a trap.
@Suite struct StreamFailureTests {
    /// Runs `whatif arguments` through the shell with `redirections` (e.g. "> /dev/full");
    /// returns the exit status and what reached standard error.
    static func run(_ arguments: String, _ redirections: String) throws -> (status: Int32, stderr: String) {
        let result = try shell("exec '\(WhatIf.executable.path)' \(arguments) \(redirections)")
        #expect(result.ended == .exit, "whatif \(arguments) \(redirections) ended by a signal")
        return (result.status, result.stderr)
    }

    /// Runs `script` with /bin/sh; returns how it ended, its status and its standard error.
    static func shell(_ script: String) throws -> (ended: Process.TerminationReason, status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, text)
    }

    @Test func aFullStandardOutputIsAnError() throws {
        for arguments in ["graph banner", "models", "sample banner --rows 3", "graph banner --format json"] {
            let result = try Self.run(arguments, "> /dev/full")
            #expect(result.status == 1, "whatif \(arguments) > /dev/full exited \(result.status)")
            #expect(result.stderr == "whatif: error: standard output: cannot write (No space left on device)\n", "\(result.stderr)")
        }
    }

    @Test func aClosedOrFullStandardErrorDoesNotTrap() throws {
        // The error cannot be said, but the status still says it.
        #expect(try Self.run("sample banner --rows 3 --do nosuch=1", "2>&-").status == 1)
        #expect(try Self.run("sample banner --rows 3 --do nosuch=1", "2>/dev/full").status == 1)
        // A warning that cannot be printed does not stop good output.
        #expect(try Self.run("counterfactual banner --observe spend=20 --do banner=1 --query spend --samples 1", "2>&-").status == 0)
    }

    /// A reader that stops early (`whatif sample … | head`) is no failure of the command:
    /// it ends quietly by SIGPIPE, as `cat` and `seq` do, saying nothing on standard error.
    @Test func aClosedPipeEndsQuietlyBySIGPIPE() throws {
        // `sh -c 'A | B'` reports B's status: A's goes through a file.
        let status = NSTemporaryDirectory() + "whatif-pipe-\(getpid()).status"
        defer { try? FileManager.default.removeItem(atPath: status) }
        let text = try Self.shell("{ env --default-signal '\(WhatIf.executable.path)' sample banner --rows 10000000; "
                                  + "echo $? > '\(status)'; } | head -c 100 > /dev/null").stderr
        #expect(text.isEmpty, "\(text)")
        let code = try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code == "\(128 + SIGPIPE)")
    }

    /// Started with standard output closed, `fit` must not open its model file as descriptor 1
    /// and write its table into it: the table cannot be written, so nothing is put in place.
    @Test func aClosedStandardOutputLeavesNoFittedFile() throws {
        let folder = NSTemporaryDirectory() + "whatif-closed-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "param a\nx = Normal(0, 1)\ny = a * x + Normal(0, 1)\n".write(toFile: folder + "/m.scm", atomically: true, encoding: .utf8)
        try "x,y\n1,2\n2,3.9\n3,6.2\n4,8\n".write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        for redirection in [">&-", "> /dev/full"] {
            let result = try Self.run("fit '\(folder)/m.scm' '\(folder)/d.csv' --output '\(folder)/fitted.scm'", redirection)
            #expect(result.status == 1 && result.stderr.hasPrefix("whatif: error: standard output: cannot write"), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["d.csv", "m.scm"], "\(redirection)")
        }
    }
}
