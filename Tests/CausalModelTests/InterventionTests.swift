import Testing
import TestSupport
@testable import CausalModel

@Suite struct InterventionTests {
    let model = try! ModelFileParser().parse("""
        z = Normal(0, 1)
        x = 2 * z + Normal(0, 1)
        y = 3 * x - z + Normal(0, 1)
        """)

    @Test func hardInterventionRemovesArrowsIntoTheVariable() throws {
        let intervened = try model.intervening(.set("x", to: 1.5))
        let x = intervened.index(of: "x")!
        #expect(intervened.graph.parents(of: x).isEmpty)
        #expect(intervened.noiseTerm(named: "U_x") == nil)
        #expect(model.graph.parents(of: x).count == 1)
        let table = try intervened.sample(rows: 1000, seed: 2)
        #expect(try table.numbers("x").allSatisfy { $0 == 1.5 })
    }

    /// Same seed, different action: the units keep their noise, so y(x=1) − y(x=0) = 3 exactly.
    @Test func interventionsReuseEveryOtherNoiseTerm() throws {
        let a = try model.intervening(.set("x", to: 0)).sample(rows: 5000, seed: 6)
        let b = try model.intervening(.set("x", to: 1)).sample(rows: 5000, seed: 6)
        let ya = try a.numbers("y"), yb = try b.numbers("y")
        for i in ya.indices { #expect(abs(yb[i] - ya[i] - 3) < 1e-12) }
        #expect(try a.numbers("z") == (try model.sample(rows: 5000, seed: 6).numbers("z")))
    }

    @Test func shiftAddsAConstantToTheMechanism() throws {
        let base = try model.sample(rows: 2000, seed: 3)
        let shifted = try model.intervening(.shift("x", by: 0.25)).sample(rows: 2000, seed: 3)
        let x0 = try base.numbers("x"), x1 = try shifted.numbers("x")
        let y0 = try base.numbers("y"), y1 = try shifted.numbers("y")
        for i in x0.indices {
            #expect(abs(x1[i] - x0[i] - 0.25) < 1e-12)
            #expect(abs(y1[i] - y0[i] - 0.75) < 1e-12)
        }
    }

    @Test func replacedMechanismAndStochasticPolicy() throws {
        let replaced = try ModelFileParser().parseIntervention("x = -z + Normal(5, 2)", in: model)
        let policy = try ModelFileParser().parseIntervention("x ~ Bernoulli(0.3)", in: model)
        #expect(policy == .replace("x", with: .noise("U_do_x"), noise: [NoiseTerm(name: "U_do_x", family: .bernoulli, parameters: [.constant(0.3)])]))
        let n = 100_000
        let data = try model.intervening([replaced, .set("z", to: 1)]).sample(rows: n, seed: 4)
        let x = try data.numbers("x")
        let check = withinStandardErrors(SampleMoments.mean(x), 4, standardError: 2 / Double(n).squareRoot())
        #expect(check.ok, "\(check.message)")
        let p = try model.intervening([policy]).sample(rows: n, seed: 4).numbers("x")
        let q = withinStandardErrors(SampleMoments.mean(p), 0.3, standardError: (0.21 / Double(n)).squareRoot())
        #expect(q.ok, "\(q.message)")
        #expect(try model.intervening(.policy("x", .bernoulli, [.constant(0.3)])) == (try model.intervening(policy)))
    }

    @Test func randomisingCutsTheArrowsAndFlipsACoin() throws {
        let binary = try ModelFileParser().parse("""
            z = Normal(0, 1)
            t ~ Bernoulli(logistic(2 * z))
            y = t + z + Normal(0, 1)
            """)
        let experiment = try binary.intervening(.randomised("t", probability: 0.3))
        #expect(experiment == (try binary.intervening(.policy("t", .bernoulli, [.constant(0.3)]))))
        #expect(experiment.graph.parents(of: experiment.index(of: "t")!).isEmpty)
        // P(t = 1) = 0.3 whatever z, so z's mean is the same in both arms.
        let n = 100_000
        let data = try experiment.sample(rows: n, seed: 6)
        let (t, z) = (try data.numbers("t"), try data.numbers("z"))
        let share = withinStandardErrors(SampleMoments.mean(t), 0.3, standardError: (0.21 / Double(n)).squareRoot())
        #expect(share.ok, "\(share.message)")
        let treated = z.indices.filter { t[$0] == 1 }.map { z[$0] }, control = z.indices.filter { t[$0] == 0 }.map { z[$0] }
        let gap = withinStandardErrors(SampleMoments.mean(treated) - SampleMoments.mean(control), 0,
                                       standardError: (1 / Double(treated.count) + 1 / Double(control.count)).squareRoot())
        #expect(gap.ok, "\(gap.message)")
    }

    @Test func badInterventionsAreErrors() {
        #expect(throws: ModelError("no variable named 'w' in the model")) { try model.intervening(.set("w", to: 1)) }
        #expect(throws: ModelError("is intervened on more than once", variable: "x")) {
            try model.intervening([.set("x", to: 1), .shift("x", by: 2)])
        }
        #expect(throws: ModelError.self) { try ModelFileParser().parseIntervention("x = 2 * q", in: model) }
        #expect(throws: ModelError.self) { try model.intervening(.set("x", to: .nan)) }
    }
}

@Suite struct CausalDiagramTests {
    @Test func sharedNoiseBecomesALatentCommonCause() throws {
        let model = try ModelFileParser().parse("""
            noise U ~ Normal(0, 1)
            latent z = Normal(0, 1)
            x = U + z + Normal(0, 1)
            y = U + 2 * x + Normal(0, 1)
            w = x + Normal(0, 1)
            """)
        let diagram = model.causalDiagram
        #expect(diagram.names == ["z", "x", "y", "w", "U"])
        #expect(diagram.latentNodes == [0, 4])
        #expect(try diagram.children(of: "U") == ["x", "y"])
        #expect(try diagram.parents(of: "y") == ["U", "x"])
    }
}
