import Foundation
import GSL
import Tabular
import Testing
import TestSupport
@testable import CausalModel

/// Counterfactuals in additive-noise models against closed forms: unit rows
/// against the reference's exact rationals and the identity
/// x_cf = x + (x* − x₃)·T[:, 3] of linear models; population expectations under
/// partial evidence against Gaussian conditioning computed from the reference
/// covariance; invertible non-linear equations against hand-solved noise.
@Suite struct CounterfactualLinearTests {
    typealias Reference = LinearGaussianTests.Reference

    static func referenceModel(_ reference: Reference) throws -> StructuralCausalModel {
        try ModelFileParser(file: "g1").parse(reference.modelText)
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func referenceRowsToTwelveDigits() throws {
        let reference = try Reference()
        let model = try Self.referenceModel(reference)
        let observed = reference.counterfactualRows.map(\.observed)
        let table = try Table(numericColumns: reference.nodes.enumerated().map { j, name in (name, observed.map { $0[j] }) })
        let result = try model.counterfactuals(for: table, doing: [.set(reference.interventionNode, to: reference.interventionValue)],
                                               options: CounterfactualOptions(threads: 2))
        #expect(result.rowsByMethod == [.exactInversion: observed.count])
        for (j, name) in reference.nodes.enumerated() {
            let column = try result.table.numbers(name)
            for (r, row) in reference.counterfactualRows.enumerated() {
                #expect(Self.close(column[r], row.counterfactual[j], 1e-12), "row \(r) \(name): \(column[r]) vs \(row.counterfactual[j])")
            }
        }
    }

    /// Held-out rows sampled from the model: x_cf = x + (1 − x₃)·T[:, 3] with T from the reference.
    @Test func sampledRowsMatchTheTotalEffectIdentity() throws {
        let reference = try Reference()
        let model = try Self.referenceModel(reference)
        let json = try ReferenceFile.json("g1_linear_gaussian_p10")
        let total = (json["total_effect_matrix"] as! [String: Any])["T"] as! [[Double]]
        let data = try model.sample(rows: 10_000, seed: 77)
        let result = try model.counterfactuals(for: data, doing: [.set("node_3", to: 1)], options: CounterfactualOptions(threads: 2))
        let x3 = try data.numbers("node_3")
        var worst = 0.0
        for (j, name) in reference.nodes.enumerated() {
            let x = try data.numbers(name)
            let cf = try result.table.numbers(name)
            for r in x.indices {
                let expected = x[r] + (1 - x3[r]) * total[j][3]
                worst = max(worst, abs(cf[r] - expected) / max(1, abs(expected)))
            }
        }
        #expect(worst <= 1e-12, "largest relative error \(worst)")
    }

    /// With do equal to the observed value, the counterfactual is the evidence.
    @Test func consistencyReproducesTheEvidence() throws {
        let reference = try Reference()
        let model = try Self.referenceModel(reference)
        let data = try model.sample(rows: 500, seed: 3)
        for name in ["node_0", "node_3", "node_6"] {
            for r in [0, 17, 499] {
                let row = Dictionary(uniqueKeysWithValues: try reference.nodes.map { ($0, try data.numbers($0)[r]) })
                for target in reference.nodes {
                    let answer = try model.counterfactualExpectation(of: target, given: Evidence(row),
                                                                     doing: [.set(name, to: row[name]!)])
                    #expect(answer.method == .exactInversion)
                    #expect(Self.close(answer.value, row[target]!, 1e-12), "do(\(name)) row \(r) \(target)")
                }
            }
        }
    }

    /// E[X*_q | x_O] = E[X_q | x_O] + T[q, 3]·(1 − E[X₃ | x_O]), with
    /// E[X | x_O] = Σ_{·O} Σ_OO⁻¹ x_O from the reference's exact covariance.
    static func gaussianTruth(_ reference: Reference, total: [[Double]], evidence: [String: Double], query: String) throws -> Double {
        let observed = reference.nodes.indices.filter { evidence[reference.nodes[$0]] != nil }
        let sigma = reference.observationalCovariance
        let soo = Matrix(observed.map { i in observed.map { sigma[i, $0] } })
        let weights = try soo.solve(observed.map { evidence[reference.nodes[$0]]! })
        func conditionalMean(_ q: Int) -> Double { zip(observed, weights).reduce(0) { $0 + sigma[q, $1.0] * $1.1 } }
        let q = reference.nodes.firstIndex(of: query)!
        return conditionalMean(q) + total[q][3] * (1 - conditionalMean(3))
    }

    @Test func partialEvidenceMatchesGaussianConditioning() throws {
        let reference = try Reference()
        let model = try Self.referenceModel(reference)
        let total = ((try ReferenceFile.json("g1_linear_gaussian_p10"))["total_effect_matrix"] as! [String: Any])["T"] as! [[Double]]
        let evidence = ["node_1": -0.8, "node_4": 0.6, "node_8": 2.0]
        for query in ["node_7", "node_9", "node_2"] {
            let truth = try Self.gaussianTruth(reference, total: total, evidence: evidence, query: query)
            let exact = try model.counterfactualExpectation(of: query, given: Evidence(evidence), doing: [.set("node_3", to: 1)])
            #expect(exact.method == .gaussianConditioning)
            #expect(Self.close(exact.value, truth, 1e-10), "\(query): \(exact.value) vs \(truth)")
            let sampled = try model.counterfactualExpectation(
                of: query, given: Evidence(evidence), doing: [.set("node_3", to: 1)],
                options: CounterfactualOptions(samples: 20_000, seed: 11, forceSampling: true, threads: 2))
            #expect(sampled.method == .likelihoodWeighting)
            let check = withinStandardErrors(sampled.value, truth, standardError: sampled.standardError)
            #expect(check.ok, "\(query) sampled: \(check.message)")
            #expect((sampled.effectiveSampleSize ?? 0) > 100)
        }
    }

    /// Exponential, logistic, square-root and additive Exponential noise, solved by hand.
    @Test func invertibleNonLinearEquations() throws {
        let model = try ModelFileParser().parse("""
            a = Normal(1, 0.5)
            b = exp(0.3 * a + Normal(0, 0.2))
            c = logistic(2 * log(b) - a + Laplace(0, 0.5))
            d = sqrt(c) * (1 + a * a) + Exponential(2)
            e = 3 / (1 + b * Gamma(2, 1))
            """)
        let data = try model.sample(rows: 200, seed: 9)
        let result = try model.counterfactuals(for: data, doing: [.set("a", to: 2)])
        #expect(result.rowsByMethod == [.exactInversion: 200])
        let columns = try ["a", "b", "c", "d", "e"].map { try data.numbers($0) }
        let cf = try ["a", "b", "c", "d", "e"].map { try result.table.numbers($0) }
        for r in 0..<200 {
            let (a, b, c, d, e) = (columns[0][r], columns[1][r], columns[2][r], columns[3][r], columns[4][r])
            let noiseB = log(b) - 0.3 * a
            let noiseC = log(c / (1 - c)) - 2 * log(b) + a
            let noiseD = d - c.squareRoot() * (1 + a * a)
            let noiseE = (3 / e - 1) / b
            let b2 = exp(0.6 + noiseB)
            let c2 = 1 / (1 + exp(-(2 * log(b2) - 2 + noiseC)))
            let d2 = c2.squareRoot() * 5 + noiseD
            let e2 = 3 / (1 + b2 * noiseE)
            for (value, expected) in zip([cf[1][r], cf[2][r], cf[3][r], cf[4][r]], [b2, c2, d2, e2]) {
                #expect(Self.close(value, expected, 1e-11), "row \(r): \(value) vs \(expected)")
            }
        }
    }
}
