import Foundation
import GSL
import Testing
import TestSupport
@testable import CausalModel

/// Sample moments of linear-Gaussian models against their closed forms:
/// X = BX + N with N ~ N(0, D) has covariance (I − B)⁻¹ D (I − B)⁻ᵀ, and
/// do(X_k = x) zeroes row k of B and sets X_k = x.
@Suite struct LinearGaussianTests {
    struct Reference {
        let nodes: [String]
        let weights: Matrix        // B[j][i]: weight of node i in node j's equation
        let noiseSD: [Double]
        let observationalMean: [Double]
        let observationalCovariance: Matrix
        let interventionNode: String
        let interventionValue: Double
        let interventionalMean: [Double]
        let interventionalCovariance: Matrix
        let counterfactualRows: [(observed: [Double], counterfactual: [Double])]

        init() throws {
            let json = try ReferenceFile.json("g1_linear_gaussian_p10")
            let model = json["model"] as! [String: Any]
            nodes = model["nodes"] as! [String]
            var b = Matrix(rows: nodes.count, columns: nodes.count)
            for edge in model["edges"] as! [[String: Any]] {
                let from = nodes.firstIndex(of: edge["from"] as! String)!
                let to = nodes.firstIndex(of: edge["to"] as! String)!
                b[to, from] = edge["weight"] as! Double
            }
            weights = b
            noiseSD = model["noise_sd"] as? [Double] ?? (model["noise_sds"] as! [Double])
            let observational = json["observational"] as! [String: Any]
            observationalMean = observational["mean"] as! [Double]
            observationalCovariance = Matrix(observational["covariance"] as! [[Double]])
            let interventional = json["interventional"] as! [String: Any]
            let intervention = interventional["intervention"] as! [String: Double]
            interventionNode = intervention.keys.first!
            interventionValue = intervention.values.first!
            interventionalMean = interventional["mean"] as! [Double]
            interventionalCovariance = Matrix(interventional["covariance"] as! [[Double]])
            let examples = json["counterfactual_examples"] as! [String: Any]
            counterfactualRows = (examples["rows"] as! [[String: Any]]).map {
                ($0["observed"] as! [Double], $0["counterfactual"] as! [Double])
            }
        }

        /// The reference model written in the model-file language.
        var modelText: String {
            nodes.enumerated().map { j, name in
                var terms: [String] = []
                for i in nodes.indices where weights[j, i] != 0 { terms.append("\(weights[j, i]) * \(nodes[i])") }
                terms.append("Normal(0, \(noiseSD[j]))")
                return "\(name) = " + terms.joined(separator: " + ")
            }.joined(separator: "\n")
        }
    }

    static func checkMoments(_ data: [[Double]], mean: [Double], covariance: Matrix, label: String) {
        let n = data[0].count
        for i in data.indices {
            let sd = covariance[i, i].squareRoot()
            if sd == 0 {
                #expect(data[i].allSatisfy { $0 == mean[i] }, "\(label): constant column \(i)")
                continue
            }
            let m = withinStandardErrors(SampleMoments.mean(data[i]), mean[i], standardError: sd / Double(n).squareRoot())
            #expect(m.ok, "\(label) mean \(i): \(m.message)")
            for j in 0...i where covariance[j, j] > 0 {
                let se = SampleMoments.gaussianCovarianceStandardError(covariance[i, i], covariance[j, j], covariance[i, j], n: n)
                let c = withinStandardErrors(SampleMoments.covariance(data[i], data[j]), covariance[i, j], standardError: se)
                #expect(c.ok, "\(label) cov(\(i),\(j)): \(c.message)")
            }
        }
    }

    @Test func referenceModelObservationalMoments() throws {
        let reference = try Reference()
        let model = try ModelFileParser(file: "g1").parse(reference.modelText)
        let table = try model.sample(rows: 200_000, seed: 101)
        let data = try reference.nodes.map { try table.numbers($0) }
        Self.checkMoments(data, mean: reference.observationalMean, covariance: reference.observationalCovariance, label: "observational")
    }

    @Test func referenceModelInterventionalMoments() throws {
        let reference = try Reference()
        let model = try ModelFileParser(file: "g1").parse(reference.modelText)
            .intervening(.set(reference.interventionNode, to: reference.interventionValue))
        let table = try model.sample(rows: 200_000, seed: 202)
        let data = try reference.nodes.map { try table.numbers($0) }
        Self.checkMoments(data, mean: reference.interventionalMean, covariance: reference.interventionalCovariance, label: "do")
    }

    /// The closed form computed here, independently of the reference file, on a model
    /// with non-zero intercepts: mean (I − B)⁻¹c and covariance (I − B)⁻¹ D (I − B)⁻ᵀ.
    @Test func closedFormWithIntercepts() throws {
        let text = """
            a = Normal(1, 2)
            b = 3 - 0.5 * a + Normal(0, 1)
            c = 0.8 * a + 1.5 * b - 2 + Normal(0, 0.5)
            d = -c / 2 + a + Normal(4, 1.5)
            """
        let model = try ModelFileParser().parse(text)
        var b = Matrix(rows: 4, columns: 4)
        b[1, 0] = -0.5; b[2, 0] = 0.8; b[2, 1] = 1.5; b[3, 2] = -0.5; b[3, 0] = 1
        let intercepts = [1.0, 3, -2, 4]
        let d = Matrix.diagonal([4, 1, 0.25, 2.25])
        let total = try (Matrix.identity(4) - b).inverse()
        let covariance = total * d * total.transposed
        let mean = total * intercepts
        let table = try model.sample(rows: 100_000, seed: 5)
        let data = try ["a", "b", "c", "d"].map { try table.numbers($0) }
        Self.checkMoments(data, mean: mean, covariance: covariance, label: "intercepts")
    }
}
