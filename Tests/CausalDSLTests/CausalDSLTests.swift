import CausalModel
import ModelCatalog
import Probability
import Testing
@testable import CausalDSL

/// The Swift form and the text form compile to the same model.
@Suite struct CausalDSLTests {
    @Test func confoundingBuiltBothWaysIsEqual() throws {
        let swift = try SCM {
            "temperature" ~ Normal(23, 3)
            "price"       ~ 2 * "temperature" + Normal(0, 5)
            "bookings"    ~ -1 * "price" + 5 * "temperature" + Normal(0, 5)
        }
        #expect(swift == (try ModelCatalog.load("confounding")))
    }

    @Test func bannerAndInstrumentBuiltBothWaysAreEqual() throws {
        let banner = try SCM {
            "engagement" ~ Normal(50, 15)
            "banner"     ~ Bernoulli(logistic(0.05 * ("engagement" - 50)))
            "spend"      ~ 20 + 0.3 * "engagement" + 5 * "banner" + Normal(0, 10)
        }
        #expect(banner == (try ModelCatalog.load("banner")))
        let iv = try SCM {
            ("personality" ~ Normal(0, 1)).latent
            "rain"        ~ Bernoulli(0.4)
            "attendance"  ~ Bernoulli(logistic(0.5 - 2 * "rain" + 1.5 * "personality"))
            "happiness"   ~ 0.5 * "attendance" + "personality" + Normal(0, 1)
        }
        #expect(iv == (try ModelCatalog.load("instrumental_variable")))
    }

    @Test func sharedNoiseLoopsAndHelpers() throws {
        let swift = try SCM {
            Noise("U") ~ Normal(0, 1)
            "x" ~ "U" + Normal(0, 1) + Uniform(0, 1)
            for k in 1...2 {
                "y\(k)" ~ linear(parents: ["x"], weights: [Double(k)], noiseSD: 0.5)
            }
            "t" ~ logistic(parents: ["y1", "y2"], weights: [0.5, -0.5], offset: 1)
        }
        let text = try ModelFileParser().parse("""
            noise U ~ Normal(0, 1)
            x = U + Normal(0, 1) + Uniform(0, 1)
            y1 = 0 + 1 * x + Normal(0, 0.5)
            y2 = 0 + 2 * x + Normal(0, 0.5)
            t ~ Bernoulli(logistic(1 + 0.5 * y1 + -0.5 * y2))
            """)
        #expect(swift == text)
        #expect(try swift.variable(named: "x").equation.noiseTerms == ["U", "U_x", "U_x_2"])
    }

    @Test func customColumnFunction() throws {
        let model = try SCM {
            "x" ~ Normal(0, 1)
            "y" ~ column("clippedSquare", "x") { inputs, out in
                for i in out.indices { out[i] = min(inputs[0][i] * inputs[0][i], 1) }
            }
        }
        let table = try model.sample(rows: 5000, seed: 3)
        let x = try table.numbers("x"), y = try table.numbers("y")
        for i in x.indices { #expect(y[i] == Swift.min(x[i] * x[i], 1)) }
    }

    @Test func validationIsTheModelsOwn() {
        #expect(throws: ModelError("reads unknown variable 'pric' (did you mean 'price'?)", variable: "bookings")) {
            try SCM {
                "price" ~ Normal(0, 1)
                "bookings" ~ -1 * "pric" + Normal(0, 1)
            }
        }
        #expect(throws: ModelError("Normal parameter sd = -1 must be positive and finite", variable: "x")) {
            try SCM { "x" ~ Normal(0, -1) }
        }
    }
}
