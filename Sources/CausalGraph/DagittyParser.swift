/// Reads dagitty's `dag { … }` syntax into a `DagittyGraph` (the grammar is stated there).
struct DagittyParser {
    let file: String

    /// Whether `name` can be written without quotes: letters, digits, `_` and `.`.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }

    private struct Token {
        enum Kind { case word, quoted, symbol, arrow }
        let kind: Kind
        let text: String
        let line: Int, column: Int
    }

    func parse(_ text: String) throws -> DagittyGraph {
        let tokens = try tokenize(text)
        var i = 0
        func fail(_ message: String, _ t: Token?) -> DagittyError {
            let at = t ?? tokens.last
            return DagittyError(message, file: file, line: at?.line ?? 1, column: at?.column ?? 1)
        }
        func next(_ what: String) throws -> Token {
            guard i < tokens.count else { throw fail("expected \(what), found the end of the file", nil) }
            i += 1
            return tokens[i - 1]
        }
        func peek(_ text: String) -> Bool { i < tokens.count && tokens[i].kind != .quoted && tokens[i].text == text }

        let header = try next("'dag {'")
        guard header.kind == .word, header.text == "dag" else {
            if ["pdag", "mag", "pag", "graph"].contains(header.text) {
                throw fail("a '\(header.text)' is not a directed acyclic graph: write 'dag { … }'", header)
            }
            throw fail("expected 'dag {', found '\(header.text)'", header)
        }
        guard try next("'{'").text == "{" else { throw fail("expected '{' after 'dag'", tokens[i - 1]) }

        var nodes: [DagittyGraph.Node] = []
        var position: [String: Int] = [:]
        var edges: [DagittyGraph.Edge] = []
        var edgeToken: [DagittyGraph.Edge: Token] = [:]
        func declare(_ name: String, _ attributes: [String] = []) {
            if let p = position[name] {
                for a in attributes where !nodes[p].attributes.contains(a) { nodes[p].attributes.append(a) }
            } else {
                position[name] = nodes.count
                nodes.append(DagittyGraph.Node(name: name, attributes: attributes))
            }
        }
        /// `[a, b=c, …]` after a name: the attributes as written.
        func attributes() throws -> [String] {
            guard peek("[") else { return [] }
            i += 1
            var items: [String] = []
            while !peek("]") {
                if !items.isEmpty { guard try next("',' or ']'").text == "," else { throw fail("expected ',' or ']'", tokens[i - 1]) } }
                let key = try next("an attribute")
                guard key.kind == .word else { throw fail("expected an attribute, found '\(key.text)'", key) }
                var item = key.text
                if peek("=") {
                    i += 1
                    let value = try next("an attribute value")
                    item += "=" + (value.kind == .quoted ? "\"\(value.text)\"" : value.text)
                }
                items.append(item)
            }
            i += 1
            return items
        }
        /// A name or quoted name.
        func name(_ t: Token) throws -> String {
            guard t.kind == .word || t.kind == .quoted else { throw fail("expected a variable name, found '\(t.text)'", t) }
            return t.text
        }
        /// One end of an arrow: a node (with attributes) or a group `{a b}`.
        func end() throws -> [String] {
            let t = try next("a variable name or '{'")
            if t.kind == .symbol && t.text == "{" {
                var members: [String] = []
                while !peek("}") {
                    if peek(",") { i += 1; continue }
                    let member = try name(try next("a variable name or '}'"))
                    declare(member, try attributes())
                    members.append(member)
                }
                i += 1
                return members
            }
            let n = try name(t)
            declare(n, try attributes())
            return [n]
        }

        while !peek("}") {
            if peek(";") { i += 1; continue }
            if i + 1 < tokens.count, tokens[i].kind == .word, tokens[i + 1].kind == .symbol, tokens[i + 1].text == "=" {
                i += 2
                _ = try next("a value")
                continue
            }
            var left = try end()
            while i < tokens.count, tokens[i].kind == .arrow {
                let arrow = tokens[i]
                i += 1
                switch arrow.text {
                case "->", "<-": break
                case "--": throw fail("an undirected edge '--' where a DAG is needed (write '->' or '<-')", arrow)
                case "<->": throw fail("a bidirected edge '<->' where a DAG is needed (write a latent common cause: 'u [latent]', 'u -> a', 'u -> b')", arrow)
                default: throw fail("unknown edge '\(arrow.text)' (a DAG has '->' and '<-')", arrow)
                }
                let right = try end()
                for a in left {
                    for b in right {
                        let edge = arrow.text == "->" ? DagittyGraph.Edge(from: a, to: b) : DagittyGraph.Edge(from: b, to: a)
                        guard edge.from != edge.to else { throw fail("'\(a)' has an arrow into itself", arrow) }
                        if edgeToken[edge] == nil {
                            edgeToken[edge] = arrow
                            edges.append(edge)
                        }
                    }
                }
                left = right
            }
        }
        i += 1
        if i < tokens.count { throw fail("unexpected '\(tokens[i].text)' after the closing '}'", tokens[i]) }
        do {
            return try DagittyGraph(nodes: nodes, edges: edges)
        } catch GraphError.cycle(let path) where path.count >= 2 {
            // Name the cycle's arrow written last: the one that closes it.
            let arrows = zip(path, path.dropFirst()).compactMap { edgeToken[DagittyGraph.Edge(from: $0, to: $1)] }
            throw fail("the arrows form a cycle: \(path.joined(separator: " → "))",
                       arrows.max { ($0.line, $0.column) < ($1.line, $1.column) })
        }
    }

    private func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0, line = 1, lineStart = 0
        while i < chars.count {
            let c = chars[i], column = i - lineStart + 1
            if c == "\n" || c == "\r\n" {
                i += 1
                line += 1
                lineStart = i
            } else if c.isWhitespace {
                i += 1
            } else if c == "#" || (c == "/" && i + 1 < chars.count && chars[i + 1] == "/") {
                while i < chars.count && chars[i] != "\n" && chars[i] != "\r\n" { i += 1 }
            } else if "{}[],=;".contains(c) {
                tokens.append(Token(kind: .symbol, text: String(c), line: line, column: column))
                i += 1
            } else if "-<>@".contains(c) {
                let start = i
                while i < chars.count && "-<>@".contains(chars[i]) { i += 1 }
                tokens.append(Token(kind: .arrow, text: String(chars[start..<i]), line: line, column: column))
            } else if c == "\"" {
                let start = i + 1
                i += 1
                while i < chars.count && chars[i] != "\"" { i += 1 }
                guard i < chars.count else { throw DagittyError("a quoted name is not closed", file: file, line: line, column: column) }
                tokens.append(Token(kind: .quoted, text: String(chars[start..<i]), line: line, column: column))
                i += 1
            } else if c.isLetter || c.isNumber || c == "_" || c == "." {
                let start = i
                while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == ".") { i += 1 }
                tokens.append(Token(kind: .word, text: String(chars[start..<i]), line: line, column: column))
            } else {
                throw DagittyError("unexpected character '\(c)'", file: file, line: line, column: column)
            }
        }
        return tokens
    }
}
