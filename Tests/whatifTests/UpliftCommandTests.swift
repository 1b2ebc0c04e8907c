import Foundation
import Testing

/// `whatif uplift`: the JSON contract on the scikit-uplift reference data, the table,
/// the picture and one-line errors naming row and column.
@Suite struct UpliftCommandTests {
    /// The reference folder of the Estimators tests (provenance in its README).
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EstimatorsTests/Reference/uplift")

    static func writeCSV(_ text: String) throws -> String {
        let path = CommandLineTests.temporaryPath("uplift.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func contractJSONMatchesScikitUplift() throws {
        let data = Self.reference.appendingPathComponent("uplift_data.csv").path
        let run = try WhatIf("uplift", data, "--treatment", "treatment", "--outcome", "y", "--score", "score",
                             "--true-effect", "true_uplift", "--json", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.reference.appendingPathComponent("results.json"))) as? [String: Any])
        let metrics = try #require(results["metrics"] as? [String: Double])
        func close(_ a: Any?, _ b: Double?) -> Bool {
            guard let a = a as? Double, let b else { return false }
            return abs(a - b) <= 1e-10 * abs(b)
        }
        #expect(close(root["qiniAuc"], metrics["qini_auc_score"]))
        #expect(close(root["upliftAuc"], metrics["uplift_auc_score"]))
        let atK = try #require(root["upliftAtK"] as? [String: Double])
        #expect(close(atK["0.1"], metrics["uplift_at_k_overall_0.1"]) && close(atK["0.3"], metrics["uplift_at_k_overall_0.3"]))
        let curves = try #require(root["curves"] as? [String: Any])
        let qini = try #require(curves["qini"] as? [String: [Double]])
        #expect(qini["x"]?.count == 641 && qini["y"]?.count == 641)
        #expect(curves["uplift"] is [String: [Double]])
        let oracle = try #require(root["oracle"] as? [String: Any])
        #expect(close(oracle["qiniAuc"], metrics["qini_auc_score_true_uplift_score"]))
        #expect(close(oracle["upliftAuc"], metrics["uplift_auc_score_true_uplift_score"]))
        #expect(oracle["upliftAtK"] is [String: Double] && oracle["curves"] is [String: Any])
    }

    @Test func printsATableAndDrawsThePicture() throws {
        let plot = CommandLineTests.temporaryPath("uplift.svg")
        defer { try? FileManager.default.removeItem(atPath: plot) }
        let data = Self.reference.appendingPathComponent("uplift_data.csv").path
        let run = try WhatIf("uplift", data, "--treatment", "treatment", "--outcome", "y", "--score", "score", "--plot", plot)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Uplift evaluation of 'score' on 5000 units (2500 treated, 2500 control)\n"))
        #expect(run.stdout.contains("\n  Qini AUC (normalised)    0.1054\n"))
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg ") && svg.contains("Qini curve"))
    }

    @Test(arguments: [
        ("t,y,s\n1,1,0.2\n2,0,0.1\n", "whatif: error: treatment column 't', row 2: value 2.0 is not 0 or 1 (this estimator needs a binary treatment)\n"),
        ("t,y,s\n1,1,0.5\n0,0,0.5\n", "whatif: error: column 's': every unit has the same score (0.5), so it ranks no one\n"),
        ("t,y,s\n1,1,0.5\n0,,0.2\n", "whatif: error: column 'y', row 2: missing or non-finite value\n"),
        ("t,y,s\n1,1,0.5\n1,0,0.2\n", "whatif: error: column 't': no control units (every value is 1)\n"),
        ("t,y,s\n1,1,0.5\n0,0,x\n", "whatif: error: UPLIFT, line 3 (row 2), column 's': 'x' is not a number\n"),
    ])
    func badInputIsOneLineNamingRowAndColumn(csv: String, message: String) throws {
        let path = try Self.writeCSV(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("uplift", path, "--treatment", "t", "--outcome", "y", "--score", "s")
        #expect(run.status == 1)
        #expect(run.stderr == message.replacingOccurrences(of: "UPLIFT", with: path))
        #expect(run.stdout.isEmpty)
    }

    @Test func badOptionsAreOneLine() throws {
        let path = try Self.writeCSV("t,y,s\n1,1,0.5\n0,0,0.2\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let k = try WhatIf("uplift", path, "--treatment", "t", "--outcome", "y", "--score", "s", "--k", "0.1,1.5")
        #expect(k.status != 0 && k.stderr == "whatif: error: --k: '1.5' is not a share strictly between 0 and 1 (e.g. 0.1 for the top 10%)\n")
        let column = try WhatIf("uplift", path, "--treatment", "t", "--outcome", "y", "--score", "score")
        #expect(column.status == 1 && column.stderr.hasPrefix("whatif: error: ") && column.stderr.contains("'score'"))
    }
}
