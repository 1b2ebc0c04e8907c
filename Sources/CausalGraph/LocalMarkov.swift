/// A statement X ⊥ W | S: the variable is independent of each variable in
/// `independentOf` given the variables in `given`, in every distribution that
/// is Markov to the graph.
public struct ConditionalIndependence: Hashable, Sendable {
    /// The variable on the left.
    public let variable: Int
    /// The variables it is independent of, in index order.
    public let independentOf: [Int]
    /// The conditioning set, in index order.
    public let given: [Int]
}

extension DirectedGraph {
    /// The conditional independencies of the local Markov property (Pearl 2009,
    /// Theorem 1.2.7; Lauritzen 1996, §3.2.2): each variable V is independent of
    /// its non-descendants given its parents, V ⊥ ND(V) ∖ Pa(V) | Pa(V).
    ///
    /// Only testable statements are listed: V and every variable named are
    /// observed, and V is conditioned on its observed parents. When V has latent
    /// parents or a latent variable joins it to a non-descendant, the statement
    /// keeps only the non-descendants that are still d-separated from V given
    /// the observed parents (so it stays implied by the graph); without latent
    /// variables this is exactly the local Markov property. Statements with
    /// nothing on the right are left out. One entry per variable, in index order.
    /// Throws `GraphError.cycle` on a cyclic graph. O(V · (V + E)).
    public func localMarkovIndependencies() throws -> [ConditionalIndependence] {
        var result: [ConditionalIndependence] = []
        try forEachLocalMarkovIndependence { result.append($0) }
        return result
    }

    /// The statements of `localMarkovIndependencies()`, in the same order, handed to
    /// `body` one at a time: the whole list is quadratic in the number of variables
    /// (a chain of n lists n²/2 names), so a caller that writes them out need not hold it.
    public func forEachLocalMarkovIndependence(_ body: (ConditionalIndependence) throws -> Void) throws {
        var oracle = try DSeparation(self)
        for v in 0..<nodeCount where !isLatent[v] {
            let given = parents(of: v).filter { !isLatent[$0] }.sorted()
            let downstream = descendantMask(ofAndIncluding: [v])
            var excluded = downstream
            for p in parents(of: v) { excluded[p] = true }
            for u in oracle.reachable(from: [v], given: given) { excluded[u] = true }
            let independent = (0..<nodeCount).filter { !excluded[$0] && !isLatent[$0] }
            if !independent.isEmpty {
                try body(ConditionalIndependence(variable: v, independentOf: independent, given: given))
            }
        }
    }

    /// The statement written out, as in "bookings ⊥ rain, wind | price, temperature"
    /// (no bar when the conditioning set is empty).
    public func describe(_ statement: ConditionalIndependence) -> String {
        let right = statement.independentOf.map { names[$0] }.joined(separator: ", ")
        let given = statement.given.isEmpty ? "" : " | " + statement.given.map { names[$0] }.joined(separator: ", ")
        return "\(names[statement.variable]) ⊥ \(right)\(given)"
    }
}
