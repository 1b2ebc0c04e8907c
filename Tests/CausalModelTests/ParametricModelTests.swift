import Testing
@testable import CausalModel

@Suite struct ParametricModelTests {
    static let text = """
        param a
        param b ~ Normal(0, 10)
        param s
        x = Normal(0, 1)
        y = a + b * x + Normal(0, s)
        z = auto(x, y)
        """

    static func message(_ text: String) -> String {
        do {
            _ = try ModelFileParser(file: "m.scm").parseParametric(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func parametersAndAutomaticMechanismsParse() throws {
        let model = try ModelFileParser(file: "m.scm").parseParametric(Self.text)
        #expect(model.parameters.map(\.name) == ["a", "b", "s"])
        #expect(model.parameters.map(\.prior) == [.flat, .normal(mean: 0, sd: 10), .flat])
        #expect(model.parameters[1].location == SourceLocation(file: "m.scm", line: 2, column: 7))
        #expect(model.automaticVariables.map(\.name) == ["z"])
        #expect(model.automaticVariables.first?.parents == ["x", "y"])
        // Parameters are not graph nodes: y's parents are x alone.
        #expect(try model.structure.parents(of: "y") == ["x"])
        #expect(try model.structure.parents(of: "z") == ["x", "y"])
        #expect(!model.isFullySpecified)
    }

    @Test func resolvingGivesAnOrdinaryModel() throws {
        let skeleton = try ModelFileParser().parseParametric("param b\nparam s\nx = Normal(0, 1)\ny = b * x + Normal(0, s)\n")
        let resolved = try skeleton.resolved(["b": 2, "s": 0.5])
        #expect(resolved == (try ModelFileParser().parse("x = Normal(0, 1)\ny = 2 * x + Normal(0, 0.5)\n")))
        #expect(throws: ModelError.self) { try skeleton.resolved(["b": 2]) }
    }

    @Test func anUnresolvedModelCannotBeSampled() {
        #expect(throws: ModelError.self) { try ModelFileParser().parse(Self.text) }
        let text = (try? ModelFileParser(file: "m.scm").parse(Self.text)).map { "\($0)" }
        #expect(text == nil)
        do {
            _ = try ModelFileParser(file: "m.scm").parse(Self.text)
        } catch {
            #expect("\(error)".hasPrefix("m.scm:1:7: the model has unknown parameter(s) a, b, s and automatic mechanism(s) of z"))
            #expect("\(error)".contains("whatif fit"))
        }
    }

    @Test func anUndeclaredParameterIsNamedWithItsPlace() {
        #expect(Self.message("x = Normal(0, 1)\ny = q * x + Normal(0, 1)")
                == "m.scm:2:5: variable 'y': unknown variable 'q' (to estimate it from data, declare it: param q)")
        #expect(Self.message("param b\nx = Normal(0, 1)\ny = bb * x + Normal(0, 1)")
                == "m.scm:3:5: variable 'y': unknown variable 'bb' (did you mean 'b'?)")
    }

    @Test func badDeclarationsAreErrors() {
        #expect(Self.message("param b ~ Uniform(0, 1)\nx = b + Normal(0, 1)") .hasPrefix("m.scm:1:11: a parameter's prior is Normal"))
        #expect(Self.message("param b ~ Normal(0, -1)\nx = b + Normal(0, 1)").hasPrefix("m.scm:1:11:"))
        #expect(Self.message("param x\nx = Normal(0, 1)").contains("already declared at line 1"))
        #expect(Self.message("x = Normal(0, 1)\ny = 1 + auto(x)").hasPrefix("m.scm:2:9: auto(…) must be the whole right-hand side"))
        #expect(Self.message("x = Normal(0, 1)\ny = auto(2 * x)").hasPrefix("m.scm:2:5: the arguments of auto"))
        #expect(Self.message("x = auto(y)\ny = auto(x)").contains("cycle"))
    }
}
