/// A token of the `.scm` model language.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case name(String)
        case symbol(String)   // + - * / ^ ( ) , ; = ~ < <= > >= == !=
        case newline
        case end
    }
    let kind: Kind
    let line: Int
    let column: Int
}

/// Splits model text into tokens. `#` starts a comment that runs to the end of
/// the line; a line break inside parentheses does not end a statement.
struct ModelFileLexer {
    let file: String

    func tokens(of text: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0, depth = 0
        func location(_ at: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: at - lineStart + 1) }
        while i < chars.count {
            let c = chars[i]
            let column = i - lineStart + 1
            if c == "#" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
            } else if c == "\n" {
                if depth == 0 { tokens.append(Token(kind: .newline, line: line, column: column)) }
                i += 1
                line += 1
                lineStart = i
            } else if c == " " || c == "\t" || c == "\r" {
                i += 1
            } else if c.isASCIIDigit || (c == "." && i + 1 < chars.count && chars[i + 1].isASCIIDigit) {
                let start = i
                while i < chars.count && (chars[i].isASCIIDigit || chars[i] == ".") { i += 1 }
                if i < chars.count && (chars[i] == "e" || chars[i] == "E") {
                    var j = i + 1
                    if j < chars.count && (chars[j] == "+" || chars[j] == "-") { j += 1 }
                    if j < chars.count && chars[j].isASCIIDigit {
                        i = j
                        while i < chars.count && chars[i].isASCIIDigit { i += 1 }
                    }
                }
                let literal = String(String.UnicodeScalarView(chars[start..<i]))
                guard let value = Double(literal), value.isFinite else {
                    throw ModelError("'\(literal)' is not a finite number", location: location(start))
                }
                tokens.append(Token(kind: .number(value), line: line, column: column))
            } else if c.isIdentifierStart {
                let start = i
                while i < chars.count && (chars[i].isIdentifierStart || chars[i].isASCIIDigit || chars[i] == ".") { i += 1 }
                tokens.append(Token(kind: .name(String(String.UnicodeScalarView(chars[start..<i]))), line: line, column: column))
            } else {
                let two = i + 1 < chars.count ? String(String.UnicodeScalarView([c, chars[i + 1]])) : ""
                if ["<=", ">=", "==", "!=", "**"].contains(two) {
                    tokens.append(Token(kind: .symbol(two == "**" ? "^" : two), line: line, column: column))
                    i += 2
                } else if "+-*/^(),;=~<>".unicodeScalars.contains(c) {
                    if c == "(" { depth += 1 }
                    if c == ")" { depth = max(0, depth - 1) }
                    tokens.append(Token(kind: .symbol(String(c)), line: line, column: column))
                    i += 1
                } else {
                    throw ModelError("unexpected character '\(c)'", location: location(i))
                }
            }
        }
        tokens.append(Token(kind: .newline, line: line, column: i - lineStart + 1))
        tokens.append(Token(kind: .end, line: line, column: i - lineStart + 1))
        return tokens
    }
}

private extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isIdentifierStart: Bool { self == "_" || properties.isAlphabetic }
}
