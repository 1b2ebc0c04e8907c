import Reporting

extension BayesianNetwork {
    /// The network read from BIF text (`BIFParser`); errors name `file`, line and column.
    public init(bif text: String, file: String = "model.bif") throws {
        self = try BIFParser(file: file).parse(text)
    }

    /// The network in BIF, in the bnlearn repository's layout: the `network` block,
    /// one `variable` block per variable, then one `probability` block each, a root's
    /// table as `table p1, p2, …;`, a child's as one `(parent states) p1, p2, …;` row
    /// per configuration (last parent fastest). Probabilities are written in the
    /// shortest form that reads back exactly, so `BayesianNetwork(bif: n.bif) == n`.
    public var bif: String {
        var out = "network \(name) {\n}\n"
        for node in nodes {
            out += "variable \(node.name) {\n"
            out += "    type discrete [ \(node.states.count) ] { \(node.states.joined(separator: ", ")) };\n"
            out += "}\n"
        }
        let statesByName = stateNames
        for node in nodes {
            func numbers(_ row: [Double]) -> String { row.map(\.compactDescription).joined(separator: ", ") }
            if node.parents.isEmpty {
                out += "probability ( \(node.name) ) {\n    table \(numbers(node.table[0]));\n}\n"
                continue
            }
            out += "probability ( \(node.name) | \(node.parents.joined(separator: ", ")) ) {\n"
            let parentStates = node.parents.map { statesByName[$0] ?? [] }
            for (c, row) in node.table.enumerated() {
                var rest = c
                var names = [String](repeating: "", count: parentStates.count)
                for i in parentStates.indices.reversed() {
                    names[i] = parentStates[i][rest % parentStates[i].count]
                    rest /= parentStates[i].count
                }
                out += "    (\(names.joined(separator: ", "))) \(numbers(row));\n"
            }
            out += "}\n"
        }
        return out
    }
}
