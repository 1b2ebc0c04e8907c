import Probability
import Reporting

extension StructuralCausalModel: CustomStringConvertible {
    /// The model in the model-file language: declared noise terms first, then one
    /// equation per variable in declaration order. Parsing the text gives back an
    /// equal model (custom Swift column functions excepted: they print as calls
    /// the parser does not know).
    public var description: String {
        var lines: [String] = []
        for term in noiseTerms where term.isDeclared {
            lines.append("noise \(term.name) ~ \(ExprPrinter(model: self).call(term))")
        }
        let printer = ExprPrinter(model: self)
        for v in variables {
            let prefix = v.isLatent ? "latent " : ""
            if case .noise(let name) = v.equation, let term = noiseTerm(named: name), !term.isDeclared {
                lines.append("\(prefix)\(v.name) ~ \(printer.call(term))")
            } else {
                lines.append("\(prefix)\(v.name) = \(printer.text(v.equation))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Prints expressions with the fewest parentheses the grammar needs.
///
/// Binding levels: 1 comparison, 2 sum, 3 product, 4 unary minus, 5 power,
/// 6 atoms and calls. A sub-expression is parenthesised when its level is below
/// the level its position requires.
struct ExprPrinter {
    let model: StructuralCausalModel

    func text(_ e: Expr, atLeast required: Int = 1) -> String {
        let (body, level) = printed(e)
        return level < required ? "(\(body))" : body
    }

    func call(_ term: NoiseTerm) -> String {
        "\(term.family.rawValue)(\(term.parameters.map { text($0) }.joined(separator: ", ")))"
    }

    private func printed(_ e: Expr) -> (String, Int) {
        switch e {
        case .constant(let c):
            return (c.compactDescription, c < 0 || (c == 0 && c.sign == .minus) ? 4 : 6)
        case .variable(let name):
            return (name, 6)
        case .noise(let name):
            guard let term = model.noiseTerm(named: name), !term.isDeclared else { return (name, 6) }
            return (call(term), 6)
        case .negate(let x):
            return ("-" + text(x, atLeast: 4), 4)
        case .function(let f, let x):
            return ("\(f.rawValue)(\(text(x)))", 6)
        case .ifElse(let c, let t, let o):
            return ("ifelse(\(text(c)), \(text(t)), \(text(o)))", 6)
        case .custom(let f, let args):
            return ("\(f.name)(\(args.map { text($0) }.joined(separator: ", ")))", 6)
        case .binary(let op, let a, let b):
            switch op {
            case .minimum, .maximum:
                return ("\(op.rawValue)(\(text(a)), \(text(b)))", 6)
            case .add, .subtract:
                return ("\(text(a, atLeast: 2)) \(op.rawValue) \(text(b, atLeast: 3))", 2)
            case .multiply, .divide:
                return ("\(text(a, atLeast: 3)) \(op.rawValue) \(text(b, atLeast: 4))", 3)
            case .power:
                return ("\(text(a, atLeast: 6)) ^ \(text(b, atLeast: 4))", 5)
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual:
                return ("\(text(a, atLeast: 2)) \(op.rawValue) \(text(b, atLeast: 2))", 1)
            }
        }
    }
}
