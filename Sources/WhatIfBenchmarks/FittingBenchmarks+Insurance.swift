import CausalModel
import Fitting
import Foundation
import ModelCatalog
import Tabular

/// Issue 16's second speed target: the car-insurance graph (the catalog's `car_insurance`,
/// 20 variables with the structure of Binder et al. 1997's insurance network, continuous,
/// count and 0/1 columns) with an automatic mechanism for every variable, fitted to 10⁵
/// rows sampled from the catalog model, against DoWhy gcm's
/// `auto.assign_causal_mechanisms` + `fit` on the same rows (its default quality, GOOD,
/// which picks each node's regressor or classifier by cross-validation) in the same run.
///
/// The DoWhy peer runs when the Python named by `WHATIF_DOWHY_PYTHON` (default `python3`)
/// imports dowhy; otherwise its row says so.
extension FittingBenchmarks {
    /// The skeleton of `model`: every variable `auto(parents)`; with `trees`, the continuous
    /// (not 0/1) variables with parents ask for the boosted-tree family.
    static func automaticSkeleton(of model: StructuralCausalModel, data: Table, trees: Bool) throws -> String {
        try model.variables.map { v in
            let parents = try model.parents(of: v.name)
            let binary = try data.numbers(v.name).allSatisfy { $0 == 0 || $0 == 1 }
            let family = trees && !parents.isEmpty && !binary ? "; family = trees" : ""
            return "\(v.name) = auto(\(parents.joined(separator: ", "))\(family))"
        }.joined(separator: "\n") + "\n"
    }

    func runInsurance(quick: Bool) throws {
        guard let entry = ModelCatalog.entry(named: "car_insurance") else { throw ModelError("the catalog has no car_insurance model") }
        let truth = try entry.model()
        let rows = 100_000
        let data = try truth.sample(rows: rows, seed: 1)
        let reps = quick ? 1 : 3
        var table: [[String]] = []
        var ours: [Double] = []
        for trees in [false, true] {
            let skeleton = try ModelFileParser(file: "car_insurance skeleton").parseParametric(
                try Self.automaticSkeleton(of: truth, data: data, trees: trees))
            var families: [String: Int] = [:]
            let seconds = try Stopwatch.median(repetitions: reps) {
                let fit = try ModelFit(model: skeleton, data: data, seed: 1)
                families = Dictionary(fit.variables.map { ($0.family, 1) }, uniquingKeysWith: +)
            }
            ours.append(seconds)
            let mix = families.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            table.append(["whatif ModelFit, " + (trees ? "trees for continuous children" : "families by type") + " (\(mix))",
                          fmt(seconds), ""])
        }
        // DoWhy takes minutes on these rows: one timed run, no warm-up.
        var chosen: String?
        if let (assign, fit, summary) = try dowhySeconds(truth, data: data, reps: 1) {
            table.append(["DoWhy gcm auto.assign_causal_mechanisms (one run)", fmt(assign), ""])
            table.append(["DoWhy gcm fit (one run)", fmt(fit), ""])
            table[0][2] = fmt((assign + fit) / ours[0]) + "x"
            table[1][2] = fmt((assign + fit) / ours[1]) + "x"
            table.append(["DoWhy gcm assign + fit", fmt(assign + fit), "1.00"])
            chosen = summary
        } else {
            table.append(["DoWhy gcm: not measured (no Python with dowhy; set WHATIF_DOWHY_PYTHON)", "", ""])
        }
        printTable(["fit car_insurance (20 nodes, automatic), 10^5 rows", "median s", "speed-up vs DoWhy"], table)
        if let chosen { print("(DoWhy chose: \(chosen))") }
    }

    /// Median seconds over `reps` runs of DoWhy's automatic assignment and of its fit (and the mechanisms it
    /// chose), or nil without dowhy.
    private func dowhySeconds(_ model: StructuralCausalModel, data: Table, reps: Int) throws -> (Double, Double, String)? {
        let python = ProcessInfo.processInfo.environment["WHATIF_DOWHY_PYTHON"] ?? "python3"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-dowhy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv: [UInt8] = []
        CSVFormat.appendHeader(data.names, to: &csv)
        let columns = try data.names.map { try data.numbers($0) }
        for i in 0..<data.rowCount {
            for (j, column) in columns.enumerated() {
                if j > 0 { csv.append(UInt8(ascii: ",")) }
                CSVFormat.appendNumber(column[i], to: &csv)
            }
            csv.append(UInt8(ascii: "\n"))
        }
        let csvPath = folder.appendingPathComponent("data.csv")
        try Data(csv).write(to: csvPath)
        let edges = try model.variables.flatMap { v in try model.parents(of: v.name).map { "('\($0)', '\(v.name)')" } }
        let script = """
            import time, warnings, collections
            warnings.filterwarnings('ignore')
            import pandas as pd, networkx as nx
            from dowhy import gcm
            gcm.config.disable_progress_bars()
            data = pd.read_csv('\(csvPath.path)')
            def once():
                graph = nx.DiGraph([\(edges.joined(separator: ", "))])
                graph.add_nodes_from(data.columns)
                scm = gcm.StructuralCausalModel(graph)
                t0 = time.perf_counter(); gcm.auto.assign_causal_mechanisms(scm, data)
                t1 = time.perf_counter(); gcm.fit(scm, data); t2 = time.perf_counter()
                return t1 - t0, t2 - t1, scm
            runs = [once() for _ in range(\(reps))]
            def median(xs): return sorted(xs)[len(xs) // 2]
            scm = runs[-1][2]
            kinds = collections.Counter()
            for node in scm.graph.nodes:
                m = scm.causal_mechanism(node)
                inner = getattr(m, 'prediction_model', None) or getattr(m, 'classifier_model', None)
                kinds[type(m).__name__ + ('/' + type(getattr(inner, 'sklearn_model', inner)).__name__ if inner is not None else '')] += 1
            print(median([r[0] for r in runs]), median([r[1] for r in runs]), '; '.join(f'{n} {k}' for k, n in sorted(kinds.items())))
            """
        let scriptPath = folder.appendingPathComponent("peer.py")
        try script.write(to: scriptPath, atomically: true, encoding: .utf8)
        guard let output = shell("'\(python)' '\(scriptPath.path)'") else { return nil }
        let parts = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 2)
        guard parts.count == 3, let assign = Double(parts[0]), let fit = Double(parts[1]) else { return nil }
        return (assign, fit, String(parts[2]))
    }
}
