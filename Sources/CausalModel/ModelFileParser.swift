import Reporting

/// Reads the `.scm` model language into a `StructuralCausalModel`.
///
/// Grammar (one statement per line; `#` comments; a line break inside
/// parentheses continues the statement):
///
///     statement  := ["latent"] NAME ("=" | "~") expr
///                 | "noise" NAME ("=" | "~") distribution
///                 | "param" NAME ["~" "Normal" "(" NUMBER "," NUMBER ")"]
///                 | ["latent"] NAME "=" "auto" "(" [NAME ("," NAME)*] [";" "family" "=" NAME] ")"
///     expr       := sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]
///     sum        := product (("+" | "-") product)*
///     product    := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary ["^" unary]                 (right-associative; ** also works)
///     primary    := NUMBER | NAME | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"
///
/// Functions: exp, log, logistic (also sigmoid, expit), tanh, abs, step, sqrt,
/// sin, cos, min, max, pow, ifelse(condition, then, else), and trees(x, z) — the fitted
/// tree ensemble of the equation's variable, read from the sidecar `M.trees.json` beside
/// the model file `M.scm` (`TreeSidecar`). Distributions (see
/// `DistributionFamily`) are noise terms: `x = 2 * z + Normal(0, 1)`, or the
/// whole right-hand side, `t ~ Bernoulli(logistic(0.5 * z))`. `latent` marks an
/// unobserved variable; `noise U ~ Normal(0, 1)` declares a noise term that
/// several equations may read by name (a hidden common cause). `param b` declares an
/// unknown number that equations (and noise scales) may read, with a flat prior or
/// `param b ~ Normal(0, 10)`; `y = auto(x, z)` asks for a mechanism of y given parents
/// x and z, its family chosen from the data (`auto(x, z; family = trees)` names it). A model with either is a `ParametricModel`
/// (`parseParametric`); `parse` refuses it until `whatif fit` has given the unknowns values.
///
/// Errors give file, line and column. Nesting (parentheses, calls, unary signs
/// and powers) deeper than `maximumNestingDepth` is refused, so that no input
/// can exhaust the stack; a long run of `+`/`-` (or `*`/`/`) is kept as a
/// balanced tree of short left-to-right runs (see `ChainBuilder`), so a sum of
/// 10⁵ terms is as shallow as a sum of a hundred.
public struct ModelFileParser {
    /// The deepest nesting of parentheses, calls, unary signs and powers accepted in one expression.
    public static let maximumNestingDepth = 200

    /// The file name used in error messages.
    public let file: String

    /// A parser whose error messages name `file`.
    public init(file: String = "model") { self.file = file }

    /// Parses model text. A model that declares parameters or automatic mechanisms is
    /// an error saying to fit it first (`parseParametric` reads it).
    public func parse(_ text: String) throws -> StructuralCausalModel {
        try parseParametric(text).model()
    }

    /// Parses model text that may declare parameters (`param b ~ Normal(0, 10)`) and
    /// automatic mechanisms (`y = auto(x, z)`).
    public func parseParametric(_ text: String) throws -> ParametricModel {
        var state = ParserState(tokens: try ModelFileLexer(file: file).tokens(of: text), file: file)
        return try state.parseModel()
    }

    /// Parses one equation, `X = expression` or `X ~ Distribution(…)`, as a new
    /// mechanism for variable X of `model`. Its inline noise terms are named
    /// `U_do_X`, `U_do_X_2`, …; it may read the model's variables and declared noise terms.
    public func parseIntervention(_ text: String, in model: StructuralCausalModel) throws -> Intervention {
        var state = ParserState(tokens: try ModelFileLexer(file: file).tokens(of: text), file: file)
        state.inlinePrefix = "do_"
        while state.current.kind == .newline { _ = state.advance() }
        try state.parseStatement()
        guard state.current.kind == .end, let variable = state.variables.first else {
            throw ModelError("expected one equation such as \"X = 2 * Z\" or \"X ~ Bernoulli(0.3)\"",
                             location: SourceLocation(file: file, line: 1, column: 1))
        }
        guard model.index(of: variable.name) != nil else {
            throw model.unknownVariable(variable.name).located(state.declarationSites[variable.name])
        }
        if let site = state.automaticSite ?? state.parameters.first?.location {
            throw ModelError("an intervention's mechanism cannot have unknowns (auto or param)", location: site)
        }
        for reference in state.references where model.index(of: reference.name) == nil {
            if model.noiseTerm(named: reference.name) != nil { continue }
            throw model.unknownVariable(reference.name).located(reference.site)
        }
        return .replace(variable.name, with: variable.equation, noise: state.noiseTerms)
    }
}

struct ParserState {
    var tokens: [Token]
    var position = 0
    let file: String

    // Declarations gathered while parsing.
    var variables: [Variable] = []
    var declarationSites: [String: SourceLocation] = [:]
    var noiseTerms: [NoiseTerm] = []
    var parameters: [ModelParameter] = []
    var references: [(name: String, site: SourceLocation, owner: String)] = []
    var currentVariable = ""
    /// Where the current equation calls `auto`, if it does.
    var automaticSite: SourceLocation?
    /// Families named in `auto(…; family = F)`, by variable.
    var requestedFamilies: [String: AutomaticFamily] = [:]
    /// The tree ensembles of the model's sidecar file, once a `trees(…)` call has read it.
    var treeEnsembles: [String: RegressionTrees]?
    var inlineCount = 0
    /// How deeply the expression being read is nested now.
    var depth = 0
    /// Prefix of the variable name in inline noise-term names (`U_<prefix><variable>`).
    var inlinePrefix = ""

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.file = file
    }

    var current: Token { tokens[position] }

    func site(_ token: Token) -> SourceLocation { SourceLocation(file: file, line: token.line, column: token.column) }

    func failure(_ message: String, at token: Token) -> ModelError { ModelError(message, location: site(token)) }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .number(let v): return "number \(v)"
        case .name(let n): return "'\(n)'"
        case .symbol(let s): return "'\(s)'"
        case .newline: return "end of line"
        case .end: return "end of file"
        }
    }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func expect(_ symbol: String, _ context: String) throws {
        guard case .symbol(symbol) = current.kind else {
            throw failure("expected '\(symbol)' \(context), found \(describe(current))", at: current)
        }
        _ = advance()
    }

    mutating func isSymbol(_ symbols: String...) -> String? {
        if case .symbol(let s) = current.kind, symbols.contains(s) { return s }
        return nil
    }

    /// Runs `body` one nesting level deeper, refusing to go past `ModelFileParser.maximumNestingDepth`.
    mutating func nested<T>(at token: Token, _ body: (inout ParserState) throws -> T) throws -> T {
        guard depth < ModelFileParser.maximumNestingDepth else {
            throw failure("the expression is nested more than \(ModelFileParser.maximumNestingDepth) levels deep "
                          + "(parentheses, calls, signs and powers); split it into intermediate variables", at: token)
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// Gives the inline noise terms whose generated names (`U_y`) equal a name the model
    /// declares (a variable called `U_y`) a fresh name (`U_y_noise`, `U_y_noise2`, …), so
    /// that no error ever names a term the user did not write.
    mutating func renameInlineNoiseClashingWith(_ taken: Set<String>) {
        var used = taken.union(noiseTerms.map(\.name))
        var renamed: [String: String] = [:]
        for term in noiseTerms where !term.isDeclared && taken.contains(term.name) {
            var candidate = term.name + "_noise", k = 2
            while used.contains(candidate) {
                candidate = term.name + "_noise\(k)"
                k += 1
            }
            used.insert(candidate)
            renamed[term.name] = candidate
        }
        guard !renamed.isEmpty else { return }
        func rename(_ e: Expr) -> Expr {
            e.rewritten { node in
                if case .noise(let name) = node, let new = renamed[name] { return .noise(new) }
                return node
            }
        }
        noiseTerms = noiseTerms.map { term in
            NoiseTerm(name: renamed[term.name] ?? term.name, family: term.family, parameters: term.parameters.map(rename),
                      isDeclared: term.isDeclared)
        }
        variables = variables.map { Variable(name: $0.name, equation: rename($0.equation), isLatent: $0.isLatent) }
    }

    mutating func parseModel() throws -> ParametricModel {
        while current.kind != .end {
            if current.kind == .newline { _ = advance(); continue }
            try parseStatement()
        }
        let names = Set(variables.map(\.name))
        let otherNames = Set(noiseTerms.map(\.name)).union(parameters.map(\.name))
        for reference in references where !names.contains(reference.name) {
            if otherNames.contains(reference.name) { continue }
            var hint = Suggestion.hint(for: reference.name, among: Array(names) + parameters.map(\.name))
            if hint.isEmpty {
                hint = " (to estimate it from data, declare it: param \(reference.name))"
            }
            throw ModelError("unknown variable '\(reference.name)'\(hint)", variable: reference.owner, location: reference.site)
        }
        renameInlineNoiseClashingWith(names.union(noiseTerms.filter(\.isDeclared).map(\.name)).union(parameters.map(\.name)))
        do {
            var model = try ParametricModel(parameters: parameters, variables: variables, noiseTerms: noiseTerms)
            model.requestedFamilies = requestedFamilies
            return model
        } catch let error as ModelError {
            // An error about the whole model (no variables at all) is placed at its start.
            throw error.located(error.subject.flatMap { declarationSites[$0] } ?? SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// `param NAME` or `param NAME ~ Normal(mean, sd)` with constant mean and sd.
    mutating func parseParameter() throws {
        let nameToken = advance()
        guard case .name(let name) = nameToken.kind else {
            throw failure("expected a parameter name after 'param', found \(describe(nameToken))", at: nameToken)
        }
        if let earlier = declarationSites[name] {
            throw ModelError("'\(name)' is already declared at line \(earlier.line)", location: site(nameToken))
        }
        declarationSites[name] = site(nameToken)
        var prior = ParameterPrior.flat
        if isSymbol("~", "=") != nil {
            _ = advance()
            let start = current
            guard case .name("Normal") = start.kind, case .symbol("(") = tokens[position + 1].kind else {
                throw failure("a parameter's prior is Normal(mean, sd) (or none, for a flat prior)", at: start)
            }
            _ = advance()
            currentVariable = name
            let arguments = try parseArguments(of: "Normal")
            guard arguments.count == 2, let mean = arguments[0].constantValue, let sd = arguments[1].constantValue else {
                throw failure("the prior of parameter '\(name)' must be Normal(mean, sd) with two numbers", at: start)
            }
            guard sd > 0 else { throw failure("the prior of parameter '\(name)' needs a positive sd (got \(sd))", at: start) }
            prior = .normal(mean: mean, sd: sd)
        }
        guard current.kind == .newline else {
            throw failure("unexpected \(describe(current)) after the declaration of parameter '\(name)'", at: current)
        }
        _ = advance()
        parameters.append(ModelParameter(name: name, prior: prior, location: site(nameToken)))
    }

    mutating func parseStatement() throws {
        if case .name("param") = current.kind, case .name = tokens[position + 1].kind {
            _ = advance()
            return try parseParameter()
        }
        var isLatent = false, isNoise = false
        if case .name(let word) = current.kind, word == "latent" || word == "noise",
           case .name = tokens[position + 1].kind {
            isLatent = word == "latent"
            isNoise = word == "noise"
            _ = advance()
        }
        let nameToken = advance()
        guard case .name(let name) = nameToken.kind else {
            throw failure("expected a variable name at the start of the statement, found \(describe(nameToken))", at: nameToken)
        }
        guard isSymbol("=", "~") != nil else {
            throw failure("expected '=' or '~' after '\(name)', found \(describe(current))", at: current)
        }
        _ = advance()
        if let earlier = declarationSites[name] {
            throw ModelError("'\(name)' is already declared at line \(earlier.line)", location: site(nameToken))
        }
        declarationSites[name] = site(nameToken)
        currentVariable = name
        inlineCount = 0
        if isNoise {
            let start = current
            guard case .name(let family) = start.kind, let kind = DistributionFamily(modelName: family),
                  case .symbol("(") = tokens[position + 1].kind else {
                throw failure("a noise declaration needs a distribution, such as Normal(0, 1)", at: start)
            }
            _ = advance()
            let arguments = try parseArguments(of: family)
            try checkArity(kind, arguments.count, at: start)
            noiseTerms.append(NoiseTerm(name: name, family: kind, parameters: arguments, isDeclared: true))
        } else {
            automaticSite = nil
            let equation = try parseExpression()
            if let site = automaticSite, equation.automaticArguments == nil {
                throw ModelError("auto(…) must be the whole right-hand side of an equation", location: site)
            }
            variables.append(Variable(name: name, equation: equation, isLatent: isLatent))
        }
        guard current.kind == .newline else {
            throw failure("unexpected \(describe(current)) after the equation of '\(name)'", at: current)
        }
        _ = advance()
    }

    mutating func parseExpression() throws -> Expr {
        let left = try parseSum()
        let comparisons: [String: BinaryOperator] = ["<": .less, "<=": .lessOrEqual, ">": .greater,
                                                     ">=": .greaterOrEqual, "==": .equal, "!=": .notEqual]
        if let s = isSymbol("<", "<=", ">", ">=", "==", "!="), let op = comparisons[s] {
            _ = advance()
            return .binary(op, left, try parseSum())
        }
        return left
    }

    mutating func parseSum() throws -> Expr {
        var chain = ChainBuilder(first: try parseProduct(), combine: .add, inverse: .subtract)
        while let s = isSymbol("+", "-") {
            _ = advance()
            chain.append(try parseProduct(), inverted: s == "-")
        }
        return chain.expression
    }

    mutating func parseProduct() throws -> Expr {
        var chain = ChainBuilder(first: try parseUnary(), combine: .multiply, inverse: .divide)
        while let s = isSymbol("*", "/") {
            _ = advance()
            chain.append(try parseUnary(), inverted: s == "/")
        }
        return chain.expression
    }

    mutating func parseUnary() throws -> Expr {
        if let s = isSymbol("-", "+") {
            let sign = advance()
            let operand = try nested(at: sign) { try $0.parseUnary() }
            if s == "+" { return operand }
            if case .constant(let c) = operand { return .constant(-c) }
            return .negate(operand)
        }
        let base = try parsePrimary()
        if isSymbol("^") != nil {
            let caret = advance()
            return .binary(.power, base, try nested(at: caret) { try $0.parseUnary() })
        }
        return base
    }

    mutating func parsePrimary() throws -> Expr {
        let token = advance()
        switch token.kind {
        case .number(let v):
            return .constant(v)
        case .symbol("("):
            let inner = try nested(at: token) { try $0.parseExpression() }
            try expect(")", "to close the parenthesis")
            return inner
        case .name(let name):
            if isSymbol("(") != nil { return try nested(at: token) { try $0.parseCall(name, at: token) } }
            references.append((name, site(token), currentVariable))
            return .variable(name)
        default:
            throw failure("expected a number, a name or '(', found \(describe(token))", at: token)
        }
    }

    mutating func parseArguments(of function: String) throws -> [Expr] {
        try expect("(", "after \(function)")
        var arguments: [Expr] = []
        if isSymbol(")") == nil {
            repeat {
                if !arguments.isEmpty { _ = advance() }
                arguments.append(try parseExpression())
            } while isSymbol(",") != nil
        }
        try expect(")", "to close the arguments of \(function)")
        return arguments
    }

    func checkArity(_ family: DistributionFamily, _ count: Int, at token: Token) throws {
        guard family.arity.contains(count) else {
            let expected = family == .categorical ? "one or more probabilities" : family.parameterNames.joined(separator: ", ")
            throw failure("\(family.rawValue) takes \(expected); found \(count) argument(s)", at: token)
        }
    }

    static let aliases: [String: MathFunction] = ["sigmoid": .logistic, "expit": .logistic]

    mutating func parseCall(_ name: String, at token: Token) throws -> Expr {
        if name == "auto" { return try parseAutomatic(at: token) }
        let arguments = try parseArguments(of: name)
        func arity(_ n: Int) throws {
            guard arguments.count == n else {
                throw failure("\(name) takes \(n) argument(s); found \(arguments.count)", at: token)
            }
        }
        if let family = DistributionFamily(modelName: name) {
            try checkArity(family, arguments.count, at: token)
            let termName = NoiseTerm.inlineName(for: inlinePrefix + currentVariable, index: inlineCount)
            inlineCount += 1
            noiseTerms.append(NoiseTerm(name: termName, family: family, parameters: arguments))
            return .noise(termName)
        }
        if name == RegressionTrees.functionName { return try treesCall(arguments, at: token) }
        if let f = MathFunction(rawValue: name) ?? Self.aliases[name] {
            try arity(1)
            return .function(f, arguments[0])
        }
        switch name {
        case "min", "max", "pow":
            try arity(2)
            let op: BinaryOperator = name == "min" ? .minimum : (name == "max" ? .maximum : .power)
            return .binary(op, arguments[0], arguments[1])
        case "ifelse":
            try arity(3)
            return .ifElse(condition: arguments[0], then: arguments[1], otherwise: arguments[2])
        default:
            let known = DistributionFamily.allCases.map(\.rawValue) + MathFunction.allCases.map(\.rawValue)
                + ["min", "max", "pow", "ifelse", "sigmoid", "expit", "auto", RegressionTrees.functionName]
            let hint = Suggestion.hint(for: name, among: known)
            throw failure("unknown function '\(name)'\(hint)", at: token)
        }
    }
}

private extension Expr {
    /// The parents of an automatic mechanism when this is one (`auto(x, z)`), else nil.
    var automaticArguments: [Expr]? {
        if case .custom(let f, let arguments) = self, f == ParametricModel.automatic { return arguments }
        return nil
    }
}
