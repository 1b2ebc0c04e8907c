import CausalModel
import Foundation
import ModelCatalog
import Testing
import TestSupport
@testable import Validation

/// The Monte Carlo truths against analytic values: closed forms, or integrals over
/// the covariate's uniform distribution by Simpson's rule.
@Suite struct TruthTests {
    static let units = 200_000

    static func truth(_ model: StructuralCausalModel, _ t: String, _ y: String, seed: UInt64 = 3) throws -> TrueEffects {
        try TrueEffects(model: model, design: BenchmarkDesign(model: model, treatment: t, outcome: y), units: units, seed: seed)
    }

    static func expectNear(_ truth: TruthValue?, _ analytic: Double, _ label: String,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let truth else {
            Issue.record("\(label): no truth computed", sourceLocation: sourceLocation)
            return
        }
        let check = withinStandardErrors(truth.value, analytic, standardError: truth.standardError)
        #expect(check.ok, "\(label): \(check.message)", sourceLocation: sourceLocation)
        #expect(truth.standardError > 0, "\(label) should carry Monte Carlo error", sourceLocation: sourceLocation)
    }

    /// ∫ f over [a, b] by Simpson's rule with `n` (even) intervals.
    static func simpson(_ a: Double, _ b: Double, n: Int = 4000, _ f: (Double) -> Double) -> Double {
        let h = (b - a) / Double(n)
        var sum = f(a) + f(b)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h) }
        return sum * h / 3
    }

    @Test func constantEffectsAreExact() throws {
        let truth = try Self.truth(ModelCatalog.load("banner"), "banner", "spend")
        #expect(truth.isConstantEffect)
        for (label, value) in [("ATE", truth.ate), ("ATT", truth.att), ("ATU", truth.atu), ("VWE", truth.varianceWeightedEffect)] {
            #expect(value?.isExact == true, "\(label)")
            #expect(abs((value?.value ?? 0) - 5) < 1e-9, "\(label): \(String(describing: value))")
        }
        #expect(truth.late == nil && truth.effectAtCutoff == nil)
        #expect(truth.conditional?.bins.count == 10)
        #expect(truth.conditional?.bins.allSatisfy { $0.truth.isExact && abs($0.truth.value - 5) < 1e-9 } == true)
    }

    /// heterogeneous_effect: age ~ U(20, 60), e(a) = logistic(0.1(45 − a)), δ(a) = 0.3(60 − a).
    @Test func heterogeneousEffectsMatchTheirIntegrals() throws {
        let truth = try Self.truth(ModelCatalog.load("heterogeneous_effect"), "discount", "purchases")
        let e = { (a: Double) in 1 / (1 + exp(-0.1 * (45 - a))) }
        let delta = { (a: Double) in 0.3 * (60 - a) }
        let att = Self.simpson(20, 60) { delta($0) * e($0) } / Self.simpson(20, 60) { e($0) }
        let atu = Self.simpson(20, 60) { delta($0) * (1 - e($0)) } / Self.simpson(20, 60) { 1 - e($0) }
        let vwe = Self.simpson(20, 60) { delta($0) * e($0) * (1 - e($0)) } / Self.simpson(20, 60) { e($0) * (1 - e($0)) }
        Self.expectNear(truth.ate, 6, "ATE")
        Self.expectNear(truth.att, att, "ATT")
        Self.expectNear(truth.atu, atu, "ATU")
        Self.expectNear(truth.varianceWeightedEffect, vwe, "variance-weighted effect")
        #expect(!truth.isConstantEffect)
        // The ATE's standard error is SD(δ)/√n with SD(δ) = 0.3 · 40/√12 (to within the sampling error of an SD, ~0.2%).
        let expectedSE = 0.3 * 40 / 12.0.squareRoot() / Double(Self.units).squareRoot()
        #expect(abs(truth.ate!.standardError / expectedSE - 1) < 0.02)
        // Deciles of age: each bin's effect is δ at the bin's midpoint (δ is linear, age uniform within the bin).
        let bins = try #require(truth.conditional).bins
        #expect(bins.count == 10)
        for bin in bins {
            #expect(abs(bin.share - 0.1) < 1e-12)
            Self.expectNear(bin.truth, delta((bin.lower + bin.upper) / 2), "bin \(bin.lower)…\(bin.upper)")
        }
    }

    /// A binary instrument with heterogeneous effects: U ~ U(0, 1) is a hidden cause of
    /// both t and y; t = 1{U < 0.2 + 0.5z}, δ = 1 + 2U. Compliers have U in [0.2, 0.7):
    /// LATE = 1 + 2·0.45 = 1.9; ATE = 2; P(T = 1) = 0.45, E[U·1{T = 1}] = (0.02 + 0.245)/2.
    @Test func lateIsTheCompliersAverage() throws {
        let model = try ModelFileParser().parse("""
            noise U ~ Uniform(0, 1)
            z ~ Bernoulli(0.5)
            t = U < (0.2 + 0.5 * z)
            y = t * (1 + 2 * U) + Normal(0, 1)
            """)
        let truth = try Self.truth(model, "t", "y")
        let treatedU = (0.02 + 0.245) / 2
        Self.expectNear(truth.late, 1.9, "LATE")
        Self.expectNear(truth.ate, 2, "ATE")
        Self.expectNear(truth.att, 1 + 2 * treatedU / 0.45, "ATT")
        Self.expectNear(truth.atu, 1 + 2 * (0.5 - treatedU) / 0.55, "ATU")
        #expect(truth.varianceWeightedEffect == nil)
    }

    /// A sharp design with an effect growing in the running variable: x ~ U(0, 100),
    /// t = 1{x ≥ 60}, δ = 2 + 0.1x: 8 at the cutoff (exactly), ATE 7, ATT 10, ATU 5.
    @Test func effectAtTheCutoff() throws {
        let model = try ModelFileParser().parse("""
            x = Uniform(0, 100)
            t = x >= 60
            y = 0.2 * x + t * (2 + 0.1 * x) + Normal(0, 2)
            """)
        let truth = try Self.truth(model, "t", "y")
        #expect(truth.effectAtCutoff?.isExact == true)
        #expect(abs((truth.effectAtCutoff?.value ?? 0) - 8) < 1e-9)
        Self.expectNear(truth.ate, 7, "ATE")
        Self.expectNear(truth.att, 10, "ATT")
        Self.expectNear(truth.atu, 5, "ATU")
        // The true propensity is 0 or 1: no variance-weighted effect, and a note says why.
        #expect(truth.varianceWeightedEffect == nil)
        #expect(truth.notes.contains { $0.contains("variance-weighted effect is not defined") })
    }

    @Test func weightedMeanAndItsStandardError() throws {
        // Mean of 1…4 = 2.5; SE √(Σ(δ − θ)²)/n = √5/4 (the n-denominator form of s/√n).
        let plain = try #require(TruthValue.weightedMean([1, 2, 3, 4]))
        #expect(plain.value == 2.5 && abs(plain.standardError - 5.0.squareRoot() / 4) < 1e-15)
        // 0/1 weights: the mean over the chosen units.
        #expect(TruthValue.weightedMean([1, 2, 3, 4], weights: [0, 1, 0, 1])?.value == 3)
        // Equal effects are exact; weights summing to zero give nothing.
        #expect(TruthValue.weightedMean([7, 7, 7], weights: [1, 0, 2]) == TruthValue(value: 7, standardError: 0))
        #expect(TruthValue.weightedMean([1, 2], weights: [1, -1]) == nil)
    }

    @Test func discreteCovariatesGetOneBinPerValue() throws {
        let binned = try #require(BinnedConditionalEffects(covariate: "g", values: [0, 1, 1, 2, 0, 2], delta: [1, 2, 4, 6, 3, 6]))
        #expect(binned.bins.map(\.truth.value) == [2, 3, 6])
        let third = 2.0 / 6
        #expect(binned.bins.map(\.share) == [third, third, third])
        #expect(binned.bin(of: 1) == 1 && binned.bin(of: 7) == 2)
        // Predictions off by 1 in the first bin only: error √(1/3 · 1²).
        let error = binned.error(predictions: [3, 3, 3, 6, 3, 6], covariateValues: [0, 1, 1, 2, 0, 2])
        #expect(abs(error - (1.0 / 3).squareRoot()) < 1e-12)
    }
}

/// A fuzzy discontinuity: crossing r = 50 raises P(t = 1) by 0.7·a, a ~ U(0, 1), and the
/// effect is 4 + 6a, so the compliers at the cutoff (weight 0.7a) have
/// LATE = E[a(4 + 6a)] / E[a] = (2 + 2) / ½ = 8, while every unit's average effect is 7.
@Suite struct FuzzyDiscontinuityTests {
    static let model = """
        r = Uniform(0, 100)
        a = Uniform(0, 1)
        t ~ Bernoulli(0.1 + 0.7 * a * (r >= 50))
        y = 2 + 0.1 * r + (4 + 6 * a) * t + Normal(0, 1)
        """

    @Test func theDesignIsReadFromTheMechanism() throws {
        let design = try BenchmarkDesign(model: ModelFileParser().parse(Self.model), treatment: "t", outcome: "y")
        #expect(design.discontinuity == nil)
        #expect(design.fuzzyDiscontinuity?.rule == SharpDiscontinuity(runningVariable: "r", cutoff: 50))
        #expect(design.roles.runningVariable == "r" && design.roles.cutoff == 50)
        // Two different rules, or a rule in a noise term another variable shares, are no design.
        let twoRules = "r = Uniform(0, 100)\nt ~ Bernoulli(0.2 + 0.3 * (r >= 50) + 0.3 * (r >= 70))\ny = t + Normal(0, 1)"
        #expect(try BenchmarkDesign(model: ModelFileParser().parse(twoRules), treatment: "t", outcome: "y").fuzzyDiscontinuity == nil)
        // One rule written two ways is one design; both forms are held together.
        let twice = try ModelFileParser().parse(
            "r = Uniform(0, 100)\na = Uniform(0, 1)\nt ~ Bernoulli(0.2 + 0.3 * (r >= 50) + 0.3 * (50 <= r))\ny = (4 + 6 * a) * t + Normal(0, 1)")
        #expect(try BenchmarkDesign(model: twice, treatment: "t", outcome: "y").fuzzyDiscontinuity?.rule
                == SharpDiscontinuity(runningVariable: "r", cutoff: 50))
        // The jump (0.6) is the same for everyone, so the compliers' effect is E[4 + 6a] = 7.
        TruthTests.expectNear(try TruthTests.truth(twice, "t", "y").lateAtCutoff, 7, "LATE with the rule written twice")
        let shared = "r = Uniform(0, 100)\nU ~ Bernoulli(0.2 + 0.6 * (r >= 50))\nt = U\nw = U\ny = t + w + Normal(0, 1)"
        #expect(try BenchmarkDesign(model: ModelFileParser().parse(shared), treatment: "t", outcome: "y").fuzzyDiscontinuity == nil)
    }

    /// The running variable r = 100a² + U(−10, 10) shares the observed cause a with the
    /// effect 2 + 10a: at r = 50, a is uniform on [√0.4, √0.6], so the effect at the
    /// cutoff is 2 + 5(√0.4 + √0.6) ≈ 9.035 for units there (7 over everyone, the
    /// value do(r = 50) alone would give).
    @Test func theCutoffTruthConditionsOnTheRunningVariable() throws {
        let analytic = 2 + 5 * (0.4.squareRoot() + 0.6.squareRoot())
        let common = "a = Uniform(0, 1)\nr = 100 * a ^ 2 + Uniform(-10, 10)\ny = 0.02 * r + (2 + 10 * a) * t + Normal(0, 1)\n"
        let sharp = try TruthTests.truth(ModelFileParser().parse(common + "t = r >= 50\n"), "t", "y")
        TruthTests.expectNear(sharp.effectAtCutoff, analytic, "sharp effect at the cutoff")
        let fuzzy = try TruthTests.truth(ModelFileParser().parse(common + "t ~ Bernoulli(0.1 + 0.6 * (r >= 50))\n"), "t", "y")
        TruthTests.expectNear(fuzzy.lateAtCutoff, analytic, "fuzzy LATE at the cutoff")
    }

    /// A latent running variable is no design: nobody could measure it.
    @Test func aLatentRunningVariableIsNoDesign() throws {
        let model = try ModelFileParser().parse("latent r = Uniform(0, 100)\nt ~ Bernoulli(0.2 + 0.6 * (r >= 50))\ny = t + r + Normal(0, 1)\n")
        let design = try BenchmarkDesign(model: model, treatment: "t", outcome: "y")
        #expect(design.fuzzyDiscontinuity == nil && design.roles.runningVariable == nil)
        let sharp = try ModelFileParser().parse("latent r = Uniform(0, 100)\nt = r >= 50\ny = t + r + Normal(0, 1)\n")
        #expect(try BenchmarkDesign(model: sharp, treatment: "t", outcome: "y").discontinuity == nil)
    }

    @Test func theLATEAtTheCutoffIsTheCompliersEffect() throws {
        let truth = try TruthTests.truth(ModelFileParser().parse(Self.model), "t", "y")
        TruthTests.expectNear(truth.lateAtCutoff, 8, "LATE at the cutoff")
        TruthTests.expectNear(truth.ate, 7, "ATE")
        #expect(truth.effectAtCutoff == nil)
        #expect(truth.value(for: .lateAtCutoff) == truth.lateAtCutoff)
    }
}
