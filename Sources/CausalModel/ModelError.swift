/// Where in a model file something is: line and column, 1-based.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file (or "model" for text without a file).
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int

    /// A location in `file` at 1-based `line` and `column`.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The value in words, for one line of output.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem with a model, an intervention or a request against a model,
/// worded for the person who wrote it: it names the variable, and the file,
/// line and column when the model came from a file.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// The variable concerned, when there is one.
    public let variable: String?
    /// The declared noise term concerned, when the error is about one.
    public let noiseTerm: String?
    /// Where in the source file, when known.
    public let location: SourceLocation?

    /// An error saying `message` about `variable` or `noiseTerm`, at `location`.
    public init(_ message: String, variable: String? = nil, noiseTerm: String? = nil, location: SourceLocation? = nil) {
        self.message = message
        self.variable = variable
        self.noiseTerm = noiseTerm
        self.location = location
    }

    /// The value in words, for one line of output.
    public var description: String {
        var prefix = ""
        if let location { prefix = "\(location): " }
        if let variable { prefix += "variable '\(variable)': " } else if let noiseTerm { prefix += "noise term '\(noiseTerm)': " }
        return prefix + message
    }

    /// The name of what the error is about: its variable or its noise term.
    var subject: String? { variable ?? noiseTerm }

    /// This error with a source location attached (if it has none yet).
    public func located(_ where: SourceLocation?) -> ModelError {
        location == nil ? ModelError(message, variable: variable, noiseTerm: noiseTerm, location: `where`) : self
    }
}
