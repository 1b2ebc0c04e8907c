import CausalModel
import Foundation
import Tabular

/// Issue 4's target: exact abduction and prediction for 10⁶ fully observed rows
/// of the 10-node linear-Gaussian reference model under do(node_3 = 1) must cost
/// no more than 3× sampling the same rows (same thread count), with hand-written
/// numpy (N = X − XBᵀ, then the intervened equations) as a peer. Then the cost of
/// the other methods on population queries: Gaussian conditioning, exact
/// enumeration (the banner model, probabilities of causation on a binary model)
/// and likelihood weighting.
struct CounterfactualBenchmarks: BenchmarkSuite {
    let name = "counterfactual"

    func run(quick: Bool) throws {
        let (text, _) = try SamplerBenchmarks.referenceModel()
        let model = try ModelFileParser(file: "g1_linear_gaussian_p10").parse(text)
        let rows = 1_000_000
        let reps = quick ? 3 : 7
        let evidence = try model.sample(rows: rows, seed: 1)
        let intervention: [Intervention] = [.set("node_3", to: 1)]
        var table: [[String]] = []
        for threads in [1, 2] {
            let sampling = try Stopwatch.median(repetitions: reps) {
                _ = try model.sample(rows: rows, seed: 1, options: SamplingOptions(threads: threads))
            }
            var method = ""
            let counterfactual = try Stopwatch.median(repetitions: reps) {
                let result = try model.counterfactuals(for: evidence, doing: intervention,
                                                       options: CounterfactualOptions(threads: threads))
                method = result.rowsByMethod.keys.map(\.rawValue).joined(separator: ", ")
            }
            table.append(["sample 10^6 rows, \(threads) thread(s)", fmt(sampling), ""])
            table.append(["counterfactuals of 10^6 rows (\(method)), \(threads) thread(s)", fmt(counterfactual),
                          fmt(counterfactual / sampling) + "x" + (counterfactual <= 3 * sampling ? "  (target <= 3x: met)" : "  (target <= 3x: MISSED)")])
        }
        if let numpy = numpyCounterfactualSeconds(reps: reps) {
            table.append(["numpy by hand: abduction N = X - XB^T, then do(node_3 = 1)", fmt(numpy), ""])
        }
        printTable(["10-node linear Gaussian, 10^6 observed rows", "median s", "vs sampling"], table)
        print("")
        try populationQueries(model, reps: quick ? 3 : 5)
    }

    /// Hand-vectorised numpy on the same rows: the peer figure.
    private func numpyCounterfactualSeconds(reps: Int) -> Double? {
        guard let json = try? Data(contentsOf: URL(fileURLWithPath: SamplerBenchmarks.referencePath)),
              let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let model = object["model"] as? [String: Any], let edges = model["edges"] as? [[String: Any]],
              let nodes = model["nodes"] as? [String] else { return nil }
        let weights = edges.map { "B[\(nodes.firstIndex(of: $0["to"] as! String)!), \(nodes.firstIndex(of: $0["from"] as! String)!)] = \($0["weight"] as! Double)" }
        let script = """
            import numpy as np, time
            n, p = 1000000, \(nodes.count)
            B = np.zeros((p, p))
            \(weights.joined(separator: "\n"))
            rng = np.random.default_rng(1)
            X = rng.standard_normal((n, p)) @ np.linalg.inv(np.eye(p) - B).T
            def counterfactual():
                N = X - X @ B.T
                C = np.empty_like(X)
                for j in range(p):
                    C[:, j] = 1.0 if j == 3 else C[:, :j] @ B[j, :j] + N[:, j]
                return C
            ts = []
            for _ in range(\(reps)):
                t = time.perf_counter(); counterfactual(); ts.append(time.perf_counter() - t)
            print(sorted(ts)[len(ts) // 2])
            """
        return runPython(script).flatMap(Double.init)
    }

    /// Single queries by each method, with what they answer.
    private func populationQueries(_ linear: StructuralCausalModel, reps: Int) throws {
        let banner = try ModelFileParser().parse("""
            engagement = Normal(50, 15)
            banner     ~ Bernoulli(logistic(0.05 * (engagement - 50)))
            spend      = 20 + 0.3 * engagement + 5 * banner + Normal(0, 10)
            """)
        let binary = try ModelFileParser().parse("""
            latent u ~ Bernoulli(0.4)
            z ~ Bernoulli(0.3 + 0.2 * u)
            x ~ Bernoulli(0.2 + 0.3 * z + 0.4 * u)
            y ~ Bernoulli(0.1 + 0.3 * x + 0.2 * z + 0.3 * u - 0.1 * x * u)
            """)
        let partial = Evidence(["node_1": -0.8, "node_4": 0.6, "node_8": 2.0])
        let queries: [(String, () throws -> CounterfactualEstimate)] = [
            ("E[node_7 | 3 of 10 observed], do(node_3 = 1)", {
                try linear.counterfactualExpectation(of: "node_7", given: partial, doing: [.set("node_3", to: 1)]) }),
            ("same, likelihood weighting, 10^5 draws", {
                try linear.counterfactualExpectation(of: "node_7", given: partial, doing: [.set("node_3", to: 1)],
                                                     options: CounterfactualOptions(forceSampling: true)) }),
            ("banner: P(banner = 1 | unit), do(engagement = 60)", {
                try banner.counterfactualExpectation(of: "banner", given: Evidence(["engagement": 40, "banner": 0, "spend": 20]),
                                                     doing: [.set("engagement", to: 60)]) }),
            ("banner: E[spend | spend = 20], do(banner = 1), 10^5 draws", {
                try banner.counterfactualExpectation(of: "spend", given: Evidence(["spend": 20]), doing: [.set("banner", to: 1)]) }),
            ("binary: PN, PS, PNS with bounds", {
                try binary.probabilitiesOfCausation(treatment: "x", outcome: "y").necessityAndSufficiency }),
        ]
        var table: [[String]] = []
        for (label, query) in queries {
            var method = ""
            let seconds = try Stopwatch.median(repetitions: reps) { method = try query().method.rawValue }
            table.append([label, method, fmt(seconds * 1000)])
        }
        printTable(["population query", "method", "median ms"], table)
    }
}
