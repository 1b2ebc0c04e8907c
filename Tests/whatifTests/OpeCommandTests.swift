import Foundation
import Testing

/// `whatif ope DATA.csv`: the JSON contract on Open Bandit Pipeline's reference data,
/// the table, and one-line errors naming row and column.
@Suite struct OpeCommandTests {
    /// The reference folder of the Estimators tests (provenance in its README).
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EstimatorsTests/Reference/ope")

    static let logged = reference.appendingPathComponent("logged_data.csv").path

    @Test func contractJSONMatchesOpenBanditPipeline() throws {
        let run = try WhatIf("ope", Self.logged, "--action", "action", "--reward", "reward", "--propensity", "pscore",
                             "--target-prefix", "eval_prob_a", "--reward-model-prefix", "q_hat_a", "--switch-lambda", "5", "--json", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(root["rounds"] as? Int == 3000 && root["actions"] as? Int == 5)
        let results = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.reference.appendingPathComponent("results.json"))) as? [String: Any])
        let point = try #require(results["point_estimates"] as? [String: Double])
        let estimators = try #require(root["estimators"] as? [[String: Any]])
        #expect(estimators.map { $0["name"] as? String } == ["ips", "snips", "dm", "dr", "sndr", "switch-dr"])
        let obpNames = ["ips": "ipw", "snips": "snipw", "dm": "dm", "dr": "dr", "sndr": "sndr", "switch-dr": "switch-dr_lambda5"]
        for entry in estimators {
            let name = try #require(entry["name"] as? String)
            let estimate = try #require(entry["estimate"] as? Double), expected = try #require(point[obpNames[name]!])
            #expect(abs(estimate - expected) <= 1e-10 * expected, "\(name): \(estimate) vs obp \(expected)")
            let lower = try #require(entry["lower"] as? Double), upper = try #require(entry["upper"] as? Double)
            #expect(lower < estimate && estimate < upper && entry["standardError"] is Double)
        }
        let weights = try #require(root["weights"] as? [String: Double])
        #expect(weights["mean"] != nil && weights["max"] != nil && weights["effectiveSampleSize"] != nil)
    }

    @Test func withoutARewardModelOnlyIPSAndSNIPS() throws {
        let run = try WhatIf("ope", Self.logged, "--action", "action", "--reward", "reward", "--propensity", "pscore",
                             "--target-prefix", "eval_prob_a")
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Off-policy evaluation of the target policy on 3000 logged rounds, 5 actions\n"))
        #expect(run.stdout.contains("\n  ips ") && run.stdout.contains("\n  snips ") && !run.stdout.contains("\n  dr "))
        #expect(run.stdout.contains("need a reward model (--reward-model-prefix)"))
    }

    @Test(arguments: [
        ("a,r,p,t0,t1\n0,1,0.5,0.3,0.7\n1,0,0,0.3,0.7\n",
         "column 'p', row 2: propensity 0 is not in (0, 1]: it is the logging policy's probability of the logged action"),
        ("a,r,p,t0,t1\n0,1,0.5,0.3,0.7\n1,0,1.5,0.3,0.7\n",
         "column 'p', row 2: propensity 1.5 is not in (0, 1]: it is the logging policy's probability of the logged action"),
        ("a,r,p,t0,t1\n0,1,0.5,0.3,0.7\n1,0,0.5,0.3,0.6\n", "columns 't0…t1', row 2: the target probabilities sum to 0.9, not 1"),
        ("a,r,p,t0,t1\n0,1,0.5,0.3,0.7\n2,0,0.5,0.3,0.7\n", "column 'a', row 2: action 2 is not one of the actions 0…1 (the columns t0…t1)"),
        ("a,r,p,t0,t1\n0,1,0.5,1.3,-0.3\n1,0,0.5,0.3,0.7\n", "column 't0', row 1: target probability 1.3 is not in [0, 1]"),
        ("a,r,p,t0,t1\n0,1,0.5,0.3,0.7\n1,,0.5,0.3,0.7\n", "column 'r', row 2: missing or non-finite value"),
        ("a,r,p,x0,x1\n0,1,0.5,0.3,0.7\n1,0,0.5,0.3,0.7\n",
         "off-policy evaluation: no column 't0': the target probabilities are the columns t0, t1, … (one per action, numbered from 0)"),
    ])
    func badInputIsOneLineNamingRowAndColumn(csv: String, message: String) throws {
        let path = CommandLineTests.temporaryPath("ope.csv")
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("ope", path, "--action", "a", "--reward", "r", "--propensity", "p", "--target-prefix", "t")
        #expect(run.status == 1)
        #expect(run.stderr == "whatif: error: \(message)\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func theFormsDoNotMix() throws {
        let data = try WhatIf("ope", Self.logged, "--action", "action", "--reward", "reward", "--propensity", "pscore",
                              "--target-prefix", "eval_prob_a", "--rows", "100")
        #expect(data.status != 0 && data.stderr.hasPrefix("whatif: error: --rows belongs to the MODEL form"))
        let missing = try WhatIf("ope", Self.logged, "--action", "action", "--reward", "reward", "--propensity", "pscore")
        #expect(missing.status != 0 && missing.stderr == "whatif: error: logged data need --propensity COL and --target-prefix PREFIX\n")
    }
}
