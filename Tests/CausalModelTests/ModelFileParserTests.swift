import Testing
@testable import CausalModel

@Suite struct ModelFileParserTests {
    /// Every form of the design sketch parses, into the expected tree.
    @Test func sketchFormsParse() throws {
        let text = """
            # temperature, price and bookings (confounding)
            temperature = Normal(23, 3)
            price       = 2 * temperature + Normal(0, 5)   # trailing comment
            bookings    = -1 * price + 5 * temperature + Normal(0, 5)
            treated ~ Bernoulli(logistic(0.03 * bookings - 1))
            f = exp(price / 100) + log(temperature) - tanh(bookings) * abs(price) + step(price - 40)
            g = min(price, 50) + max(temperature, 20) + ifelse(treated, 1, 2) + (price >= 45)
            h = sqrt(temperature) ^ 2 + sigmoid(price) + pow(2, 3)
            """
        let model = try ModelFileParser().parse(text)
        #expect(model.variableNames == ["temperature", "price", "bookings", "treated", "f", "g", "h"])
        #expect(try model.variable(named: "price").equation
                == .binary(.add, .binary(.multiply, .constant(2), .variable("temperature")), .noise("U_price")))
        #expect(model.noiseTerm(named: "U_treated")?.family == .bernoulli)
        #expect(model.noiseTerm(named: "U_temperature")?.parameters == [.constant(23), .constant(3)])
        #expect(Set(model.graph.names(of: model.graph.parents(of: model.index(of: "bookings")!))) == ["price", "temperature"])
        #expect(try model.variable(named: "h").equation.children[0].children[0]
                == .binary(.power, .function(.sqrt, .variable("temperature")), .constant(2)))
    }

    @Test func precedenceAndAssociativity() throws {
        let model = try ModelFileParser().parse("a = Normal(0, 1)\nb = -2 ^ 2 + 8 / 4 / 2 - 1 - 1 + 2 ^ 3 ^ 2 * 0 + a")
        let table = try model.sample(rows: 1, seed: 1)
        let a = try table.numbers("a")[0], b = try table.numbers("b")[0]
        #expect(b == -4 + 1 - 1 - 1 + 0 + a)
    }

    @Test func sharedNoiseAndLatentVariables() throws {
        let model = try ModelFileParser().parse("""
            noise U ~ Normal(0, 1)
            latent z = Normal(0, 1)
            x = U + z + Normal(0, 1)
            y = 2 * U + x + Normal(0, 1)
            """)
        #expect(try model.variable(named: "x").equation.noiseTerms == ["U", "U_x"])
        #expect(try model.variable(named: "z").isLatent)
        #expect(model.noiseTerm(named: "U")?.isDeclared == true)
    }

    static func message(_ text: String) -> String {
        do {
            _ = try ModelFileParser(file: "m.scm").parse(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func errorsNameTheLineAndColumn() {
        #expect(Self.message("x = Normal(0, 1)\ny = 2 * xx + Normal(0, 1)") == "m.scm:2:9: variable 'y': unknown variable 'xx' (did you mean 'x'?)")
        #expect(Self.message("x = Normal(0, 1)\ny = 2 * x + Nromal(0, 1)") == "m.scm:2:13: unknown function 'Nromal' (did you mean 'Normal'?)")
        #expect(Self.message("x = Normal(0, 1\ny = 1") == "m.scm:2:1: expected ')' to close the arguments of Normal, found 'y'")
        #expect(Self.message("x = Normal(0, 1)\nx = 3") == "m.scm:2:1: 'x' is already declared at line 1")
        #expect(Self.message("x = 2 *\n") == "m.scm:1:8: expected a number, a name or '(', found end of line")
        #expect(Self.message("x = Normal(0)") == "m.scm:1:5: Normal takes mean, sd; found 1 argument(s)")
        #expect(Self.message("x = 1 $ 2") == "m.scm:1:7: unexpected character '$'")
        #expect(Self.message("x 3") == "m.scm:1:3: expected '=' or '~' after 'x', found number 3.0")
    }

    @Test func validationErrorsNameTheVariable() {
        #expect(Self.message("a = b + Normal(0, 1)\nb = c + 1\nc = a * 2") == "m.scm:1:1: variable 'a': the graph has a cycle: a → c → b → a")
        #expect(Self.message("x = Normal(0, 1)\ny = x + Normal(0, -2)") == "m.scm:2:1: variable 'y': Normal parameter sd = -2 must be positive and finite")
        #expect(Self.message("p = Uniform(0, 1)\ny ~ Gamma(p, 2)") == "m.scm:2:1: variable 'y': Gamma parameter shape must be a constant")
        #expect(Self.message("x = x + 1") == "m.scm:1:1: variable 'x': its equation reads itself")
        #expect(Self.message("noise U ~ Normal(0, 1)\nx = U\nnoise V ~ Normal(x, 1)")
                == "m.scm:3:7: noise term 'V': the parameters of a declared noise term must be constants (mean is not)")
        #expect(Self.message("") == "m.scm:1:1: the model has no variables")
    }

    /// A parameter that depends on parents is checked row by row at sampling time.
    @Test func invalidRowParameterNamesVariableAndRow() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\ny = Normal(0, x)")
        #expect(throws: ModelError.self) { try model.sample(rows: 100, seed: 3) }
        do {
            _ = try model.sample(rows: 100, seed: 3)
        } catch {
            let table = try ModelFileParser().parse("x = Normal(0, 1)").sample(rows: 100, seed: 3)
            let firstBad = try table.numbers("x").firstIndex { $0 <= 0 }! + 1
            #expect("\(error)".hasPrefix("variable 'y': row \(firstBad): Normal parameter sd = "))
        }
    }

    @Test func nonFiniteValuesAreReported() throws {
        let model = try ModelFileParser().parse("x = Normal(0, 1)\ny = log(x)")
        #expect(throws: ModelError.self) { try model.sample(rows: 50, seed: 1) }
    }
}

@Suite struct GraphDerivationTests {
    /// A variable read only inside a noise term's parameters is a parent too, and the
    /// evaluation order follows it even when the file declares the child first.
    @Test func parentsInsideDistributionParameters() throws {
        let model = try ModelFileParser().parse("""
            t ~ Bernoulli(logistic(0.5 * z))
            k ~ Poisson(exp(t))
            z = Normal(0, 1)
            """)
        #expect(try model.parents(of: "t") == ["z"])
        #expect(try model.parents(of: "k") == ["t"])
        #expect(model.evaluationOrder.map { model.variables[$0].name } == ["z", "t", "k"])
        #expect(try model.graph.parents(of: "t") == ["z"])
        // The same model declared in evaluation order samples the same values.
        let inOrder = try ModelFileParser().parse("""
            z = Normal(0, 1)
            t ~ Bernoulli(logistic(0.5 * z))
            k ~ Poisson(exp(t))
            """)
        let a = try model.sample(rows: 5000, seed: 2), b = try inOrder.sample(rows: 5000, seed: 2)
        for name in ["z", "t", "k"] { #expect(try a.numbers(name) == b.numbers(name)) }
    }
}
