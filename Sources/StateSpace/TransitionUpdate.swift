import GSL

extension SimulationSmoother {
    /// Replaces T of one regime by a matrix of the same block layout (the same kinds and
    /// sizes of blocks in the same order), as a Gibbs sampler does when it draws the
    /// parameters inside T — an autoregression's coefficients, a damped slope's φ.
    /// Costs O(number of dense entries); nothing is allocated.
    /// Throws `StateSpaceError.shape` when the layout differs.
    public func setTransition(_ transition: TransitionMatrix, regime: Int) throws {
        try workspace.setTransition(transition, regime: regime)
    }
}

extension KalmanWorkspace {
    func setTransition(_ transition: TransitionMatrix, regime k: Int) throws {
        guard k >= 0, k < regimeCount else { throw StateSpaceError.shape("regime \(k) does not exist") }
        let table = transitions
        let first = table.firstBlock[k], count = table.firstBlock[k + 1] - first
        guard transition.blocks.count == count else {
            throw StateSpaceError.shape("T has \(transition.blocks.count) blocks, regime \(k) has \(count)")
        }
        for (offset, block) in transition.blocks.enumerated() {
            let b = first + offset
            guard block.size == table.sizes[b], table.kind(of: block) == table.kinds[b] else {
                throw StateSpaceError.shape("block \(offset + 1) of T differs in kind or size from regime \(k)'s")
            }
        }
        for (offset, block) in transition.blocks.enumerated() {
            guard case .dense(let values) = block else { continue }
            let destination = table.denseValues + table.denseOffsets[first + offset]
            for (i, v) in values.elements.enumerated() { destination[i] = v }
        }
        replaceTransition(transition, regime: k)
    }
}

extension TransitionTable {
    /// The kind code of a block.
    func kind(of block: TransitionMatrix.Block) -> UInt8 {
        switch block {
        case .identity: return Kind.identity.rawValue
        case .dummySeasonal: return Kind.dummySeasonal.rawValue
        case .dense: return Kind.dense.rawValue
        }
    }
}
