import CausalGraph
import CausalModel
import Foundation

/// Hostile sizes (issue 15): graph queries on a 10⁵-node chain and a 10⁴-leaf
/// star, sampling a model whose one equation is a 10⁵-term sum, and a
/// counterfactual on a 10⁴-variable linear-Gaussian chain. Prints the time of
/// each (one run: these are sizes, not micro-benchmarks) and the peak resident
/// memory it reached, measured by resetting the kernel's high-water mark
/// (`/proc/self/clear_refs`) before the case and reading `VmHWM` after it.
struct ScalingBenchmarks: BenchmarkSuite {
    let name = "scaling"

    func run(quick: Bool) throws {
        let scale = quick ? 10 : 1
        let chainLength = 100_000 / scale, leaves = 10_000 / scale, terms = 100_000 / scale
        let counterfactualChain = 10_000 / scale
        var rows: [[String]] = []
        func measure(_ label: String, _ body: () throws -> String) rethrows {
            PeakMemory.reset()
            var note = ""
            let seconds = try Stopwatch.time { note = try body() }
            rows.append([label, String(format: "%.3f", seconds), PeakMemory.megabytes().map { String(format: "%.0f", $0) } ?? "?", note])
        }
        let chain = try ModelFileParser().parse(Self.chainText(chainLength))
        try measure("adjustment sets, chain of \(chainLength)") {
            let sets = try chain.graph.minimalBackDoorSets(treatment: 0, outcome: chainLength - 1)
            return "\(sets.count) set(s)"
        }
        try measure("front-door set, chain of \(chainLength)") {
            let set = try chain.graph.frontDoorSet(treatment: 0, outcome: chainLength - 1)
            return "\(set?.count ?? 0) node(s)"
        }
        try measure("d-separation, chain of \(chainLength)") {
            let separated = try chain.graph.isDSeparated(["v0"], ["v\(chainLength - 1)"], given: ["v\(chainLength / 2)"])
            return separated ? "separated" : "connected"
        }
        let star = try ModelFileParser().parse(Self.starText(leaves))
        try measure("adjustment sets, star of \(leaves)") {
            let sets = try star.graph.minimalBackDoorSets(treatment: 0, outcome: leaves + 1)
            return "\(sets.count) set(s)"
        }
        try measure("d-separation, star of \(leaves)") {
            let separated = try star.graph.isDSeparated(["c0"], ["c1"], given: ["t"])
            return separated ? "separated" : "connected"
        }
        let sum = try ModelFileParser().parse(Self.sumText(terms))
        try measure("sample 10⁴ rows, \(terms)-term sum") {
            _ = try sum.sample(rows: 10_000, seed: 1)
            return ""
        }
        let gaussian = try ModelFileParser().parse(Self.chainText(counterfactualChain))
        try measure("counterfactual, chain of \(counterfactualChain)") {
            let last = "v\(counterfactualChain - 1)"
            let estimate = try gaussian.counterfactualExpectation(
                of: last, given: Evidence(["v0": 1, last: 3]), doing: [.set("v\(counterfactualChain / 2)", to: 0)])
            return "\(estimate.methodDescription)"
        }
        printTable(["case", "seconds", "peak MB", "answer"], rows)
    }

    /// v0 → v1 → … → v(n−1), each with standard Normal noise.
    static func chainText(_ n: Int) -> String {
        (["v0 = Normal(0, 1)"] + (1..<n).map { "v\($0) = v\($0 - 1) + Normal(0, 1)" }).joined(separator: "\n")
    }

    /// t → c_i for every leaf, and t and every hundredth leaf → y.
    static func starText(_ leaves: Int) -> String {
        let children = (0..<leaves).map { "c\($0) = t + Normal(0, 1)" }
        let parents = stride(from: 0, to: leaves, by: 100).map { "c\($0)" }.joined(separator: " + ")
        return (["t = Normal(0, 1)"] + children + ["y = t + \(parents) + Normal(0, 1)"]).joined(separator: "\n")
    }

    /// e, and x = e + e + … (n terms) + noise.
    static func sumText(_ n: Int) -> String {
        "e = Normal(0, 1)\nx = " + Array(repeating: "e", count: n).joined(separator: " + ") + " + Normal(0, 1)"
    }
}

/// The process's peak resident memory, with a reset (Linux only).
enum PeakMemory {
    /// Resets the high-water mark of resident memory to the current size.
    static func reset() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    /// VmHWM in megabytes (10⁶ bytes), or nil where /proc is not there.
    static func megabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            if let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) { return kib * 1024 / 1e6 }
        }
        return nil
    }
}
