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
}
