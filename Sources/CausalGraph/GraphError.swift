/// A problem with a graph or a query on it, worded for the person who wrote the model.
public enum GraphError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A name that is not a node of the graph; `place` says where it was used
    /// (for example "edge price → bookings" or "treatment").
    /// `hint` is " (did you mean 'x'?)" for a likely typo, or empty.
    case unknownNode(name: String, place: String, hint: String = "")
    /// Two nodes share a name.
    case duplicateNode(name: String)
    /// An edge from a node to itself.
    case selfLoop(name: String)
    /// The graph has a directed cycle; the names follow the cycle and repeat the
    /// first name at the end (`["a", "b", "c", "a"]`).
    case cycle([String])
    /// A query that cannot be asked as posed: sets that must be disjoint share a
    /// variable (a treatment also in the conditioning set), or a required set is empty.
    case invalidQuery(String)
    /// A query would need more work than its stated limit allows.
    case searchTooLarge(String)

    /// One line naming the problem and where it is.
    public var description: String {
        switch self {
        case let .unknownNode(name, place, hint):
            return "unknown variable '\(name)' in \(place)\(hint)"
        case let .duplicateNode(name):
            return "variable '\(name)' is declared twice"
        case let .selfLoop(name):
            return "variable '\(name)' has an arrow into itself"
        case let .cycle(path):
            return "the graph has a cycle: \(path.joined(separator: " → "))"
        case let .invalidQuery(message), let .searchTooLarge(message):
            return message
        }
    }
}
