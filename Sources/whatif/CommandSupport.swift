import ArgumentParser
import Foundation
import WhatIf

/// The model file a command runs, so that an error met while running it can name the
/// line of the variable it concerns (set by `loadModel`; one command per process).
nonisolated(unsafe) private var modelInUse: ModelCatalog.Entry?

/// The model named by `reference` (a catalog name or a path) and its entry.
func loadModel(_ reference: String) throws -> (entry: ModelCatalog.Entry, model: StructuralCausalModel) {
    let entry = try ModelCatalog.entry(for: reference)
    modelInUse = entry
    return (entry, try entry.model())
}

/// Runs a command body, turning any error into one line on stderr and exit status 1
/// (a closed pipe passes through, for `WhatIfCommand.main` to end quietly by SIGPIPE).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let closed as OutputFile.BrokenPipe {
        throw closed
    } catch {
        let error = modelInUse?.locating(error) ?? error
        // On a terminal, a progress line may be showing: clear it first.
        let clear = stderrIsTerminal ? "\r\u{1B}[K" : ""
        printError("\(clear)whatif: error: \(oneLine("\(error)"))\n")
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
        printError("\r\(label): \(percent)% (\(done) of \(total))")
    }

    /// Clears the line.
    func finish() {
        guard enabled, lastPercent >= 0 else { return }
        printError("\r\u{1B}[K")
    }
}

/// Writes `text` to standard output, all of it, or throws the reason it could not (a full
/// disk, a closed stream): a failed write is an error (exit status 1), never a silent loss.
func printOut(_ text: String) throws {
    try OutputFile.write(text, to: "-")
}

/// Writes `text` to standard error as far as it can: when standard error itself is closed
/// or full there is nowhere left to say so, and that must not stop the command (nor trap).
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else { return }
    }
}

/// `text` safe to print as one line of a message: control characters (a newline, an
/// escape sequence in a file name) shown as `\u{1B}` instead of acting on the terminal.
func oneLine(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Prints "whatif: warning: …" on standard error.
func printWarning(_ message: String) {
    printError("whatif: warning: \(oneLine(message))\n")
}

/// Parses repeated `A=a,B=b` options into (name, value) pairs (`AssignmentList.parse`).
func parseAssignments(_ texts: [String], _ option: String) throws -> [(name: String, value: Double)] {
    try AssignmentList.parse(texts, option: option)
}

/// Parses `TREATMENT:OUTCOME` into two different, non-empty names; `option` names it in errors.
func parsePair(_ text: String, _ option: String) throws -> (String, String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ValidationError("\(option) expects TREATMENT:OUTCOME, got '\(text)'")
    }
    guard parts[0] != parts[1] else {
        throw ValidationError("\(option) names '\(parts[0])' as both treatment and outcome (name two different variables)")
    }
    return (parts[0], parts[1])
}

/// Parses `NAME=VALUE` into its parts (`AssignmentList.parseOne`); `what` names the option in errors.
func parseAssignment(_ text: String, _ what: String) throws -> (String, Double) {
    try AssignmentList.parseOne(text, option: what)
}

/// Whether two output paths (`-`: standard output) reach the same file or stream: the
/// same device and inode once links are followed, or, for files not there yet, the
/// same path once their folders' links are resolved. `/dev/null` may take both.
func sameFile(_ a: String, _ b: String) -> Bool {
    func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        let found = path == "-" ? fstat(STDOUT_FILENO, &info) == 0 : stat(path, &info) == 0
        return found ? [UInt64(info.st_dev), UInt64(info.st_ino)] : nil
    }
    func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).resolvingSymlinksInPath().path
    }
    if let x = identity(a), let y = identity(b) { return x == y && x != identity("/dev/null") }
    return a != "-" && b != "-" && resolved(a) == resolved(b)
}

/// Refuses two outputs that reach the same file or stream (`sameFile`): one would
/// replace or interleave the other. Each entry pairs an option (or what writes to
/// standard output) with its path, nil when not given.
func requireDistinctOutputs(_ outputs: [(what: String, path: String?)]) throws {
    let given = outputs.compactMap { output in output.path.map { (output.what, $0) } }
    for i in given.indices {
        for j in given.indices where j > i && sameFile(given[i].1, given[j].1) {
            throw ValidationError("\(given[i].0) and \(given[j].0) reach the same place ('\(given[j].1)'): give each its own file")
        }
    }
}

/// The treatment values of `--treatment-values`: finite numbers, comma-separated, none twice.
func parseTreatmentValues(_ text: String) throws -> [Double] {
    let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    var values: [Double] = []
    for (k, entry) in entries.enumerated() {
        guard !entry.isEmpty else { throw ValidationError("--treatment-values: value \(k + 1) of \(entries.count) is empty") }
        guard let value = Double(entry), value.isFinite else {
            throw ValidationError("--treatment-values: '\(entry)' is not a finite number")
        }
        guard !values.contains(value) else { throw ValidationError("--treatment-values: \(entry) is given twice") }
        values.append(value)
    }
    return values
}

/// The options of every command that draws random numbers on several cores: the seed,
/// and how many threads do the work (results do not depend on it).
struct RunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "The random seed: the same seed gives the same output.")
    var seed = RandomStream.defaultSeed

    @Option(parsing: .unconditional, help: "Worker threads (default: one per core). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    }
}

/// `body`'s result, with an invalid benchmark option reported as the command-line
/// option ("truth units" as --truth-units).
func namingOptions<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch BenchmarkError.invalidOption(let option, let detail) {
        throw ValidationError("--\(option.replacingOccurrences(of: " ", with: "-")): \(detail)")
    }
}
