import ArgumentParser
import Foundation
import WhatIf

/// Runs a command body, turning any error into one line on stderr and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        // On a terminal, a progress line may be showing: clear it first.
        let clear = stderrIsTerminal ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data("\(clear)whatif: error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// Whether standard error is a terminal (progress is shown only then).
var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// A progress line on stderr, rewritten in place; silent unless stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled = stderrIsTerminal
    private var lastPercent = -1

    init(_ label: String) { self.label = label }

    /// Shows `done` of `total`.
    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = Int(100 * Double(done) / Double(total))
        guard percent != lastPercent else { return }
        lastPercent = percent
        FileHandle.standardError.write(Data("\r\(label): \(percent)% (\(done) of \(total))".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled, lastPercent >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Parses `NAME=VALUE` into its parts; `what` names the option in errors.
func parseAssignment(_ text: String, _ what: String) throws -> (String, Double) {
    let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty else {
        throw ValidationError("\(what) expects NAME=VALUE, got '\(text)'")
    }
    guard let value = Double(parts[1]), value.isFinite else {
        throw ValidationError("\(what) \(parts[0]): '\(parts[1])' is not a number")
    }
    return (parts[0], value)
}
