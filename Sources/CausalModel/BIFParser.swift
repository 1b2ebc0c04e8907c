import MachineResources
import CausalGraph

/// Reads a Bayesian network in BIF, the format of the bnlearn repository:
///
///     network NAME { }
///     variable A { type discrete [ 2 ] { yes, no }; }
///     probability ( A ) { table 0.3, 0.7; }
///     probability ( B | A, C ) { (yes, low) 0.1, 0.9; default 0.5, 0.5; }
///
/// A table of a variable with parents is given row by row, `(parent states)` then
/// the child's probabilities, in any order; a `default` row covers the
/// configurations not listed; `table` lists all the probabilities at once, the
/// configurations in order with the last parent varying fastest and the child's
/// states within each (the row form read top to bottom). `property` lines, `//`
/// and `/* */` comments are skipped.
///
/// Every error names the file, line and column: a malformed block, an unknown
/// state or variable, a variable without a table, a row of the wrong length or not
/// summing to 1, a configuration missing or given twice, a cycle.
public struct BIFParser {
    /// The file named in error messages.
    public let file: String

    /// A parser whose errors name `file`.
    public init(file: String = "model.bif") { self.file = file }

    /// The network in `text`.
    public func parse(_ text: String) throws -> BayesianNetwork {
        var reader = Reader(tokens: try tokens(of: text), file: file)
        var name = "unknown"
        var declared: [(name: String, states: [String], place: SourceLocation)] = []
        var tables: [String: (node: BayesianNetwork.Node, place: SourceLocation)] = [:]
        while let token = reader.peek {
            let keyword = try reader.word("'network', 'variable' or 'probability'")
            switch keyword {
            case "network":
                var words: [String] = []
                while reader.peek?.text != "{" { words.append(try reader.word("the network's name")) }
                name = words.joined(separator: " ")
                try reader.expect("{")
                while reader.peek?.text != "}" { try reader.skipProperty() }
                try reader.expect("}")
            case "variable":
                let variable = try reader.word("a variable name")
                try reader.expect("{")
                var states: [String]?
                while reader.peek?.text != "}" {
                    if reader.peek?.text == "type" { states = try readType(&reader) } else { try reader.skipProperty() }
                }
                try reader.expect("}")
                guard let states else { throw ModelError("variable '\(variable)' has no 'type discrete' line", location: token.place) }
                guard !declared.contains(where: { $0.name == variable }) else {
                    throw ModelError("variable '\(variable)' is declared twice", location: token.place)
                }
                declared.append((variable, states, token.place))
            case "probability":
                let node = try readTable(&reader, declared: declared)
                guard tables[node.name] == nil else {
                    throw ModelError("variable '\(node.name)' has a second probability block", location: token.place)
                }
                tables[node.name] = (node, token.place)
            default:
                throw ModelError("expected 'network', 'variable' or 'probability', found '\(keyword)'", location: token.place)
            }
        }
        var nodes: [BayesianNetwork.Node] = []
        for variable in declared {
            guard let table = tables[variable.name] else {
                throw ModelError("variable '\(variable.name)' has no probability block", location: variable.place)
            }
            nodes.append(table.node)
        }
        let network = try BayesianNetwork(name: name, nodes: nodes)
        try checkAcyclic(network, places: tables.mapValues(\.place))
        return network
    }

    /// `type discrete [ K ] { s1, s2, … };` → the state names (K of them).
    private func readType(_ reader: inout Reader) throws -> [String] {
        try reader.expect("type")
        let kind = try reader.token("'discrete'")
        guard kind.text == "discrete" else {
            throw ModelError("only discrete variables are supported, found type '\(kind.text)'", location: kind.place)
        }
        try reader.expect("[")
        let countToken = try reader.token("the number of states")
        guard let count = Int(countToken.text), count > 0 else {
            throw ModelError("expected a positive number of states, found '\(countToken.text)'", location: countToken.place)
        }
        try reader.expect("]")
        try reader.expect("{")
        let states = try reader.list(until: "}", what: "a state name")
        try reader.expect("}")
        try reader.expect(";")
        guard states.count == count else {
            throw ModelError("declares \(count) states but lists \(states.count)", location: countToken.place)
        }
        if let twice = states.first(where: { s in states.filter { $0 == s }.count > 1 }) {
            throw ModelError("lists state '\(twice)' twice", location: countToken.place)
        }
        return states
    }

    /// `( X | P1, P2 ) { rows }` after the keyword `probability`.
    private func readTable(_ reader: inout Reader, declared: [(name: String, states: [String], place: SourceLocation)])
        throws -> BayesianNetwork.Node {
        func states(of name: String, at place: SourceLocation) throws -> [String] {
            guard let found = declared.first(where: { $0.name == name }) else {
                throw ModelError("'\(name)' is not a declared variable (declare it before its table)", location: place)
            }
            return found.states
        }
        try reader.expect("(")
        let childToken = try reader.token("a variable name")
        let childStates = try states(of: childToken.text, at: childToken.place)
        var parents: [String] = [], radices: [Int] = []
        if reader.peek?.text == "|" {
            try reader.expect("|")
            let start = reader.peek?.place ?? childToken.place
            parents = try reader.list(until: ")", what: "a parent name")
            var seen = Set<String>()
            for parent in parents {
                radices.append(try states(of: parent, at: start).count)
                guard parent != childToken.text else {
                    throw ModelError("'\(parent)' is its own parent", location: start)
                }
                guard seen.insert(parent).inserted else {
                    throw ModelError("'\(parent)' is named twice among the parents of '\(childToken.text)'", location: start)
                }
            }
        }
        try reader.expect(")")
        try reader.expect("{")
        var configurations = 1
        for radix in radices {
            let product = configurations.multipliedReportingOverflow(by: radix)
            guard !product.overflow, MemoryBudget.fits(product.partialValue, bytesEach: 8 * max(1, childStates.count)) else {
                throw ModelError("the table of '\(childToken.text)' would have more parent configurations than fit in memory",
                                 location: childToken.place)
            }
            configurations = product.partialValue
        }
        var rows = [[Double]?](repeating: nil, count: configurations)
        var fallback: [Double]?
        /// Checks a row of probabilities read at `place` for `what`.
        func checked(_ row: [Double], _ what: String, _ place: SourceLocation) throws -> [Double] {
            if let problem = BayesianNetwork.problem(with: row, states: childStates.count) {
                throw ModelError("\(what) of '\(childToken.text)': \(problem)", location: place)
            }
            return row
        }
        while reader.peek?.text != "}" {
            guard let head = reader.peek else { break }
            switch head.text {
            case "table":
                try reader.expect("table")
                let values = try reader.numbers()
                guard values.count == configurations * childStates.count else {
                    throw ModelError("the table of '\(childToken.text)' has \(values.count) probabilities, "
                        + "expected \(configurations * childStates.count)", location: head.place)
                }
                for c in 0..<configurations {
                    let row = Array(values[(c * childStates.count)..<((c + 1) * childStates.count)])
                    rows[c] = try checked(row, "table row \(c + 1)", head.place)
                }
            case "default":
                try reader.expect("default")
                fallback = try checked(try reader.numbers(), "the default row", head.place)
            case "(":
                try reader.expect("(")
                let named = try reader.list(until: ")", what: "a parent state")
                try reader.expect(")")
                guard named.count == parents.count else {
                    throw ModelError("row names \(named.count) parent states, '\(childToken.text)' has \(parents.count) parents",
                                     location: head.place)
                }
                var configuration = 0
                for (i, state) in named.enumerated() {
                    let known = try states(of: parents[i], at: head.place)
                    guard let s = known.firstIndex(of: state) else {
                        throw ModelError("'\(parents[i])' has no state '\(state)' (its states: \(known.joined(separator: ", ")))",
                                         location: head.place)
                    }
                    configuration = configuration * radices[i] + s
                }
                guard rows[configuration] == nil else {
                    throw ModelError("row (\(named.joined(separator: ", "))) of '\(childToken.text)' is given twice", location: head.place)
                }
                rows[configuration] = try checked(try reader.numbers(), "row (\(named.joined(separator: ", ")))", head.place)
            default:
                try reader.skipProperty()
            }
        }
        let close = try reader.token("'}'")
        var table: [[Double]] = []
        for (c, row) in rows.enumerated() {
            guard let filled = row ?? fallback else {
                var rest = c
                var names = [String](repeating: "", count: parents.count)
                for i in parents.indices.reversed() {
                    names[i] = (try? states(of: parents[i], at: close.place))?[rest % radices[i]] ?? "?"
                    rest /= radices[i]
                }
                throw ModelError("the table of '\(childToken.text)' has no row for (\(names.joined(separator: ", "))) and no default",
                                 location: close.place)
            }
            table.append(filled)
        }
        return BayesianNetwork.Node(name: childToken.text, states: childStates, parents: parents, table: table)
    }

    /// Throws an error at the probability block of a variable on a cycle, if there is one.
    private func checkAcyclic(_ network: BayesianNetwork, places: [String: SourceLocation]) throws {
        let edges = network.nodes.flatMap { node in node.parents.map { (from: $0, to: node.name) } }
        let graph = try DirectedGraph(nodes: network.nodes.map(\.name), edges: edges)
        do {
            _ = try graph.topologicalOrder()
        } catch GraphError.cycle(let path) {
            throw ModelError("the parents form a cycle: \(path.joined(separator: " → "))",
                             location: path.first.flatMap { places[$0] })
        }
    }

    // MARK: Tokens

    /// A word or one of the symbols `{ } ( ) [ ] | , ;`, with where it starts.
    struct Token {
        let text: String
        let place: SourceLocation
    }

    /// Splits BIF text into tokens, skipping white space and comments; a quoted string is one word.
    func tokens(of text: String) throws -> [Token] {
        let symbols: Set<Character> = ["{", "}", "(", ")", "[", "]", "|", ",", ";"]
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0, line = 1, lineStart = 0
        func place(_ at: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: at - lineStart + 1) }
        while i < chars.count {
            let c = chars[i]
            if c == "\n" || c == "\r\n" {
                i += 1
                line += 1
                lineStart = i
            } else if c.isWhitespace {
                i += 1
            } else if c == "/" && i + 1 < chars.count && chars[i + 1] == "/" {
                while i < chars.count && chars[i] != "\n" && chars[i] != "\r\n" { i += 1 }
            } else if c == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
                let start = place(i)
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") {
                    if chars[i] == "\n" || chars[i] == "\r\n" { line += 1; lineStart = i + 1 }
                    i += 1
                }
                guard i + 1 < chars.count else { throw ModelError("a comment is not closed", location: start) }
                i += 2
            } else if symbols.contains(c) {
                tokens.append(Token(text: String(c), place: place(i)))
                i += 1
            } else if c == "\"" {
                let start = i
                i += 1
                while i < chars.count && chars[i] != "\"" && chars[i] != "\n" { i += 1 }
                guard i < chars.count, chars[i] == "\"" else { throw ModelError("a quoted string is not closed", location: place(start)) }
                i += 1
                tokens.append(Token(text: String(chars[start..<i]), place: place(start)))
            } else {
                let start = i
                while i < chars.count && !chars[i].isWhitespace && !symbols.contains(chars[i]) && chars[i] != "\"" { i += 1 }
                tokens.append(Token(text: String(chars[start..<i]), place: place(start)))
            }
        }
        return tokens
    }

    /// A cursor over the tokens with the small steps of the grammar.
    struct Reader {
        let tokens: [Token]
        let file: String
        var position = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        /// The place just after the last token, for an error at the end of the text.
        private var end: SourceLocation { tokens.last?.place ?? SourceLocation(file: file, line: 1, column: 1) }

        /// The next token, whatever it is; `what` says what was expected when the text ends.
        mutating func token(_ what: String) throws -> Token {
            guard let t = peek else { throw ModelError("expected \(what), found the end of the file", location: end) }
            position += 1
            return t
        }

        /// The next token, which must be a word (not a symbol).
        mutating func word(_ what: String) throws -> String {
            let t = try token(what)
            guard t.text.count > 1 || !"{}()[]|,;".contains(t.text) else {
                throw ModelError("expected \(what), found '\(t.text)'", location: t.place)
            }
            return t.text
        }

        /// Consumes `text` or throws naming what was found instead.
        mutating func expect(_ text: String) throws {
            let t = try token("'\(text)'")
            guard t.text == text else { throw ModelError("expected '\(text)', found '\(t.text)'", location: t.place) }
        }

        /// Comma-separated words up to (not including) `close`.
        mutating func list(until close: String, what: String) throws -> [String] {
            var items: [String] = []
            while peek?.text != close {
                if !items.isEmpty { try expect(",") }
                items.append(try word(what))
            }
            return items
        }

        /// Probabilities separated by commas or spaces, up to and including `;`.
        mutating func numbers() throws -> [Double] {
            var values: [Double] = []
            while true {
                let t = try token("a probability or ';'")
                if t.text == ";" { return values }
                if t.text == "," { continue }
                guard let x = Double(t.text) else {
                    throw ModelError("expected a probability, found '\(t.text)'", location: t.place)
                }
                values.append(x)
            }
        }

        /// Skips a `property …;` line (or any other statement up to its `;`).
        mutating func skipProperty() throws {
            let first = try token("'property' or '}'")
            guard first.text != ";" else { return }
            while try token("';'").text != ";" {}
        }
    }
}
