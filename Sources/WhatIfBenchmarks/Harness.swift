import Foundation
import Reporting

/// A group of related measurements, printed as one table.
protocol BenchmarkSuite {
    /// The name used on the command line (`WhatIfBenchmarks NAME`).
    var name: String { get }
    /// Runs the measurements and prints their figures.
    func run(quick: Bool) throws
}

/// Wall-clock timing with medians over repetitions.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of `repetitions` timings of `body`, after one untimed warm-up run.
    static func median(repetitions: Int, warmUp: Bool = true, _ body: () throws -> Void) rethrows -> Double {
        if warmUp { try body() }
        var times: [Double] = []
        for _ in 0..<repetitions { times.append(try time(body)) }
        times.sort()
        let m = times.count / 2
        return times.count % 2 == 1 ? times[m] : (times[m - 1] + times[m]) / 2
    }
}

/// Prints an aligned table: a header row, a rule, and rows of cells, numbers right-aligned.
func printTable(_ header: [String], _ rows: [[String]]) {
    print(TextTable(rows: [header] + rows, leftAligned: 1, rulesHeader: true).text(), terminator: "")
}

/// Runs a shell command and returns its standard output, or nil when it fails.
func shell(_ command: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
}

/// The path of a reference file copied into the package (under
/// `Tests/BSTSTests/Reference/`, with its provenance README), found from this
/// source file's location so that benchmarks run from any folder.
func bstsReferencePath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/BSTSTests/Reference").appendingPathComponent(relative).path
}
