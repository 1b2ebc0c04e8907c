import Foundation
import WhatIf

/// Issue 14's speed targets: sampling 10⁶ rows of ALARM (37 discrete variables, read
/// from BIF) against pgmpy's forward sampler in the same run, and `whatif generate`'s
/// work for a 1,000-node model with 10⁶ rows (drawing and standardising the model, the
/// statistics on 20,000 rows, and streaming the 10⁶-row CSV to /dev/null).
///
/// The pgmpy peer runs when the Python named by `WHATIF_PGMPY_PYTHON` (default `python3`)
/// imports pgmpy; otherwise its row says so.
struct NetworkBenchmarks: BenchmarkSuite {
    let name = "networks"
    static let alarmPath = "Tests/CausalModelTests/Reference/alarm.bif"

    func run(quick: Bool) throws {
        let network = try BayesianNetwork(bif: try String(contentsOfFile: Self.alarmPath, encoding: .utf8), file: Self.alarmPath)
        let model = try network.structuralCausalModel()
        let rows = 1_000_000
        let reps = quick ? 1 : 3
        var table: [[String]] = []
        let ours = try Stopwatch.median(repetitions: reps) { _ = try model.sample(rows: rows, seed: 1) }
        table.append(["ALARM, 10⁶ rows, whatif (in memory, all cores)", fmt(ours), ""])
        let oneThread = try Stopwatch.median(repetitions: reps) {
            _ = try model.sample(rows: rows, seed: 1, options: SamplingOptions(threads: 1))
        }
        table.append(["ALARM, 10⁶ rows, whatif (in memory, 1 thread)", fmt(oneThread), ""])
        if let pgmpy = pgmpySeconds(rows: rows, reps: reps) {
            table.append(["ALARM, 10⁶ rows, pgmpy 1.1.2 forward_sample", fmt(pgmpy), String(format: "%.1f× whatif", pgmpy / ours)])
        } else {
            table.append(["ALARM, pgmpy: not measured (no Python with pgmpy; set WHATIF_PGMPY_PYTHON)", "", ""])
        }
        var specification = RandomModelSpecification(nodes: 1000)
        specification.standardize = true
        var generated: RandomModel?
        let draw = try Stopwatch.median(repetitions: reps, warmUp: false) { generated = try RandomModel(specification, seed: 1) }
        table.append(["generate: 1,000-node linear ER model, standardised (exact)", fmt(draw), ""])
        guard let generated else { return }
        let statistics = try Stopwatch.median(repetitions: reps, warmUp: false) {
            _ = try generated.sortability(of: try generated.model.sample(rows: GenerationDefaults.statisticsRows, seed: 1))
        }
        table.append(["generate: varsortability and R²-sortability on 20,000 rows", fmt(statistics), ""])
        let sampleSeconds = try Stopwatch.median(repetitions: 1, warmUp: false) {
            let file = try OutputFile(path: "/dev/null")
            try generated.model.writeSampleCSV(rows: rows, seed: 1, to: file)
            try file.commit()
        }
        table.append(["generate: 10⁶ rows × 1,000 variables as CSV to /dev/null", fmt(sampleSeconds),
                      String(format: "%.0f ns per cell", sampleSeconds / Double(rows * 1000) * 1e9)])
        table.append(["generate: total for --nodes 1000 --rows 1000000", fmt(draw + statistics + sampleSeconds), ""])
        printTable(["measurement", "median seconds", "ratio"], table)
    }

    /// Median seconds of pgmpy's forward sampling of ALARM, or nil without pgmpy.
    private func pgmpySeconds(rows: Int, reps: Int) -> Double? {
        let python = ProcessInfo.processInfo.environment["WHATIF_PGMPY_PYTHON"] ?? "python3"
        let script = """
            import time, warnings
            warnings.filterwarnings('ignore')
            from pgmpy.readwrite import BIFReader
            from pgmpy.sampling import BayesianModelSampling
            model = BIFReader('\(Self.alarmPath)').get_model()
            sampler = BayesianModelSampling(model)
            sampler.forward_sample(size=1000, show_progress=False)
            ts = []
            for _ in range(\(reps)):
                t = time.perf_counter(); sampler.forward_sample(size=\(rows), show_progress=False); ts.append(time.perf_counter() - t)
            print(sorted(ts)[len(ts) // 2])
            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-pgmpy-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("peer.py")
        guard (try? script.write(to: file, atomically: true, encoding: .utf8)) != nil,
              let output = shell("'\(python)' '\(file.path)'") else { return nil }
        return Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
