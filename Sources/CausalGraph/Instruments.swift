extension DirectedGraph {
    /// The instruments for the total effect of X on Y given W: each observed
    /// variable Z, outside X, Y and W and not a descendant of X, with
    /// - relevance: Z and X d-connected given W in G, and
    /// - exclusion: Z ⊥ Y | W in G_X̲ (every connection between Z and Y that W
    ///   leaves open goes through the arrows out of X).
    ///
    /// With W empty these are Pearl's graphical instruments (Pearl 2009, §7.4.5);
    /// otherwise conditional instruments (Brito & Pearl 2002; van der Zander,
    /// Textor & Liśkiewicz 2015), where W must hold observed non-descendants of X.
    /// In index order. Throws `GraphError.invalidQuery` when W holds X, Y, a
    /// latent variable or a descendant of X, and `.cycle` on a cyclic graph. O(V + E).
    public func instruments(treatment x: Int, outcome y: Int, given w: Set<Int> = []) throws -> [Int] {
        try requireTreatmentAndOutcome(x, y)
        try requireDisjoint([("treatment", [x]), ("outcome", [y]), ("conditioning set", w)])
        let downstreamOfX = descendantMask(ofAndIncluding: [x])
        if let bad = w.sorted().first(where: { isLatent[$0] || downstreamOfX[$0] }) {
            throw GraphError.invalidQuery(isLatent[bad]
                ? "cannot condition on the latent variable '\(names[bad])'"
                : "'\(names[bad])' is a descendant of the treatment '\(names[x])' and cannot be conditioned on")
        }
        var inG = try DSeparation(self)
        var inGWithoutX = try DSeparation(removingEdges(outOf: [x]))
        let relevant = Set(inG.reachable(from: [x], given: w))
        let leaky = Set(inGWithoutX.reachable(from: [y], given: w))
        return relevant.filter { !isLatent[$0] && !downstreamOfX[$0] && $0 != y && !leaky.contains($0) }.sorted()
    }

    /// `instruments` on names, in declaration order.
    public func instruments(treatment: String, outcome: String, given: Set<String> = []) throws -> [String] {
        try instruments(treatment: node(treatment, place: "treatment"), outcome: node(outcome, place: "outcome"),
                        given: indices(of: given, place: "the conditioning set")).map { names[$0] }
    }

    /// The variables that are instruments for the effect of X on Y given some
    /// conditioning set, each with one such set W (empty when Z is an instrument
    /// outright; see `instruments(treatment:outcome:given:)`).
    ///
    /// Exclusion asks W to d-separate Z from Y in G_X̲, so W contains a minimal such
    /// separator S of observed non-descendants of X (van der Zander, Liśkiewicz &
    /// Textor 2019). For each S, by size and then indices, W starts at S and, while Z
    /// is d-separated from X, takes the first further variable that keeps the
    /// exclusion and strictly enlarges the set d-connected to Z (it opens a collider
    /// without closing anything), or, when that opens a way to Y, together with its
    /// usable ancestors in G_X̲. Every set returned is checked. Whether a given Z is
    /// an instrument given some set is NP-hard to decide (van der Zander, Liśkiewicz
    /// & Textor 2015), so the search is not complete: on 3,000 random graphs of 5–9
    /// nodes with latent variables it found 696 of the 706 instruments that need a
    /// conditioning set, every one that needs none, and at least one instrument
    /// wherever one existed (`Tests/CausalGraphTests/InstrumentSearchTests`). In
    /// index order. Throws `GraphError.searchTooLarge` past `limit` separators for
    /// one candidate, `.invalidQuery` when X = Y, `.cycle` on a cyclic graph.
    public func conditionalInstruments(treatment x: Int, outcome y: Int, limit: Int = 10_000) throws
        -> [(instrument: Int, given: [Int])] {
        try requireTreatmentAndOutcome(x, y)
        let downstreamOfX = descendantMask(ofAndIncluding: [x])
        let usable = (0..<nodeCount).filter { $0 != y && !isLatent[$0] && !downstreamOfX[$0] }
        let outright = Set(try instruments(treatment: x, outcome: y))
        var inG = try DSeparation(self)
        var withoutX = try DSeparation(removingEdges(outOf: [x]))
        var found: [(instrument: Int, given: [Int])] = []
        for z in usable {
            if outright.contains(z) {
                found.append((z, []))
                continue
            }
            guard let separators = minimalSeparators(between: z, and: y, withoutArrowsOutOf: x, limit: limit) else {
                throw GraphError.searchTooLarge("more than \(limit) minimal sets separating '\(names[z])' from '\(names[y])'")
            }
            for separator in separators {
                if let w = opening(z, towards: x, from: Set(separator), within: usable, keepingApartFrom: y,
                                   in: &inG, withoutX: &withoutX) {
                    found.append((z, w.sorted()))
                    break
                }
            }
        }
        return found
    }

    /// `conditionalInstruments` on names, each set in declaration order.
    public func conditionalInstruments(treatment: String, outcome: String) throws -> [(instrument: String, given: [String])] {
        try conditionalInstruments(treatment: node(treatment, place: "treatment"), outcome: node(outcome, place: "outcome"))
            .map { (names[$0.instrument], $0.given.map { names[$0] }) }
    }

    /// W ⊇ `start` under which z is d-connected to x in G while d-separated from y in
    /// G_X̲, grown from `start` one variable of `candidates` at a time as described in
    /// `conditionalInstruments`; nil when growing stops first.
    private func opening(_ z: Int, towards x: Int, from start: Set<Int>, within candidates: [Int], keepingApartFrom y: Int,
                         in inG: inout DSeparation, withoutX: inout DSeparation) -> Set<Int>? {
        var w = start
        var reached = Set(inG.reachable(from: [z], given: w))
        while !reached.contains(x) {
            var grown: (w: Set<Int>, reached: Set<Int>)?
            for v in candidates where v != z && !w.contains(v) {
                let widened = w.union([v])
                let next = Set(inG.reachable(from: [z], given: widened))
                guard next.count > reached.count - (reached.contains(v) ? 1 : 0), next.isSuperset(of: reached.subtracting([v])) else {
                    continue
                }
                if withoutX.isSeparated([z], [y], given: widened) {
                    grown = (widened, next)
                    break
                }
                // Opening v also opened a way to y: close it with every usable ancestor
                // (in G_X̲) of z, y and the set, the separator that exists if any does.
                let repaired = widened.union(ancestorsWithoutArrowsOut(of: x, of: widened.union([z, y]))
                    .filter { $0 != z && candidates.contains($0) })
                if withoutX.isSeparated([z], [y], given: repaired), inG.reachable(from: [z], given: repaired).contains(x) {
                    return repaired
                }
            }
            guard let grown else { return nil }
            w = grown.w
            reached = grown.reached
        }
        return w
    }

    /// The ancestors of `nodes` (themselves included) in G_X̲, the graph without the
    /// arrows out of x: reached through parents, never through x.
    private func ancestorsWithoutArrowsOut(of x: Int, of nodes: Set<Int>) -> Set<Int> {
        var seen = nodes
        var stack = Array(nodes)
        while let v = stack.popLast() {
            for p in parents(of: v) where p != x && !seen.contains(p) {
                seen.insert(p)
                stack.append(p)
            }
        }
        return seen
    }
}
