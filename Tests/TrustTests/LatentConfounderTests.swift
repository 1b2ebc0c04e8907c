import CausalModel
import Estimators
import ModelCatalog
import Probability
import Testing
@testable import Trust

/// The simulator's own check: a confounder hidden on purpose, its strength recovered, the
/// sensitivity bound against the true bias, the robustness value ordering the catalog's
/// hidden-confounding models, and the refuters' silence. Tolerances: 4.4 standard errors.
@Suite struct LatentConfounderTests {
    @Test func addingTheConfounderKeepsTheOtherNoise() throws {
        let model = try ModelCatalog.load("self_selection")
        let confounded = try LatentConfounder(treatmentCoefficient: 0.7, outcomeCoefficient: 2).adding(to: model, treatment: "uses_feature",
                                                                                                      outcome: "retention_days")
        let latent = try confounded.variable(named: LatentConfounder.defaultName)
        #expect(latent.isLatent && confounded.variables.first == latent)
        let term = try #require(confounded.noiseTerm(named: "U_uses_feature"))
        #expect(term.family == .bernoulliLogit)
        #expect(term.parameters[0] == .binary(.add, .binary(.multiply, .constant(2), .variable("engagement")),
                                              .binary(.multiply, .constant(0.7), .variable(LatentConfounder.defaultName))))
        // With zero coefficients the observed columns are the original model's, row for row.
        let zero = try LatentConfounder(treatmentCoefficient: 0, outcomeCoefficient: 0).adding(to: model, treatment: "uses_feature",
                                                                                              outcome: "retention_days")
        let a = try model.sample(rows: 5000, seed: 4, options: SamplingOptions(threads: 1))
        let b = try zero.sample(rows: 5000, seed: 4, options: SamplingOptions(threads: 1))
        for name in model.variableNames { #expect(try a.numbers(name) == b.numbers(name), "\(name)") }
        #expect(throws: ModelError.self) {
            try LatentConfounder(treatmentCoefficient: 1, outcomeCoefficient: 1).adding(to: ModelCatalog.load("collider"),
                                                                                      treatment: "smoking", outcome: "sick_days")
        }
    }

    /// With the confounder no stronger than assumed the mean |bias| stays within the mean
    /// bound and the adjusted interval covers; assuming a weaker one, the bound is exceeded.
    @Test func trueBiasAgainstTheSensitivityBound() throws {
        let model = try ModelCatalog.load("confounding")
        let strength = ConfounderStrength(treatmentR2: 0.05, outcomeR2: 0.05)
        func check(assumed: ConfounderStrength?) throws -> LatentConfounderReport {
            try LatentConfounderCheck(model: model, treatment: "price", outcome: "bookings", strength: .partialR2(strength),
                                      assumed: assumed, rows: 500, replications: 200, seed: 31, refuter: Refuter(kinds: []),
                                      pilotUnits: 20_000, truthUnits: 20_000).run()
        }
        let own = try check(assumed: nil)
        // The solved coefficients give the asked partial R²s on the pilot (Brent's tolerance).
        #expect(abs(own.strength.treatmentR2 - 0.05) < 1e-9 && abs(own.strength.outcomeR2 - 0.05) < 1e-9, "\(own.strength)")
        #expect(own.truth == -1 && own.truthStandardError == 0)
        #expect(own.meanBias > 10 * own.biasStandardError, "the hidden confounder biases the estimate: \(own.meanBias)")
        #expect(own.boundHoldsOnAverage, "mean bias \(own.meanBias) vs mean bound \(own.meanBound)")
        #expect(abs(own.meanBias - own.meanBound) < 4.4 * own.biasStandardError, "at the actual strength the bound is the bias")
        let se = (0.95 * 0.05 / 200).squareRoot()
        #expect(own.adjustedCoverage >= 0.95 - 4.4 * se, "adjusted coverage \(own.adjustedCoverage)")
        #expect(own.coverage < 0.8, "the unadjusted interval misses: \(own.coverage)")

        let stronger = try check(assumed: ConfounderStrength(treatmentR2: 0.1, outcomeR2: 0.1))
        #expect(stronger.boundHoldsOnAverage && stronger.boundHoldsShare > own.boundHoldsShare, "\(stronger.boundHoldsShare)")
        #expect(stronger.adjustedCoverage >= own.adjustedCoverage)
        let weaker = try check(assumed: ConfounderStrength(treatmentR2: 0.01, outcomeR2: 0.01))
        #expect(!weaker.boundHoldsOnAverage, "a bound assuming a weaker confounder than the hidden one must fail")
    }

    /// Catalog models with the same hidden confounder at partial R² 0.02, 0.08 and 0.2 and no
    /// effect: the robustness value of the OLS estimate reads that share, and so orders them.
    @Test func robustnessValueOrdersTheHiddenConfoundingModels() throws {
        var values: [Double] = []
        let n = 20_000
        for (name, share) in [("hidden_confounding_weak", 0.02), ("hidden_confounding_moderate", 0.08), ("hidden_confounding_strong", 0.2)] {
            let table = try ModelCatalog.load(name).sample(rows: n, seed: 41, options: SamplingOptions(threads: 1))
            let report = try SensitivityAnalysis(treatment: "exposure", outcome: "spend", covariates: ["tenure"]).run(on: table)
            // The sampling SE of a partial R² r is about 2√r(1 − r)/√n.
            let se = 2 * share.squareRoot() * (1 - share) / Double(n).squareRoot()
            #expect(abs(report.robustnessValue - share) < 4.4 * se, "\(name): RV \(report.robustnessValue) vs \(share)")
            values.append(report.robustnessValue)
        }
        #expect(values == values.sorted(), "\(values)")
    }

    /// The placebo refuter cannot see the hidden confounder: its alarm rate stays at α.
    @Test func placeboStaysAtItsNominalRateUnderHiddenConfounding() throws {
        let report = try LatentConfounderCheck(model: ModelCatalog.load("banner"), treatment: "banner", outcome: "spend",
                                               strength: .partialR2(ConfounderStrength(treatmentR2: 0.1, outcomeR2: 0.1)), rows: 200,
                                               replications: 400, seed: 32, refuter: Refuter(kinds: [.placeboTreatment], simulations: 10),
                                               pilotUnits: 20_000, truthUnits: 20_000).run()
        let rate = try #require(report.alarmRates.first).rate
        let se = (0.05 * 0.95 / 400).squareRoot()
        #expect(abs(rate - 0.05) <= 4.4 * se, "placebo alarm rate \(rate)")
    }

    @Test func badSettingsAreRefused() throws {
        let model = try ModelCatalog.load("banner")
        #expect(throws: SensitivityError.self) {
            try LatentConfounderCheck(model: model, treatment: "banner", outcome: "spend",
                                      strength: .partialR2(ConfounderStrength(treatmentR2: 1, outcomeR2: 0.1))).validate()
        }
        #expect(throws: SensitivityError.self) {
            try LatentConfounderCheck(model: model, treatment: "banner", outcome: "spend", strength: .coefficients(treatment: 1, outcome: 1),
                                      rows: 5).validate()
        }
    }
}
