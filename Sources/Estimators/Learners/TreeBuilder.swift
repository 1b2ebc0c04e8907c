import Probability

/// The state of boosting: the current scores and each round's gradients, and the growing
/// of one tree a level at a time.
///
/// A round grows one tree level by level: the histograms of every open node of a level (per
/// feature and bin: Σg, Σh and the row count), filled in one pass over the rows, give each
/// node its best split or make it a leaf; the root's pass also computes the round's gᵢ and
/// hᵢ at the current scores. Two facts spare most of the work:
///
/// - A child's histogram of the feature its parent split on is the parent's histogram on
///   the child's side of the split (the same rows, added in the same order), so only the
///   other features are summed over the rows again. With one feature, only the root's
///   histogram is ever summed.
/// - Rows in one `BinCells` cell share their score and their path through every tree, so
///   scores, σ(F), the Hessians of the logistic loss and the routing of rows to nodes are
///   kept per cell.
///
/// Every sum adds its rows in increasing row order.
struct TreeBuilder {
    /// A node of the level being grown.
    private struct OpenNode {
        /// Its index in the ensemble.
        let node: Int
        /// G = Σgᵢ and H = Σhᵢ over its rows (the root's come from the pass over the rows).
        var gradientSum: Double, hessianSum: Double
        /// The number of its rows.
        let rows: Int
        /// The feature its parent split on, the parent's slot and the bins on this side:
        /// the part of its histograms it takes from the parent.
        let inherited: (feature: Int, parentSlot: Int, bins: Range<Int>)?
    }

    /// The best split of a node: rows in bins ≤ `bin` of `feature` go left.
    private struct Split {
        let feature: Int, bin: Int
        let leftGradient: Double, leftHessian: Double
        let leftRows: Int
    }

    private let settings: BoostedTrees
    private let loss: TreeEnsemble.Loss
    /// yᵢ of each training row.
    private let target: [Double]
    /// The number of bins of each feature.
    private let binCounts: [Int]
    /// The features with more than one bin, the only ones that can split.
    private let splittable: [Int]
    /// The cells of the training rows.
    private let cells: BinCells
    /// Fₘ of each cell.
    private var score: [Double]
    /// σ(F) and σ(F)(1 − σ(F)) of each cell in this round (logistic loss only).
    private var probability: [Double], cellHessian: [Double]
    /// gᵢ of each row in this round.
    private var gradient: [Double]
    /// The number of rows in each cell.
    private let rowsInCell: [Int]
    /// The slot of the open node holding each cell at the current level; −1 once its leaf is reached.
    private var slotOfCell: [Int]
    /// Histograms of the current level's nodes and of the next level's.
    private var histograms: NodeHistograms, nextHistograms: NodeHistograms

    /// A builder for `target` (in the order of `binned`'s rows), starting every row at score `base`.
    init(settings: BoostedTrees, binned: BinnedFeatures, target: [Double], base: Double, loss: TreeEnsemble.Loss) {
        self.settings = settings
        self.loss = loss
        self.target = target
        let binCounts = binned.binCounts
        self.binCounts = binCounts
        splittable = binCounts.indices.filter { binCounts[$0] > 1 }
        cells = BinCells(rows: target.count, bins: binned.bins, binCounts: binCounts)
        var rowsInCell = [Int](repeating: 0, count: cells.count)
        for c in cells.cellOfRow { rowsInCell[c] += 1 }
        self.rowsInCell = rowsInCell
        score = [Double](repeating: base, count: cells.count)
        probability = loss == .logistic ? [Double](repeating: 0, count: cells.count) : []
        cellHessian = probability
        gradient = [Double](repeating: 0, count: target.count)
        slotOfCell = [Int](repeating: 0, count: cells.count)
        histograms = NodeHistograms(features: binCounts.count, stride: binCounts.max() ?? 1, keepsHessian: loss == .logistic)
        nextHistograms = histograms
    }

    /// Fits one tree to the gradients at the current scores, appends it to `ensemble` and
    /// moves every cell's score by its leaf value; returns the tree's root.
    mutating func growTree(into ensemble: inout TreeEnsemble) -> Int {
        let root = ensemble.appendNodes(1)
        for c in slotOfCell.indices { slotOfCell[c] = 0 }
        var depth = 0
        var level = [OpenNode(node: root, gradientSum: 0, hessianSum: 0, rows: target.count, inherited: nil)]
        (level[0].gradientSum, level[0].hessianSum) = fillHistograms(level, depth: depth)
        while true {
            var children: [OpenNode] = []
            // Per slot: the feature and bin it splits on and its first child's slot, or −1 and its leaf value.
            var splitFeature = [Int](repeating: -1, count: level.count), splitBin = splitFeature, firstSlot = splitFeature
            var leafValue = [Double](repeating: 0, count: level.count)
            for (slot, open) in level.enumerated() {
                guard let split = bestSplit(open, slot: slot, depth: depth) else {
                    leafValue[slot] = settings.learningRate * open.gradientSum / (open.hessianSum + settings.l2Regularisation)
                    ensemble.setLeaf(open.node, value: leafValue[slot])
                    continue
                }
                let first = ensemble.appendNodes(2)
                ensemble.setSplit(open.node, feature: split.feature, bin: split.bin, firstChild: first)
                (splitFeature[slot], splitBin[slot], firstSlot[slot]) = (split.feature, split.bin, children.count)
                children.append(OpenNode(node: first, gradientSum: split.leftGradient, hessianSum: split.leftHessian,
                                         rows: split.leftRows, inherited: (split.feature, slot, 0..<(split.bin + 1))))
                children.append(OpenNode(node: first + 1, gradientSum: open.gradientSum - split.leftGradient,
                                         hessianSum: open.hessianSum - split.leftHessian, rows: open.rows - split.leftRows,
                                         inherited: (split.feature, slot, (split.bin + 1)..<binCounts[split.feature])))
            }
            route(splitFeature: splitFeature, splitBin: splitBin, firstSlot: firstSlot, leafValue: leafValue)
            guard !children.isEmpty else { return root }
            depth += 1
            fillHistograms(children, depth: depth)
            level = children
        }
    }

    /// Whether a node at `depth` may split: it is above the maximum depth and holds rows for two leaves.
    private func maySplit(_ open: OpenNode, depth: Int) -> Bool {
        depth < settings.maximumDepth && open.rows >= 2 * settings.minimumLeafSize
    }

    /// Makes the histograms of the level's nodes that may split: the part inherited from the
    /// parents, then, in one pass over the rows, the features each node does not inherit (at
    /// the root, every feature). Each row adds to one entry per feature its node sums, so the
    /// chains of additions to different entries overlap. At the root the pass first computes
    /// the round's gᵢ and hᵢ at the current scores (squared loss: gᵢ = yᵢ − Fᵢ, hᵢ = 1;
    /// logistic: pᵢ = σ(Fᵢ), gᵢ = yᵢ − pᵢ, hᵢ = pᵢ(1 − pᵢ)) and returns G = Σgᵢ and H = Σhᵢ.
    @discardableResult
    private mutating func fillHistograms(_ level: [OpenNode], depth: Int) -> (gradientSum: Double, hessianSum: Double) {
        let root = depth == 0
        if root && loss == .logistic {
            for c in 0..<cells.count {
                let p = Logistic.value(score[c])
                probability[c] = p
                cellHessian[c] = p * (1 - p)
            }
        }
        let wanted = level.map { maySplit($0, depth: depth) }
        guard root || wanted.contains(true) else { return (0, 0) }
        swap(&histograms, &nextHistograms)
        histograms.reset(slots: level.count)
        for (slot, open) in level.enumerated() where wanted[slot] {
            guard let inherited = open.inherited else { continue }
            histograms.copy(feature: inherited.feature, bins: inherited.bins, from: nextHistograms,
                            slot: inherited.parentSlot, to: slot)
        }
        let summed = level.indices.map { s in wanted[s] ? splittable.filter { $0 != level[s].inherited?.feature } : [] }
        let perRow = summed.map(\.count).max() ?? 0
        guard root || perRow > 0 else { return (0, 0) }
        return addRows(entries: entries(summed: summed, perRow: perRow), perRow: perRow, computingGradients: root)
    }

    /// The histogram entries of each cell, `perRow` of them: entry k of cell c (at k + c·perRow)
    /// is the entry of its bin of the k-th feature its node sums, or −1 when the node sums
    /// fewer features, the cell has reached a leaf, or the bin is the last. Adds the cells' row
    /// counts to the entries.
    private mutating func entries(summed: [[Int]], perRow: Int) -> [Int] {
        let cellCount = cells.count
        var entries = [Int](repeating: -1, count: cellCount * perRow)
        for k in 0..<perRow {
            let features = summed.map { k < $0.count ? $0[k] : -1 }
            let offsets = features.indices.map { features[$0] >= 0 ? histograms.offset(slot: $0, feature: features[$0]) : -1 }
            let lastBins = features.map { $0 >= 0 ? binCounts[$0] - 1 : 0 }
            entries.withUnsafeMutableBufferPointer { entries in
                slotOfCell.withUnsafeBufferPointer { slotOfCell in
                    cells.bins.withUnsafeBufferPointer { bins in
                        rowsInCell.withUnsafeBufferPointer { rowsInCell in
                            histograms.count.withUnsafeMutableBufferPointer { counts in
                                for c in 0..<cellCount {
                                    let s = slotOfCell[c]
                                    guard s >= 0 && features[s] >= 0 else { continue }
                                    let b = Int(bins[features[s] * cellCount + c])
                                    guard b < lastBins[s] else { continue }
                                    let entry = offsets[s] + b
                                    entries[c * perRow + k] = entry
                                    counts[entry] += rowsInCell[c]
                                }
                            }
                        }
                    }
                }
            }
        }
        return entries
    }

    /// Adds every row's gᵢ (and hᵢ), rows in order, to the `perRow` entries of its cell (a
    /// scratch entry for −1). With `computingGradients`, first sets gᵢ at the current scores
    /// and returns G = Σgᵢ and H = Σhᵢ.
    private mutating func addRows(entries: [Int], perRow: Int, computingGradients: Bool) -> (gradientSum: Double, hessianSum: Double) {
        // Constant arguments to the inlined loop let the compiler drop the branches that do not
        // apply (one entry per row is the common case: a single covariate, or two).
        switch (computingGradients, loss == .logistic, perRow == 1) {
        case (true, true, true): return addRows(entries, perRow: 1, computingGradients: true, logistic: true)
        case (true, true, false): return addRows(entries, perRow: perRow, computingGradients: true, logistic: true)
        case (true, false, true): return addRows(entries, perRow: 1, computingGradients: true, logistic: false)
        case (true, false, false): return addRows(entries, perRow: perRow, computingGradients: true, logistic: false)
        case (false, true, true): return addRows(entries, perRow: 1, computingGradients: false, logistic: true)
        case (false, true, false): return addRows(entries, perRow: perRow, computingGradients: false, logistic: true)
        case (false, false, true): return addRows(entries, perRow: 1, computingGradients: false, logistic: false)
        case (false, false, false): return addRows(entries, perRow: perRow, computingGradients: false, logistic: false)
        }
    }

    @inline(__always)
    private mutating func addRows(_ entries: [Int], perRow: Int, computingGradients: Bool,
                                  logistic: Bool) -> (gradientSum: Double, hessianSum: Double) {
        let sink = histograms.sink, sinkMask = NodeHistograms.sinkCount - 1
        let fitted = logistic ? probability : score
        var g = 0.0, h = 0.0
        target.withUnsafeBufferPointer { y in
            cells.cellOfRow.withUnsafeBufferPointer { cellOfRow in
                fitted.withUnsafeBufferPointer { fitted in
                    cellHessian.withUnsafeBufferPointer { cellHessian in
                        entries.withUnsafeBufferPointer { entries in
                            gradient.withUnsafeMutableBufferPointer { gradient in
                                histograms.gradient.withUnsafeMutableBufferPointer { sumG in
                                    histograms.hessian.withUnsafeMutableBufferPointer { sumH in
                                        for i in 0..<y.count {
                                            let c = cellOfRow[i]
                                            let gi: Double
                                            if computingGradients {
                                                gi = y[i] - fitted[c]
                                                gradient[i] = gi
                                                g += gi
                                                if logistic { h += cellHessian[c] }
                                            } else {
                                                gi = gradient[i]
                                            }
                                            let first = c &* perRow
                                            for k in 0..<perRow {
                                                let entry = entries[first &+ k]
                                                let e = entry >= 0 ? entry : sink &+ (i & sinkMask)
                                                sumG[e] += gi
                                                if logistic { sumH[e] += cellHessian[c] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (g, logistic ? h : Double(target.count))
    }

    /// The split maximising G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ) over features (in
    /// order) and bins, each side keeping at least the minimum leaf size; nil when no split
    /// has positive gain or the node may not split. A later candidate must beat the best by
    /// a relative 10⁻¹² (plus 10⁻¹²), so near-ties go to the first.
    private func bestSplit(_ open: OpenNode, slot: Int, depth: Int) -> Split? {
        guard maySplit(open, depth: depth) else { return nil }
        let lambda = settings.l2Regularisation, minimum = settings.minimumLeafSize
        let g = open.gradientSum, h = open.hessianSum
        let parent = g * g / (h + lambda)
        var best: Split?
        var bestGain = 0.0
        for j in splittable {
            let offset = histograms.offset(slot: slot, feature: j)
            var gl = 0.0, hl = 0.0, cl = 0
            for b in 0..<(binCounts[j] - 1) {
                gl += histograms.gradient[offset + b]
                hl += histograms.hessianSum(offset + b)
                cl += histograms.count[offset + b]
                guard cl >= minimum else { continue }
                guard open.rows - cl >= minimum else { break }
                let gain = gl * gl / (hl + lambda) + (g - gl) * (g - gl) / (h - hl + lambda) - parent
                if gain > bestGain * (1 + 1e-12) + 1e-12 {
                    bestGain = gain
                    best = Split(feature: j, bin: b, leftGradient: gl, leftHessian: hl, leftRows: cl)
                }
            }
        }
        return best
    }

    /// Moves every cell one level down: a cell at a leaf adds the leaf's value to its score
    /// and leaves the tree; a cell at a split goes to the child on its side.
    private mutating func route(splitFeature: [Int], splitBin: [Int], firstSlot: [Int], leafValue: [Double]) {
        let cellCount = cells.count
        cells.bins.withUnsafeBufferPointer { bins in
            slotOfCell.withUnsafeMutableBufferPointer { slotOfCell in
                score.withUnsafeMutableBufferPointer { score in
                    for c in 0..<cellCount {
                        let s = slotOfCell[c]
                        guard s >= 0 else { continue }
                        let j = splitFeature[s]
                        if j < 0 {
                            score[c] += leafValue[s]
                            slotOfCell[c] = -1
                        } else {
                            slotOfCell[c] = firstSlot[s] + (Int(bins[j * cellCount + c]) > splitBin[s] ? 1 : 0)
                        }
                    }
                }
            }
        }
    }
}
