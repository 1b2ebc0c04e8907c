import Foundation
import Testing
import TestSupport
import ModelCatalog
@testable import CausalModel

@Suite struct PotentialOutcomesTests {
    /// Each unit's observed outcome is its potential outcome at its observed treatment,
    /// the propensity is the mechanism's probability, and the linear effect is exact per unit.
    @Test func bannerPotentialOutcomes() throws {
        let model = try ModelCatalog.load("banner")
        let design = try PotentialOutcomes(treatment: "banner", outcome: "spend")
        let table = try StructuralCausalModel.sample(rows: 20_000, seed: 8, selections: design.selections(for: model))
        #expect(table.names == ["engagement", "banner", "spend", "spend_0", "spend_1", "banner_propensity"])
        let t = try table.numbers("banner"), y = try table.numbers("spend")
        let y0 = try table.numbers("spend_0"), y1 = try table.numbers("spend_1")
        let e = try table.numbers("engagement"), p = try table.numbers("banner_propensity")
        for i in t.indices {
            #expect(y[i] == (t[i] == 1 ? y1[i] : y0[i]))
            #expect(abs(y1[i] - y0[i] - 5) < 1e-12)
            #expect(abs(p[i] - 1 / (1 + exp(-0.05 * (e[i] - 50)))) < 1e-12)
        }
        // The observed data are the plain sample's.
        #expect(try model.sample(rows: 20_000, seed: 8).numbers("spend") == y)
    }

    /// Heterogeneous effects: ATT ≠ ATU when selection depends on the effect's modifier.
    @Test func treatmentEffectsOfAHeterogeneousModel() throws {
        let model = try ModelFileParser().parse("""
            x = Normal(0, 1)
            t ~ Bernoulli(logistic(2 * x))
            y = 1 + x + t * (2 + x) + Normal(0, 1)
            """)
        let n = 200_000
        let effects = try model.treatmentEffects(treatment: "t", outcome: "y", rows: n, seed: 4)
        // Unit effect 2 + x: ATE = 2; ATT = 2 + E[x·σ(2x)] / E[σ(2x)] and
        // ATU = 2 − E[x·σ(2x)] / E[1 − σ(2x)], with E[σ(2x)] = 1/2 by symmetry and
        // E[x·σ(2x)] = ∫ x φ(x) σ(2x) dx by Simpson's rule.
        let m = 20_000, h = 20.0 / Double(m)
        var integral = 0.0
        for i in 0...m {
            let x = -10 + Double(i) * h
            let weight: Double = i == 0 || i == m ? 1 : (i % 2 == 1 ? 4 : 2)
            integral += weight * x * exp(-x * x / 2) / (2 * Double.pi).squareRoot() / (1 + exp(-2 * x))
        }
        integral *= h / 3
        let truths = [(effects.ate, 2.0, effects.ateStandardError),
                      (effects.att, 2 + integral / 0.5, effects.attStandardError),
                      (effects.atu, 2 - integral / 0.5, effects.atuStandardError)]
        for (estimate, truth, se) in truths {
            let check = withinStandardErrors(estimate, truth, standardError: se)
            #expect(check.ok, "\(check.message)")
        }
        let treatedShare = withinStandardErrors(Double(effects.treatedUnits) / Double(n), 0.5, standardError: (0.25 / Double(n)).squareRoot())
        #expect(treatedShare.ok, "\(treatedShare.message)")
        // Weighted identity: ATE = share treated · ATT + share untreated · ATU.
        let share = Double(effects.treatedUnits) / Double(n)
        #expect(abs(effects.ate - (share * effects.att + (1 - share) * effects.atu)) < 1e-9)
    }

    @Test func propensityIsGivenOnlyByAMechanismThatStatesIt() throws {
        let model = try ModelFileParser().parse("""
            x = Normal(0, 1)
            a ~ BernoulliLogit(x)
            b = x > 0
            c = step(x + Normal(0, 1))
            """)
        #expect(try model.propensity(of: "a") == .function(.logistic, .variable("x")))
        #expect(try model.propensity(of: "b") == .binary(.greater, .variable("x"), .constant(0)))
        #expect(try model.propensity(of: "c") == nil)
        #expect(throws: ModelError.self) { try PotentialOutcomes(treatment: "x", outcome: "x") }
        #expect(throws: ModelError.self) { try PotentialOutcomes(treatment: "q", outcome: "x").selections(for: model) }
    }
}

@Suite struct ModelPrinterTests {
    /// Printing a model and parsing the text gives back the same model, for every catalog model.
    @Test(arguments: ModelCatalog.entries.map(\.name))
    func printedModelsParseBackToThemselves(name: String) throws {
        let model = try ModelCatalog.load(name)
        #expect(try ModelFileParser().parse(model.description) == model)
    }

    @Test func parenthesesOnlyWhereNeeded() throws {
        let text = """
            noise U ~ Normal(0, 1)
            a = U
            b = (a - 1) * 2 - (3 - a) + -2 ^ 2 + (-2) ^ 2 + a / (a * 2) + (a > 1) * 3
            c ~ Bernoulli(logistic(0.5 * b))
            """
        let model = try ModelFileParser().parse(text)
        #expect(model.description == """
            noise U ~ Normal(0, 1)
            a = U
            b = (a - 1) * 2 - (3 - a) + -2 ^ 2 + (-2) ^ 2 + a / (a * 2) + (a > 1) * 3
            c ~ Bernoulli(logistic(0.5 * b))

            """)
        #expect(try ModelFileParser().parse(model.description) == model)
    }
}
