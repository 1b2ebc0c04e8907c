import CausalModel
import Foundation
import Tabular

/// Issue 2's targets: nanoseconds per sampled cell (row × variable) for the
/// 10-node linear-Gaussian reference model on one and two threads, against
/// hand-vectorised numpy in the same run; `whatif sample` writing CSV against
/// numpy generating the same rows and writing them with `numpy.savetxt`; and
/// peak memory of `whatif sample` streaming 10⁸ rows to /dev/null.
struct SamplerBenchmarks: BenchmarkSuite {
    let name = "sampler"
    static let referencePath = "Tests/CausalModelTests/Reference/g1_linear_gaussian_p10.json"

    /// The reference model as model-file text, and the Python statements that sample it with numpy.
    static func referenceModel() throws -> (text: String, numpy: String) {
        let data = try Data(contentsOf: URL(fileURLWithPath: referencePath))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let model = json["model"] as! [String: Any]
        let nodes = model["nodes"] as! [String]
        let sds = model["noise_sd"] as! [Double]
        let edges = model["edges"] as! [[String: Any]]
        var lines: [String] = []
        var numpy: [String] = []
        for (j, node) in nodes.enumerated() {
            let incoming = edges.filter { $0["to"] as! String == node }
            let terms = incoming.map { "\($0["weight"] as! Double) * \($0["from"] as! String)" }
            lines.append("\(node) = " + (terms + ["Normal(0, \(sds[j]))"]).joined(separator: " + "))
            let numpyTerms = incoming.map { "\($0["weight"] as! Double) * X[\(nodes.firstIndex(of: $0["from"] as! String)!)]" }
            numpy.append("X[\(j)] = " + (numpyTerms + ["\(sds[j]) * rng.standard_normal(n)"]).joined(separator: " + "))
        }
        return (lines.joined(separator: "\n"), numpy.joined(separator: "\n"))
    }

    func run(quick: Bool) throws {
        let (text, numpyBody) = try Self.referenceModel()
        let model = try ModelFileParser(file: "g1_linear_gaussian_p10").parse(text)
        let rows = 1_000_000
        let cells = Double(rows * model.variables.count)
        let reps = quick ? 3 : 7
        var table: [[String]] = []
        var perCell: [Int: Double] = [:]
        for threads in [1, 2] {
            let seconds = try Stopwatch.median(repetitions: reps) {
                _ = try model.sample(rows: rows, seed: 1, options: SamplingOptions(threads: threads))
            }
            perCell[threads] = seconds / cells * 1e9
            table.append(["whatif sample, in memory, \(threads) thread(s)", fmt(seconds), fmt(perCell[threads]!), ""])
        }
        let numpyScript = """
            import numpy as np, time
            n = \(rows)
            def gen():
                rng = np.random.default_rng(1)
                X = np.empty((10, n))
            \(numpyBody.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                return X
            ts = []
            for _ in range(\(reps)):
                t = time.perf_counter(); gen(); ts.append(time.perf_counter() - t)
            print(sorted(ts)[len(ts) // 2])
            """
        if let output = runPython(numpyScript), let numpySeconds = Double(output) {
            let numpyPerCell = numpySeconds / cells * 1e9
            table.append(["numpy, hand-vectorised", fmt(numpySeconds), fmt(numpyPerCell), "1.00"])
            table[0][3] = fmt(numpyPerCell / perCell[1]!) + "x"
            table[1][3] = fmt(numpyPerCell / perCell[2]!) + "x"
        } else {
            print("(python3 with numpy not found: no numpy baseline)")
        }
        printTable(["10-node linear Gaussian, 10^6 rows", "median s", "ns/cell", "speed-up vs numpy"], table)
        print("")
        try csvComparison(text: text, numpyBody: numpyBody, rows: rows, reps: quick ? 1 : 3)
        if !quick { try memoryCheck(text: text) }
    }

    /// `whatif sample … --output FILE` against numpy generation plus `numpy.savetxt`, same rows.
    func csvComparison(text: String, numpyBody: String, rows: Int, reps: Int) throws {
        guard let whatif = siblingExecutable("whatif") else { print("(whatif binary not found beside the benchmarks)"); return }
        let folder = NSTemporaryDirectory() + "whatif-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let modelPath = folder + "/lg10.scm"
        try text.write(toFile: modelPath, atomically: true, encoding: .utf8)
        let ours = try Stopwatch.median(repetitions: reps) {
            guard shell("'\(whatif)' sample '\(modelPath)' --rows \(rows) --seed 1 --output '\(folder)/ours.csv'") != nil else {
                throw BenchmarkFailure("whatif sample failed")
            }
        }
        let script = """
            import numpy as np, time
            n = \(rows)
            ts = []
            for _ in range(\(reps)):
                t = time.perf_counter()
                rng = np.random.default_rng(1)
                X = np.empty((10, n))
            \(numpyBody.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                np.savetxt('\(folder)/numpy.csv', X.T, delimiter=',')
                ts.append(time.perf_counter() - t)
            print(sorted(ts)[len(ts) // 2])
            """
        var rowsOut = [["whatif sample --output FILE.csv (whole process)", fmt(ours), ""]]
        if let output = runPython(script), let theirs = Double(output) {
            rowsOut.append(["numpy generate + numpy.savetxt", fmt(theirs), ""])
            rowsOut[0][2] = fmt(theirs / ours) + "x"
        }
        printTable(["CSV of 10^6 rows x 10 variables", "median s", "speed-up"], rowsOut)
        print("")
    }

    /// Peak resident memory of `whatif sample` streaming 10⁸ rows to /dev/null (GNU time).
    func memoryCheck(text: String) throws {
        guard let whatif = siblingExecutable("whatif"), FileManager.default.fileExists(atPath: "/usr/bin/time") else {
            print("(needs the whatif binary and /usr/bin/time for the memory check)")
            return
        }
        let modelPath = NSTemporaryDirectory() + "whatif-bench-lg10-\(getpid()).scm"
        try text.write(toFile: modelPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: modelPath) }
        var seconds = 0.0
        var output: String?
        seconds = Stopwatch.time {
            output = shell("/usr/bin/time -f '%M' '\(whatif)' sample '\(modelPath)' --rows 100000000 --seed 1 --output /dev/null 2>&1 >/dev/null")
        }
        guard let kilobytes = output.flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") }) else {
            print("(memory check failed)")
            return
        }
        printTable(["whatif sample --rows 100000000 --output /dev/null", "seconds", "peak MB"],
                   [["10-node linear Gaussian", fmt(seconds), fmt(kilobytes / 1024)]])
    }
}

/// A benchmark that could not run.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Formats a figure with three significant digits.
func fmt(_ x: Double) -> String {
    if x >= 100 { return String(format: "%.0f", x) }
    if x >= 10 { return String(format: "%.1f", x) }
    return String(format: "%.3g", x)
}

/// The path of an executable built beside this one, if present.
func siblingExecutable(_ name: String) -> String? {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let path = folder.appendingPathComponent(name).path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

/// Runs a Python script with python3 and returns its trimmed standard output, or nil.
func runPython(_ script: String) -> String? {
    let path = NSTemporaryDirectory() + "whatif-bench-\(getpid())-\(UUID().uuidString).py"
    guard (try? script.write(toFile: path, atomically: true, encoding: .utf8)) != nil else { return nil }
    defer { try? FileManager.default.removeItem(atPath: path) }
    return shell("python3 '\(path)'")?.trimmingCharacters(in: .whitespacesAndNewlines)
}
