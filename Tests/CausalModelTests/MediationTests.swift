import Foundation
import Testing
@testable import CausalModel

/// Mediation effects against independent answers: path products in a linear model, and
/// numeric quadrature for a non-linear model with an exposure–mediator interaction.
@Suite struct MediationTests {
    /// T → W → M → Y, T → M, T → Y, W → Y, Z → M, Z → Y (W: a mediator-outcome confounder affected by T).
    @Test func linearEffectsArePathProducts() throws {
        let (a, b, c, d, e, f) = (2.0, 4.0, 1.5, 0.7, -1.2, 0.3)
        let model = try ModelFileParser().parse("""
            z = Normal(0, 1)
            t ~ Bernoulli(0.4)
            w = \(d) * t + Normal(0, 1)
            m = 1 + \(a) * t + \(f) * w + 0.5 * z + Normal(0, 1)
            y = 3 + \(c) * t + \(b) * m + \(e) * w - z + Normal(0, 2)
            """)
        let effects = try model.mediationEffects(treatment: "t", mediator: "m", outcome: "y")
        let indirect = a * b + d * f * b          // t → m → y and t → w → m → y
        let direct = c + d * e                     // t → y and t → w → y
        #expect(effects.method.hasPrefix("exact"))
        #expect(abs(effects.naturalIndirect.value - indirect) <= 1e-12 * abs(indirect))
        #expect(abs(effects.naturalDirect.value - direct) <= 1e-12 * abs(direct))
        #expect(abs(effects.total.value - (direct + indirect)) <= 1e-12 * abs(direct + indirect))
        #expect(abs(effects.controlledDirect.value - direct) <= 1e-12 * abs(direct))
        #expect(effects.naturalDirect.standardError == 0)
    }

    /// M = 0.5 + T + U_M, Y = M + 1.5·T·M + 0.4·M² + U_Y, U ~ Normal(0, 1). With
    /// M(t) = 0.5 + t + u, E[Y(t, M(t'))] = ∫ (m + 1.5·t·m + 0.4·m²) φ(u) du, m = 0.5 + t' + u,
    /// computed here by the trapezoidal rule on [−10, 10].
    @Test func nonLinearEffectsAgreeWithQuadrature() throws {
        let model = try ModelFileParser().parse("""
            t ~ Bernoulli(0.5)
            m = 0.5 + t + Normal(0, 1)
            y = m + 1.5 * t * m + 0.4 * m ^ 2 + Normal(0, 1)
            """)
        func expectedY(_ t: Double, _ tm: Double) -> Double {
            let steps = 20_000, h = 20.0 / Double(steps)
            var sum = 0.0
            for k in 0...steps {
                let u = -10 + Double(k) * h
                let m = 0.5 + tm + u
                let weight = (k == 0 || k == steps) ? 0.5 : 1
                sum += weight * (m + 1.5 * t * m + 0.4 * m * m) * exp(-u * u / 2) / (2 * Double.pi).squareRoot()
            }
            return sum * h
        }
        let effects = try model.mediationEffects(treatment: "t", mediator: "m", outcome: "y", mediatorValue: 1, rows: 200_000, seed: 9)
        #expect(effects.method.hasPrefix("simulation"))
        let nde = expectedY(1, 0) - expectedY(0, 0), nie = expectedY(1, 1) - expectedY(1, 0), total = expectedY(1, 1) - expectedY(0, 0)
        for (name, truth, estimate) in [("NDE", nde, effects.naturalDirect), ("NIE", nie, effects.naturalIndirect),
                                        ("total", total, effects.total)] {
            #expect(estimate.standardError > 0)
            #expect(abs(estimate.value - truth) <= 4.4 * estimate.standardError,
                    "\(name): \(estimate.value) vs quadrature \(truth), se \(estimate.standardError)")
        }
        // With m held at 1: Y(1, 1) − Y(0, 1) = 1.5 · 1 for every unit, so the CDE is exact.
        #expect(abs(effects.controlledDirect.value - 1.5) <= 1e-12)
    }

    @Test func badRequestsAreErrors() throws {
        let model = try ModelFileParser().parse("t ~ Bernoulli(0.5)\nm = t + Normal(0, 1)\ny = m + Normal(0, 1)\n")
        #expect(throws: ModelError.self) { try model.mediationEffects(treatment: "t", mediator: "mm", outcome: "y") }
        #expect(throws: ModelError.self) { try model.mediationEffects(treatment: "t", mediator: "t", outcome: "y") }
    }
}
