import CausalModel
import Fitting
import Foundation
import Tabular
import Testing

/// The boosted-tree family (`auto(x; family = trees)`) on the mis-specification
/// check: data from y = sin(2x) + x² + Normal(0, 0.5), x ~ Uniform(−2, 2), fitted by the
/// linear-Gaussian mechanism (flagged) and by the trees (not flagged, and the fitted
/// model's interventional means E[y | do(x = v)] = sin(2v) + v² within tolerance).
@Suite struct TreeFamilyTests {
    static let noiseSd = 0.5
    static let rows = 20_000
    static let truth = try! ModelFileParser().parse("x = Uniform(-2, 2)\ny = sin(2 * x) + x ^ 2 + Normal(0, 0.5)\n")
    static let data = try! truth.sample(rows: rows, seed: 16)
    static let treeFit = try! ModelFit(model: try! ModelFileParser().parseParametric("x = auto()\ny = auto(x; family = trees)\n"),
                                       data: data)

    /// The trees' error at a point, as a bound: the standard error of the mean of one of the
    /// 256 quantile bins a split can isolate (σ/√(n/256)); the fit is never coarser than that.
    static let binStandardError = noiseSd / (Double(rows) / 256).squareRoot()

    /// E[y | do(x = v)] from a fitted model, by 4000 draws, with its Monte Carlo standard error.
    static func interventionalMean(_ model: StructuralCausalModel, _ v: Double) throws -> (mean: Double, se: Double) {
        let y = try model.intervening([.set("x", to: v)]).sample(rows: 4000, seed: 5).numbers("y")
        let mean = y.reduce(0, +) / 4000
        let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3999).squareRoot()
        return (mean, sd / 4000.0.squareRoot())
    }

    @Test func aLinearMechanismOnANonLinearTruthIsFlaggedAndTheTreesRepairIt() throws {
        let linear = try ModelFit(model: try ModelFileParser().parseParametric("x = auto()\ny = auto(x)\n"), data: Self.data)
        let linearY = try #require(linear.variables.first { $0.variable == "y" })
        #expect(linearY.residualCheck?.isFlagged == true)

        let trees = try #require(Self.treeFit.variables.first { $0.variable == "y" })
        #expect(trees.family == "boosted-trees")
        #expect(trees.residualCheck?.isFlagged == false)
        #expect(!Self.treeFit.warnings.contains { $0.contains("'y'") })
        // σ̂ from out-of-fold residuals: σ plus at most a bin mean's estimation error, ± 4 SE of a sd.
        let sigma = try #require(Self.treeFit.parameters.first { $0.name == "y_sd" }?.summary.mean)
        let se = Self.noiseSd / (2 * Double(Self.rows)).squareRoot()
        #expect(sigma >= Self.noiseSd - 4 * se)
        #expect(sigma <= Self.noiseSd * (1 + 256 / (0.8 * Double(Self.rows))).squareRoot() + 4 * se)

        let fitted = try Self.treeFit.posteriorMeanModel()
        let linearModel = try linear.posteriorMeanModel()
        var linearMisses = 0
        for v in [-1.5, -0.75, 0, 0.75, 1.5] {
            let truth = sin(2 * v) + v * v
            let (mean, se) = try Self.interventionalMean(fitted, v)
            let tolerance = 4 * (Self.binStandardError + se)
            #expect(abs(mean - truth) <= tolerance, "E[y | do(x = \(v))] = \(mean), truth \(truth), tolerance \(tolerance)")
            let (linearMean, _) = try Self.interventionalMean(linearModel, v)
            if abs(linearMean - truth) > tolerance { linearMisses += 1 }
        }
        #expect(linearMisses >= 3, "the tolerance is loose enough to pass the mis-specified linear fit")
    }

    @Test func abductionRecoversTheAdditiveNoiseExactly() throws {
        let fitted = try Self.treeFit.posteriorMeanModel()
        let ensemble = try #require(Self.treeFit.treeEnsembles["y"])
        let x = Array(try Self.data.numbers("x").prefix(300)), y = Array(try Self.data.numbers("y").prefix(300))
        let evidence = try Table(numericColumns: [("x", x), ("y", y)], source: "evidence")
        let same = try fitted.counterfactuals(for: evidence, doing: []).table.numbers("y")
        let moved = try fitted.counterfactuals(for: evidence, doing: [.set("x", to: 0.5)]).table.numbers("y")
        let atHalf = ensemble.prediction([0.5])
        for i in x.indices {
            #expect(abs(same[i] - y[i]) <= 1e-12 * max(1, abs(y[i])), "row \(i + 1): \(same[i]) reproduces \(y[i])")
            let expected = atHalf + (y[i] - ensemble.prediction([x[i]]))   // f(0.5) + u, u = y − f(x)
            #expect(abs(moved[i] - expected) <= 1e-12 * max(1, abs(expected)))
        }
    }

    @Test func theFittedFileAndItsSidecarReadBackAsTheSameModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trees-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fitted = try Self.treeFit.posteriorMeanModel()
        let path = folder + "/fitted.scm"
        #expect(TreeSidecar.path(forModelFile: path) == folder + "/fitted.trees.json")
        try fitted.description.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(fitted.description.contains("y = trees(x) + Normal(0, "))
        // Without the sidecar: an error naming it.
        #expect { try ModelFileParser(file: path).parse(fitted.description) } throws: { error in
            "\(error)".contains("fitted.trees.json") && "\(error)".contains("does not exist")
        }
        try TreeSidecar.text(Self.treeFit.treeEnsembles).write(toFile: folder + "/fitted.trees.json", atomically: true, encoding: .utf8)
        let reread = try ModelFileParser(file: path).parse(fitted.description)
        let a = try fitted.sample(rows: 2000, seed: 9), b = try reread.sample(rows: 2000, seed: 9)
        #expect(try a.numbers("y") == b.numbers("y"))
        // The inputs the equation gives must be the ensemble's.
        let other = "z = Normal(0, 1)\nx = Normal(0, 1)\ny = trees(z) + Normal(0, 1)\n"
        #expect { try ModelFileParser(file: path).parse(other) } throws: { "\($0)".contains("reads (x), but the equation gives trees(z)") }
        try "{\"format\": \"whatif-trees\", \"version\": 1, \"ensembles\": {\"y\": {\"inputs\": [\"x\"]}}}"
            .write(toFile: folder + "/fitted.trees.json", atomically: true, encoding: .utf8)
        #expect { try ModelFileParser(file: path).parse(fitted.description) } throws: { "\($0)".contains("key 'base' is missing") }
        #expect { try ModelFileParser().parseParametric("x = auto()\ny = auto(x; family = forest)\n") } throws: {
            "\($0)".contains("unknown family 'forest'")
        }
    }
}
