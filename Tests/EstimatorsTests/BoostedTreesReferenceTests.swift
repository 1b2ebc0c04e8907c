import Foundation
import Probability
import Testing
@testable import Estimators

/// The boosted trees against a plain implementation of the same method written here:
/// edges from sorting the rows' values, every tree grown depth first with each node's
/// histograms summed over the node's own rows, predictions by walking every tree. The
/// learner's builder (cells, inherited histograms, one pass per level) promises to add
/// every sum in the same order, so the two must agree to the last bit.
@Suite struct BoostedTreesReferenceTests {
    /// A direct implementation of gradient boosting with histogram splits (see `TreeEnsemble`).
    private struct PlainBoosting {
        private indirect enum Tree {
            case leaf(Double)
            case split(feature: Int, threshold: Double, left: Tree, right: Tree)
        }

        let settings: BoostedTrees
        let logistic: Bool
        private var base = 0.0
        private var trees: [Tree] = []

        init(settings: BoostedTrees, columns: [[Double]], target: [Double], rows: [Int], logistic: Bool) {
            self.settings = settings
            self.logistic = logistic
            let y = rows.map { target[$0] }
            let mean = y.reduce(0, +) / Double(y.count)
            base = logistic ? Logistic.logit(min(max(mean, 1e-6), 1 - 1e-6)) : mean
            let values = columns.map { column in rows.map { column[$0] } }
            let edges = values.map { PlainBoosting.edges($0, bins: settings.bins) }
            let bins = zip(values, edges).map { v, e in v.map { x in e.filter { $0 < x }.count } }
            var score = [Double](repeating: base, count: y.count)
            for _ in 0..<settings.trees {
                let p = score.map { logistic ? Logistic.value($0) : $0 }
                let g = y.indices.map { y[$0] - p[$0] }
                let h = p.map { logistic ? $0 * (1 - $0) : 1 }
                trees.append(grow(Array(y.indices), depth: 0, sums: (g.reduce(0, +), h.reduce(0, +)), g: g, h: h,
                                  bins: bins, edges: edges, score: &score))
            }
        }

        /// The distinct order statistics ⌊k·m/K⌋ (from 0) of the sorted values below the largest.
        private static func edges(_ values: [Double], bins count: Int) -> [Double] {
            let sorted = values.sorted()
            var edges: [Double] = []
            for k in 1..<count {
                let candidate = sorted[k * sorted.count / count]
                if candidate < sorted[sorted.count - 1] && (edges.last.map { candidate > $0 } ?? true) { edges.append(candidate) }
            }
            return edges
        }

        /// The subtree over `rows` (in increasing order), whose G = Σgᵢ and H = Σhᵢ are `sums`.
        private func grow(_ rows: [Int], depth: Int, sums: (Double, Double), g: [Double], h: [Double], bins: [[Int]],
                          edges: [[Double]], score: inout [Double]) -> Tree {
            let lambda = settings.l2Regularisation, minimum = settings.minimumLeafSize
            let (sumG, sumH) = sums
            var best: (gain: Double, feature: Int, bin: Int, left: (Double, Double)) = (0, -1, -1, (0, 0))
            if depth < settings.maximumDepth && rows.count >= 2 * minimum {
                for j in edges.indices where !edges[j].isEmpty {
                    var histogramG = [Double](repeating: 0, count: edges[j].count + 1), histogramH = histogramG
                    var counts = [Int](repeating: 0, count: edges[j].count + 1)
                    for r in rows {
                        histogramG[bins[j][r]] += g[r]
                        histogramH[bins[j][r]] += h[r]
                        counts[bins[j][r]] += 1
                    }
                    var gl = 0.0, hl = 0.0, cl = 0
                    for b in 0..<edges[j].count {
                        gl += histogramG[b]
                        hl += histogramH[b]
                        cl += counts[b]
                        guard cl >= minimum else { continue }
                        guard rows.count - cl >= minimum else { break }
                        let gain = gl * gl / (hl + lambda) + (sumG - gl) * (sumG - gl) / (sumH - hl + lambda)
                            - sumG * sumG / (sumH + lambda)
                        if gain > best.gain * (1 + 1e-12) + 1e-12 { best = (gain, j, b, (gl, hl)) }
                    }
                }
            }
            guard best.feature >= 0 else {
                let value = settings.learningRate * sumG / (sumH + lambda)
                for r in rows { score[r] += value }
                return .leaf(value)
            }
            let left = rows.filter { bins[best.feature][$0] <= best.bin }, right = rows.filter { bins[best.feature][$0] > best.bin }
            return .split(feature: best.feature, threshold: edges[best.feature][best.bin],
                          left: grow(left, depth: depth + 1, sums: best.left, g: g, h: h, bins: bins, edges: edges, score: &score),
                          right: grow(right, depth: depth + 1, sums: (sumG - best.left.0, sumH - best.left.1), g: g, h: h,
                                      bins: bins, edges: edges, score: &score))
        }

        /// F(x) for `rows`: F₀ plus every tree's leaf, in tree order.
        func predict(_ columns: [[Double]], rows: [Int]) -> [Double] {
            rows.map { i in
                var s = base
                for tree in trees {
                    var node = tree
                    while case let .split(feature, threshold, left, right) = node {
                        node = columns[feature][i] <= threshold ? left : right
                    }
                    if case let .leaf(value) = node { s += value }
                }
                return s
            }
        }
    }

    /// Covariates with ties, a mass point, a 0/1 column and a constant, a continuous and a 0/1
    /// outcome, and a resample of the rows with repeats.
    private func data(rows n: Int, seed: UInt64) -> (columns: [[Double]], y: [Double], t: [Double], resample: [Int]) {
        let rng = RandomStream(seed: seed)
        let a = (0..<n).map { _ in rng.normal() }
        let b = (0..<n).map { _ in Double(rng.uniformInt(below: 4)) }
        let c = (0..<n).map { _ in rng.uniform() < 0.3 ? 0.5 : rng.normal() }
        let d = (0..<n).map { _ in rng.uniform() < 0.5 ? 1.0 : 0.0 }
        let constant = [Double](repeating: 2, count: n)
        let y = (0..<n).map { i in sin(2 * a[i]) + 0.5 * b[i] + c[i] * a[i] + d[i] + rng.normal() }
        let t = (0..<n).map { i in rng.uniform() < 1 / (1 + exp(-a[i] + 0.3 * b[i] - 0.5)) ? 1.0 : 0.0 }
        return ([a, b, c, d, constant], y, t, (0..<n).map { _ in rng.uniformInt(below: n) })
    }

    @Test(arguments: [
        BoostedTrees(trees: 15),
        BoostedTrees(trees: 10, maximumDepth: 1),
        BoostedTrees(trees: 8, learningRate: 0.3, maximumDepth: 5, minimumLeafSize: 1, bins: 7, l2Regularisation: 0),
        BoostedTrees(trees: 8, minimumLeafSize: 60, bins: 256),
        BoostedTrees(trees: 8, bins: 2),
    ])
    func matchesAPlainImplementation(settings: BoostedTrees) throws {
        let (columns, y, t, resample) = data(rows: 400, seed: 3)
        let everyRow = Array(y.indices)
        // All five columns (every row its own cell), the one continuous covariate (one cell per
        // bin), the continuous and the 0/1 covariates (cells of bin pairs).
        for features in [[0, 1, 2, 3, 4], [0], [0, 3]] {
            let x = Features(names: features.map { "x\($0)" }, columns: features.map { columns[$0] })
            for (rows, prepared) in [(everyRow, x), (resample, x.sortingColumns()), (Array(everyRow.prefix(150)), x)] {
                for (target, logistic) in [(y, false), (t, true)] {
                    let fit = logistic
                        ? try Learner.boostedTrees(settings).fitProbability(prepared, target, rows: rows, responseName: "t", model: "test")
                        : try Learner.boostedTrees(settings).fitRegression(prepared, target, rows: rows, model: "test")
                    let plain = PlainBoosting(settings: settings, columns: x.columns, target: target, rows: rows, logistic: logistic)
                    let scores = plain.predict(x.columns, rows: everyRow)
                    let expected = logistic ? scores.map(Logistic.value) : scores
                    let predicted = fit.predict(prepared, rows: everyRow)
                    let differing = everyRow.filter { predicted[$0] != expected[$0] }
                    #expect(differing.isEmpty, "features \(features), \(rows.count) rows, logistic \(logistic): \(differing.count) predictions differ, first at row \(differing.first ?? -1)")
                }
            }
        }
    }
}
