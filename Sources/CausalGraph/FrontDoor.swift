extension DirectedGraph {
    /// Whether Z satisfies Pearl's front-door criterion for the effect of X on Y
    /// (Pearl 2009, Definition 3.3.3):
    /// (i) Z intercepts every directed path from X to Y;
    /// (ii) no back-door path from X to Z is open: X ⊥ Z in G_X̲;
    /// (iii) X blocks every back-door path from Z to Y: Z ⊥ Y | X in G_Z̲.
    /// Then P(y | do(x)) = Σ_z P(z | x) Σ_x′ P(y | x′, z) P(x′) (Theorem 3.3.4).
    ///
    /// A set with a latent variable never qualifies. Throws
    /// `GraphError.invalidQuery` when Z contains X or Y or X = Y, and `.cycle`
    /// on a cyclic graph. O(V + E).
    public func satisfiesFrontDoor(treatment x: Int, outcome y: Int, mediators z: Set<Int>) throws -> Bool {
        try requireTreatmentAndOutcome(x, y)
        try requireDisjoint([("treatment", [x]), ("outcome", [y]), ("front-door set", z)])
        if z.contains(where: { isLatent[$0] }) { return false }
        guard interceptsDirectedPaths(from: x, to: y, z),
              try frontDoorCandidates(treatment: x, outcome: y).isSuperset(of: z) else { return false }
        var oracle = try DSeparation(removingEdges(outOf: z))
        return oracle.reachable(from: [y], given: [x]).allSatisfy { !z.contains($0) }
    }

    /// `satisfiesFrontDoor` on names.
    public func satisfiesFrontDoor(treatment: String, outcome: String, mediators: Set<String>) throws -> Bool {
        try satisfiesFrontDoor(treatment: node(treatment, place: "treatment"), outcome: node(outcome, place: "outcome"),
                               mediators: indices(of: mediators, place: "the front-door set"))
    }

    /// A front-door set for the effect of X on Y, or nil when none exists; in index order.
    ///
    /// Conditions (ii) and (iii) hold for a union of sets when they hold for
    /// each (a node of Z is never an ancestor of X under (ii), so deleting arrows
    /// out of more of Z only closes paths), so there is a largest set meeting
    /// both: start from the observed nodes satisfying (ii) and repeatedly drop
    /// those left d-connected to Y given X in G_Z̲ (compare Jeong, Tian &
    /// Bareinboim 2022). Condition (i) only gets easier with more nodes, so a
    /// front-door set exists exactly when this largest set meets (i). It is then
    /// cut down to its frontier (the nodes a directed path from X reaches before any
    /// other node of the set) when the frontier meets the criterion, and pruned, in sweeps in reverse index order, of every node whose removal
    /// keeps the criterion, until no single node can be dropped from the answer.
    /// Throws as `satisfiesFrontDoor`. O(V + E) per d-separation test; the pruning makes
    /// O(F²) of them for a frontier of F nodes.
    public func frontDoorSet(treatment x: Int, outcome y: Int) throws -> [Int]? {
        try requireTreatmentAndOutcome(x, y)
        var z = try frontDoorCandidates(treatment: x, outcome: y)
        while true {
            var oracle = try DSeparation(removingEdges(outOf: z))
            let violators = oracle.reachable(from: [y], given: [x]).filter { z.contains($0) }
            if violators.isEmpty { break }
            z.subtract(violators)
        }
        guard interceptsDirectedPaths(from: x, to: y, z) else { return nil }
        // Most of a large set is usually redundant: keep the nodes a directed path from X
        // reaches before any other node of the set (they still intercept every directed
        // path to Y), when that frontier meets the criterion, so that the pruning below
        // starts from a set as small as the graph's width rather than its size.
        let frontier = firstReached(from: x, in: z)
        if frontier.count < z.count, try satisfiesFrontDoor(treatment: x, outcome: y, mediators: frontier) {
            z = frontier
        }
        // The criterion is not monotone (dropping one node can make another droppable
        // or indispensable), so sweep until a whole pass drops nothing.
        var dropped = true
        while dropped {
            dropped = false
            for v in z.sorted(by: >) where try satisfiesFrontDoor(treatment: x, outcome: y, mediators: z.subtracting([v])) {
                z.remove(v)
                dropped = true
            }
        }
        return z.sorted()
    }

    /// `frontDoorSet` on names, in declaration order.
    public func frontDoorSet(treatment: String, outcome: String) throws -> [String]? {
        try frontDoorSet(treatment: node(treatment, place: "treatment"), outcome: node(outcome, place: "outcome"))?
            .map { names[$0] }
    }

    /// The observed nodes other than X and Y with no open back-door path from X
    /// (condition (ii), which holds for a set exactly when it holds for each node).
    private func frontDoorCandidates(treatment x: Int, outcome y: Int) throws -> Set<Int> {
        var oracle = try DSeparation(removingEdges(outOf: [x]))
        let open = Set(oracle.reachable(from: [x], given: [Int]()))
        return Set((0..<nodeCount).filter { $0 != x && $0 != y && !isLatent[$0] && !open.contains($0) })
    }

    /// The nodes of Z that a directed path from X reaches without passing through another node of Z.
    private func firstReached(from x: Int, in z: Set<Int>) -> Set<Int> {
        var seen = [Bool](repeating: false, count: nodeCount)
        seen[x] = true
        var stack = [x], reached: Set<Int> = []
        while let u = stack.popLast() {
            for c in children(of: u) where !seen[c] {
                seen[c] = true
                if z.contains(c) { reached.insert(c) } else { stack.append(c) }
            }
        }
        return reached
    }

    /// Whether every directed path from X to Y passes through Z (condition (i)).
    private func interceptsDirectedPaths(from x: Int, to y: Int, _ z: Set<Int>) -> Bool {
        var seen = [Bool](repeating: false, count: nodeCount)
        for v in z { seen[v] = true }
        seen[x] = true
        var stack = [x]
        while let u = stack.popLast() {
            for c in children(of: u) where !seen[c] {
                if c == y { return false }
                seen[c] = true
                stack.append(c)
            }
        }
        return true
    }
}
