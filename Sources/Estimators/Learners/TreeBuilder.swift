import Probability

/// The mutable state of boosting: current scores, gradients, Hessians and the row
/// order that tree building partitions in place.
final class TreeBuilder {
    let settings: BoostedTrees
    let binned: BinnedFeatures
    let target: [Double]
    let loss: TreeEnsemble.Loss
    var score: [Double]
    var gradient: [Double]
    var hessian: [Double]
    var positions: [Int]
    /// Scratch space for the stable partition of `positions`.
    var scratch: [Int]
    var histogramG: [Double]
    var histogramH: [Double]
    var histogramCount: [Int]

    init(settings: BoostedTrees, binned: BinnedFeatures, target: [Double], base: Double, loss: TreeEnsemble.Loss) {
        self.settings = settings
        self.binned = binned
        self.target = target
        self.loss = loss
        score = [Double](repeating: base, count: target.count)
        gradient = [Double](repeating: 0, count: target.count)
        hessian = [Double](repeating: 1, count: target.count)
        positions = Array(0..<target.count)
        scratch = positions
        histogramG = [Double](repeating: 0, count: settings.bins)
        histogramH = [Double](repeating: 0, count: settings.bins)
        histogramCount = [Int](repeating: 0, count: settings.bins)
    }

    /// Gradients and Hessians at the current scores; the rows back in their order.
    func prepareRound() {
        for i in positions.indices { positions[i] = i }
        switch loss {
        case .squared:
            for i in target.indices { gradient[i] = target[i] - score[i] }
        case .logistic:
            for i in target.indices {
                let p = Logistic.value(score[i])
                gradient[i] = target[i] - p
                hessian[i] = p * (1 - p)
            }
        }
    }

    /// Σ gᵢ and Σ hᵢ over all rows.
    func sums() -> (Double, Double) { (gradient.reduce(0, +), hessian.reduce(0, +)) }

    /// Grows the subtree over positions[start..<end], whose gradients and Hessians sum
    /// to G and H; returns its root node.
    func build(into ensemble: inout TreeEnsemble, start: Int, end: Int, depth: Int,
               gradientSum g: Double, hessianSum h: Double) -> Int {
        let lambda = settings.l2Regularisation
        let count = end - start
        let minimum = settings.minimumLeafSize
        var best = (gain: 0.0, feature: -1, bin: -1, leftG: 0.0, leftH: 0.0)
        positions.withUnsafeBufferPointer { positions in
            gradient.withUnsafeBufferPointer { gradient in
                hessian.withUnsafeBufferPointer { hessian in
                    guard depth < settings.maximumDepth && count >= 2 * minimum else { return }
                    let parent = g * g / (h + lambda)
                    histogramG.withUnsafeMutableBufferPointer { sumG in
                        histogramH.withUnsafeMutableBufferPointer { sumH in
                            histogramCount.withUnsafeMutableBufferPointer { counts in
                                for j in binned.bins.indices where !binned.edges[j].isEmpty {
                                    let bins = binned.edges[j].count + 1
                                    for b in 0..<bins {
                                        sumG[b] = 0
                                        sumH[b] = 0
                                        counts[b] = 0
                                    }
                                    binned.bins[j].withUnsafeBufferPointer { column in
                                        if loss == .squared {  // every hᵢ is 1: the count is the Hessian sum
                                            for p in start..<end {
                                                let r = positions[p]
                                                let b = Int(column[r])
                                                sumG[b] += gradient[r]
                                                counts[b] += 1
                                            }
                                            for b in 0..<bins { sumH[b] = Double(counts[b]) }
                                        } else {
                                            for p in start..<end {
                                                let r = positions[p]
                                                let b = Int(column[r])
                                                sumG[b] += gradient[r]
                                                sumH[b] += hessian[r]
                                                counts[b] += 1
                                            }
                                        }
                                    }
                                    var gl = 0.0, hl = 0.0, cl = 0
                                    for b in 0..<(bins - 1) {
                                        gl += sumG[b]
                                        hl += sumH[b]
                                        cl += counts[b]
                                        guard cl >= minimum else { continue }
                                        guard count - cl >= minimum else { break }
                                        let gain = gl * gl / (hl + lambda) + (g - gl) * (g - gl) / (h - hl + lambda) - parent
                                        if gain > best.gain * (1 + 1e-12) + 1e-12 { best = (gain, j, b, gl, hl) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard best.feature >= 0 else {
            let leaf = settings.learningRate * g / (h + lambda)
            positions.withUnsafeBufferPointer { positions in
                score.withUnsafeMutableBufferPointer { score in
                    for p in start..<end { score[positions[p]] += leaf }
                }
            }
            return ensemble.appendNode(feature: -1, threshold: 0, value: leaf)
        }
        // Stable partition of positions[start..<end]: rows in bins ≤ best.bin first. Keeping
        // each node's rows in increasing order makes the histogram passes read memory forwards.
        var i = start
        binned.bins[best.feature].withUnsafeBufferPointer { column in
            positions.withUnsafeMutableBufferPointer { positions in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    var right = 0
                    for p in start..<end {
                        let r = positions[p]
                        if Int(column[r]) <= best.bin {
                            positions[i] = r
                            i += 1
                        } else {
                            scratch[right] = r
                            right += 1
                        }
                    }
                    for k in 0..<right { positions[i + k] = scratch[k] }
                }
            }
        }
        let node = ensemble.appendNode(feature: best.feature, threshold: binned.edges[best.feature][best.bin], value: 0)
        let l = build(into: &ensemble, start: start, end: i, depth: depth + 1, gradientSum: best.leftG, hessianSum: best.leftH)
        let r = build(into: &ensemble, start: i, end: end, depth: depth + 1,
                      gradientSum: g - best.leftG, hessianSum: h - best.leftH)
        ensemble.link(node, left: l, right: r)
        return node
    }
}
