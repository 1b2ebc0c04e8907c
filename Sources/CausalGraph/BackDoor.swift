extension DirectedGraph {
    /// Whether Z satisfies Pearl's back-door criterion for the effect of X on Y
    /// (Pearl 2009, Definition 3.3.1): no node of Z is a descendant of X, and Z
    /// blocks every path between X and Y that begins with an arrow into X —
    /// equivalently X ⊥ Y | Z in G_X̲, the graph without the arrows out of X.
    /// Then P(y | do(x)) = Σ_z P(y | x, z) P(z).
    ///
    /// A set that contains a latent variable never qualifies (it cannot be
    /// measured). Throws `GraphError.invalidQuery` when the treatment and outcome
    /// coincide or Z contains either, and `.cycle` on a cyclic graph. O(V + E).
    public func satisfiesBackDoor(treatment x: Int, outcome y: Int, adjustment z: Set<Int>) throws -> Bool {
        try requireTreatmentAndOutcome(x, y)
        try requireDisjoint([("treatment", [x]), ("outcome", [y]), ("adjustment set", z)])
        if z.contains(where: { isLatent[$0] }) { return false }
        let descendantsOfX = descendantMask(ofAndIncluding: [x])
        if z.contains(where: { descendantsOfX[$0] }) { return false }
        var oracle = try DSeparation(removingEdges(outOf: [x]))
        return oracle.isSeparated([x], [y], given: z)
    }

    /// `satisfiesBackDoor` on names; throws `GraphError.unknownNode` for a name that is not a node.
    public func satisfiesBackDoor(treatment: String, outcome: String, adjustment: Set<String>) throws -> Bool {
        try satisfiesBackDoor(treatment: node(treatment, place: "treatment"), outcome: node(outcome, place: "outcome"),
                              adjustment: indices(of: adjustment, place: "the adjustment set"))
    }

    /// Every minimal back-door adjustment set for the effect of X on Y: each set
    /// Z of observed variables satisfying the back-door criterion such that no
    /// proper subset does. Sets are sorted by index; the list by size, then
    /// lexicographically. An empty list means no observed set works; `[[]]` means
    /// no adjustment is needed.
    ///
    /// The method of van der Zander, Liśkiewicz & Textor (2019, §4): a minimal
    /// separator lies within A = An({X, Y}) in G_X̲, where d-separation by Z ⊆ A
    /// equals vertex separation in the moral graph of G_X̲[A] (Lauritzen et al.
    /// 1990). Variables that may not be used (latent ones and descendants of X)
    /// are eliminated from the moral graph, joining their neighbours, and the
    /// minimal X–Y vertex separators of the result are listed with polynomial
    /// delay (Kloks & Kratsch 1998; Takata 2010 lists the same family with
    /// restrictions). Throws `GraphError.searchTooLarge` past `limit` sets,
    /// `.invalidQuery` when X = Y, `.cycle` on a cyclic graph.
    public func minimalBackDoorSets(treatment x: Int, outcome y: Int, limit: Int = 10_000) throws -> [[Int]] {
        try requireTreatmentAndOutcome(x, y)
        guard let separators = minimalSeparators(between: x, and: y, withoutArrowsOutOf: x, limit: limit) else {
            throw GraphError.searchTooLarge(
                "more than \(limit) minimal adjustment sets for the effect of '\(names[x])' on '\(names[y])'")
        }
        return separators
    }

    /// Every minimal a–b d-separator in G_X̲ (the graph without the arrows out of x)
    /// made of observed variables that are not descendants of x, sorted by size and
    /// then indices; nil past `limit` sets. A minimal separator lies within
    /// A = An({a, b}) in G_X̲, where d-separation by a subset of A is vertex separation
    /// in the moral graph of G_X̲[A]; the variables that may not be used are
    /// eliminated from it (their neighbours joined) before the minimal vertex
    /// separators are listed (van der Zander, Liśkiewicz & Textor 2019, §4).
    func minimalSeparators(between a: Int, and b: Int, withoutArrowsOutOf x: Int, limit: Int) -> [[Int]]? {
        var inA = [Bool](repeating: false, count: nodeCount)
        var stack = [a, b]
        inA[a] = true
        inA[b] = true
        while let v = stack.popLast() {
            for p in parents(of: v) where p != x && !inA[p] {
                inA[p] = true
                stack.append(p)
            }
        }
        let members = self.members(of: inA)
        var local = [Int](repeating: -1, count: nodeCount)
        for (k, v) in members.enumerated() { local[v] = k }

        var moral = UndirectedGraph(count: members.count)
        for v in members {
            let kept = parents(of: v).filter { $0 != x }
            for (i, p) in kept.enumerated() {
                moral.connect(local[v], local[p])
                for q in kept[(i + 1)...] { moral.connect(local[p], local[q]) }
            }
        }
        let descendantsOfX = descendantMask(ofAndIncluding: [x])
        var forbidden = [Bool](repeating: false, count: members.count)
        for v in members where v != a && v != b && (isLatent[v] || descendantsOfX[v]) {
            forbidden[local[v]] = true
        }
        guard let separators = moral.eliminating(forbidden).minimalSeparators(between: local[a], and: local[b], limit: limit) else {
            return nil
        }
        return separators.map { $0.map { members[$0] } }.sorted(by: Self.bySizeThenIndices)
    }

    /// `minimalBackDoorSets` on names; each set lists its variables in declaration order.
    public func minimalBackDoorSets(treatment: String, outcome: String, limit: Int = 10_000) throws -> [[String]] {
        try minimalBackDoorSets(treatment: node(treatment, place: "treatment"), outcome: node(outcome, place: "outcome"),
                                limit: limit).map { $0.map { names[$0] } }
    }

    /// Throws unless the graph is acyclic and the treatment differs from the outcome.
    func requireTreatmentAndOutcome(_ x: Int, _ y: Int) throws {
        try requireAcyclic()
        guard x != y else {
            throw GraphError.invalidQuery("'\(names[x])' cannot be both the treatment and the outcome")
        }
    }

    /// Orders index sets by size, then lexicographically.
    static func bySizeThenIndices(_ a: [Int], _ b: [Int]) -> Bool {
        a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
    }
}
