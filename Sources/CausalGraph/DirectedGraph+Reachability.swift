import Reporting

extension DirectedGraph {
    /// The proper ancestors of a set of nodes: every node with a directed path of
    /// one or more arrows into the set. A member of the set is included only when
    /// it is an ancestor of another member. Breadth-first search, O(V + E).
    public func ancestors(of nodes: some Sequence<Int>) -> Set<Int> {
        Set(members(of: reach(from: nodes, offsets: parentOffsets, targets: parentTargets, includingStart: false)))
    }

    /// The proper descendants of a set of nodes: every node reached from the set
    /// by a directed path of one or more arrows. O(V + E).
    public func descendants(of nodes: some Sequence<Int>) -> Set<Int> {
        Set(members(of: reach(from: nodes, offsets: childOffsets, targets: childTargets, includingStart: false)))
    }

    /// The names of the parents of the node called `name`.
    public func parents(of name: String) throws -> Set<String> {
        names(of: parents(of: try node(name, place: "a parents query")))
    }

    /// The names of the children of the node called `name`.
    public func children(of name: String) throws -> Set<String> {
        names(of: children(of: try node(name, place: "a children query")))
    }

    /// The names of the proper ancestors of the named nodes (see `ancestors(of:)` on indices).
    public func ancestors(of names: some Sequence<String>) throws -> Set<String> {
        self.names(of: ancestors(of: try indices(of: names, place: "an ancestors query")))
    }

    /// The names of the proper descendants of the named nodes (see `descendants(of:)` on indices).
    public func descendants(of names: some Sequence<String>) throws -> Set<String> {
        self.names(of: descendants(of: try indices(of: names, place: "a descendants query")))
    }

    /// The index of `name`, or `GraphError.unknownNode` naming `place`.
    func node(_ name: String, place: String) throws -> Int {
        guard let i = indexByName[name] else {
            throw GraphError.unknownNode(name: name, place: place, hint: Suggestion.hint(for: name, among: names))
        }
        return i
    }

    /// Marks every node reached from `start` along `targets` (parents or children);
    /// the start nodes are marked only when `includingStart` or when reached again.
    func reach(from start: some Sequence<Int>, offsets: [Int], targets: [Int], includingStart: Bool) -> [Bool] {
        var marked = [Bool](repeating: false, count: nodeCount)
        var stack: [Int] = []
        for s in start {
            stack.append(s)
            if includingStart { marked[s] = true }
        }
        while let node = stack.popLast() {
            for k in offsets[node]..<offsets[node + 1] where !marked[targets[k]] {
                marked[targets[k]] = true
                stack.append(targets[k])
            }
        }
        return marked
    }

    /// A mask of the ancestors of `nodes`, the nodes themselves included.
    func ancestorMask(ofAndIncluding nodes: some Sequence<Int>) -> [Bool] {
        reach(from: nodes, offsets: parentOffsets, targets: parentTargets, includingStart: true)
    }

    /// A mask of the descendants of `nodes`, the nodes themselves included.
    func descendantMask(ofAndIncluding nodes: some Sequence<Int>) -> [Bool] {
        reach(from: nodes, offsets: childOffsets, targets: childTargets, includingStart: true)
    }

    /// The indices where `mask` is true.
    func members(of mask: [Bool]) -> [Int] {
        mask.indices.filter { mask[$0] }
    }
}
