import CausalModel
import Testing
@testable import CausalDSL

/// A model with unknowns reads the same in Swift and in a model file.
@Suite struct ParametricDSLTests {
    @Test func parametricModelBuiltBothWaysIsEqual() throws {
        let swift = try ParametricSCM {
            Param("a")
            Param("b") ~ Normal(0, 10)
            Param("s")
            "x" ~ Normal(0, 1)
            "y" ~ "a" + "b" * "x" + Normal(0, "s")
            "z" ~ auto("x", "y")
        }
        let text = try ModelFileParser().parseParametric("""
            param a
            param b ~ Normal(0, 10)
            param s
            x = Normal(0, 1)
            y = a + b * x + Normal(0, s)
            z = auto(x, y)
            """)
        #expect(swift == text)
        #expect(swift.parameters.map(\.prior) == [.flat, .normal(mean: 0, sd: 10), .flat])
    }

    @Test func unknownsStopSCMAndBadPriorsAreErrors() {
        #expect(throws: ModelError.self) {
            try SCM {
                Param("b")
                "x" ~ Normal(0, 1)
                "y" ~ "b" * "x" + Normal(0, 1)
            }
        }
        #expect(throws: ModelError("parameter 'b': a prior is Normal(mean, sd) with two numbers")) {
            try ParametricSCM {
                Param("b") ~ Uniform(0, 1)
                "y" ~ "b" + Normal(0, 1)
            }
        }
    }
}
