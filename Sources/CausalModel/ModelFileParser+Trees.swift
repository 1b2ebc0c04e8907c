extension ParserState {
    /// `auto(x, z)` or `auto(x, z; family = trees)`: an automatic mechanism of the current
    /// variable with these parents, its family named or left to the data.
    mutating func parseAutomatic(at token: Token) throws -> Expr {
        try expect("(", "after auto")
        var arguments: [Expr] = []
        while isSymbol(")", ";") == nil {
            if !arguments.isEmpty { try expect(",", "between the parents of auto(…)") }
            let parent = advance()
            guard case .name(let name) = parent.kind, isSymbol("(") == nil else {
                throw failure("the arguments of auto(…) are the parents' names", at: token)
            }
            references.append((name, site(parent), currentVariable))
            arguments.append(.variable(name))
        }
        if isSymbol(";") != nil {
            _ = advance()
            let key = advance()
            guard case .name("family") = key.kind, isSymbol("=") != nil else {
                throw failure("expected 'family = NAME' after ';' in auto(…)", at: key)
            }
            _ = advance()
            let value = advance()
            let known = AutomaticFamily.allCases.map(\.rawValue)
            guard case .name(let family) = value.kind, let chosen = AutomaticFamily(rawValue: family) else {
                throw failure("unknown family \(describe(value)) in auto(…); known: \(known.joined(separator: ", ")) "
                    + "(leave it out to choose by the data)", at: value)
            }
            requestedFamilies[currentVariable] = chosen
        }
        try expect(")", "to close the arguments of auto")
        if automaticSite != nil { throw failure("auto(…) may appear once, as the whole right-hand side", at: token) }
        automaticSite = site(token)
        return .custom(ParametricModel.automatic, arguments)
    }

    /// `trees(x, z)`: the current variable's tree ensemble from the model's sidecar file
    /// (`TreeSidecar.path(forModelFile:)`), whose inputs must be these variables in this order.
    mutating func treesCall(_ arguments: [Expr], at token: Token) throws -> Expr {
        let names = arguments.compactMap { argument -> String? in
            if case .variable(let name) = argument { return name }
            return nil
        }
        guard names.count == arguments.count else {
            throw failure("the arguments of trees(…) are the ensemble's inputs, by name", at: token)
        }
        let path = TreeSidecar.path(forModelFile: file)
        let ensembles: [String: RegressionTrees]
        do {
            ensembles = try treeEnsembles ?? TreeSidecar.read(path: path)
        } catch let error as ModelError {
            throw failure(error.message, at: token)
        }
        treeEnsembles = ensembles
        guard let ensemble = ensembles[currentVariable] else {
            throw failure("'\(path)' holds no tree ensemble for '\(currentVariable)' (it has: "
                + "\(ensembles.keys.sorted().joined(separator: ", ")))", at: token)
        }
        guard ensemble.inputs == names else {
            throw failure("the tree ensemble of '\(currentVariable)' in '\(path)' reads (\(ensemble.inputs.joined(separator: ", "))), "
                + "but the equation gives trees(\(names.joined(separator: ", ")))", at: token)
        }
        return .custom(ensemble.columnFunction, arguments)
    }
}
