import CausalModel
import Fitting
import Foundation

/// Issue 16's speed target: `ModelFit` fitting the 10-node linear-Gaussian reference model
/// from its skeleton (every edge weight and noise sd a flat parameter; exact
/// Normal–inverse-gamma posteriors) to 10⁶ rows, against numpy's `lstsq` of each node on
/// its parents over the same number of rows in the same run; then the car-insurance graph
/// with automatic mechanisms against DoWhy gcm (`runInsurance`).
struct FittingBenchmarks: BenchmarkSuite {
    let name = "fitting"

    /// The reference model's skeleton: `node = w_node_parent * parent + … + Normal(0, s_node)`.
    static func skeleton(of text: String) -> String {
        var declarations: [String] = [], equations: [String] = []
        for line in text.split(separator: "\n") {
            let sides = line.components(separatedBy: " = ")
            let node = sides[0]
            let parents = sides[1].components(separatedBy: " + ").dropLast().map { $0.components(separatedBy: " * ")[1] }
            let terms = parents.map { "w_\(node)_\($0) * \($0)" }
            declarations += parents.map { "param w_\(node)_\($0)" } + ["param s_\(node)"]
            equations.append("\(node) = " + (terms + ["Normal(0, s_\(node))"]).joined(separator: " + "))
        }
        return (declarations + equations).joined(separator: "\n") + "\n"
    }

    func run(quick: Bool) throws {
        let (text, numpyBody) = try SamplerBenchmarks.referenceModel()
        let truth = try ModelFileParser(file: "g1_linear_gaussian_p10").parse(text)
        let skeleton = try ModelFileParser(file: "g1 skeleton").parseParametric(Self.skeleton(of: text))
        let rows = 1_000_000
        let data = try truth.sample(rows: rows, seed: 1)
        let reps = quick ? 3 : 7
        let seconds = try Stopwatch.median(repetitions: reps) { _ = try ModelFit(model: skeleton, data: data, seed: 1) }
        var table = [["ModelFit, exact posteriors of \(skeleton.parameters.count) parameters", fmt(seconds), ""]]
        let parentsOf = skeleton.variables.map { v in v.equation.variables.filter { name in truth.index(of: name) != nil } }
        let lstsq = parentsOf.enumerated().filter { !$0.element.isEmpty }.map { j, parents in
            "np.linalg.lstsq(X[[\(parents.compactMap { truth.index(of: $0) }.map(String.init).joined(separator: ","))]].T, X[\(j)], rcond=None)"
        }
        let script = """
            import numpy as np, time
            n = \(rows)
            rng = np.random.default_rng(1)
            X = np.empty((10, n))
            \(numpyBody)
            ts = []
            for _ in range(\(reps)):
                t = time.perf_counter()
            \(lstsq.map { "    " + $0 }.joined(separator: "\n"))
                ts.append(time.perf_counter() - t)
            print(sorted(ts)[len(ts) // 2])
            """
        if let output = runPython(script), let numpySeconds = Double(output) {
            table.append(["numpy lstsq of each node on its parents", fmt(numpySeconds), "1.00"])
            table[0][2] = fmt(numpySeconds / seconds) + "x"
        } else {
            print("(python3 with numpy not found: no numpy baseline)")
        }
        printTable(["fit 10-node linear Gaussian, 10^6 rows", "median s", "speed-up vs numpy"], table)
        try runInsurance(quick: quick)
    }
}
