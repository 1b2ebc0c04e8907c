import CausalGraph
import Foundation

/// Renders DOT text (for example `DirectedGraph.dot(highlighting:)`) to SVG by
/// running Graphviz's `dot` program (https://graphviz.org) as a subprocess.
///
/// Graphviz is optional: DOT text never needs it, and when `dot` cannot be found
/// the renderer reports `GraphvizError.notInstalled` so that callers can fall
/// back to writing DOT.
///
///     let svg = try Graphviz.locate().svg(of: graph, highlighting: GraphHighlight(treatments: ["price"]))
public struct Graphviz: Sendable {
    /// The `dot` executable.
    public let executable: URL

    /// A renderer using the given `dot` executable.
    public init(executable: URL) {
        self.executable = executable
    }

    /// Finds `dot` in the directories of `PATH` (first match wins); throws
    /// `GraphvizError.notInstalled` naming the directories searched.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Graphviz {
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Graphviz(executable: candidate) }
        }
        throw GraphvizError.notInstalled(searched: directories)
    }

    /// The SVG drawing of a graph written in DOT (`dot -Tsvg`), laid out by Graphviz.
    ///
    /// The DOT text goes through a temporary file and the SVG comes back through
    /// another, both removed afterwards. Throws `GraphvizError.failed` with
    /// Graphviz's own message when it rejects the input.
    public func svg(fromDOT dot: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory
        let stem = "whatif-graph-\(UUID().uuidString)"
        let input = folder.appendingPathComponent(stem + ".dot")
        let output = folder.appendingPathComponent(stem + ".svg")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        do {
            try Data(dot.utf8).write(to: input)
        } catch {
            throw GraphvizError.failed(status: -1, message: "cannot write \(input.path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-Tsvg", input.path, "-o", output.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GraphvizError.notInstalled(searched: [executable.deletingLastPathComponent().path])
        }
        // stdout goes nowhere and the SVG to a file, so draining stderr first cannot deadlock.
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              let svg = try? String(contentsOf: output, encoding: .utf8) else {
            throw GraphvizError.failed(status: process.terminationStatus,
                                       message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return svg
    }

    /// The SVG picture of a causal graph with its roles marked (see `DirectedGraph.dot(highlighting:)`).
    public func svg(of graph: DirectedGraph, highlighting: GraphHighlight = GraphHighlight()) throws -> String {
        try svg(fromDOT: graph.dot(highlighting: highlighting))
    }
}

/// Why a DOT graph could not be turned into a picture.
public enum GraphvizError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Graphviz's `dot` is not installed where it was looked for.
    case notInstalled(searched: [String])
    /// `dot` ran but failed, with its exit status and message.
    case failed(status: Int32, message: String)

    /// One line saying what went wrong and what to do.
    public var description: String {
        switch self {
        case let .notInstalled(searched):
            return "Graphviz 'dot' was not found (looked in: \(searched.isEmpty ? "an empty PATH" : searched.joined(separator: ", "))); "
                + "install Graphviz (for example apt-get install graphviz) or ask for DOT output instead"
        case let .failed(status, message):
            return "Graphviz 'dot' failed (exit status \(status)): \(message)"
        }
    }
}
