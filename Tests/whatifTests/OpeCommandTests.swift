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

    @Test func modelFormWritesTheContractJSONAndThePicture() throws {
        let plot = CommandLineTests.temporaryPath("ope.svg")
        defer { try? FileManager.default.removeItem(atPath: plot) }
        let run = try WhatIf("ope", "recommender", "--action", "item", "--reward", "click", "--target", "item = ifelse(novelty > 0, 2, 1)",
                             "--rows", "300", "--replications", "4", "--seed", "2", "--truth-units", "20000", "--json", "-", "--plot", plot)
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let truth = try #require(root["truth"] as? [String: Any])
        #expect(truth["policyValue"] is Double)
        let estimators = try #require(root["estimators"] as? [[String: Any]])
        #expect(estimators.map { $0["name"] as? String } == ["ips", "snips", "dm", "dr", "sndr", "switch-dr"])
        for entry in estimators {
            for key in ["meanEstimate", "bias", "rmse", "coverage", "seconds"] { #expect(entry[key] is Double, "\(key)") }
        }
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg ") && svg.contains(">switch-dr</text>"))
    }

    @Test func modelFormPrintsATable() throws {
        let run = try WhatIf("ope", "recommender", "--action", "item", "--reward", "click", "--target", "item = 1",
                             "--rows", "200", "--replications", "3", "--truth-units", "5000", "--reward-model", "none")
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Off-policy benchmark: the value of item = 1 in recommender\n"))
        #expect(run.stdout.contains("\n  ips ") && run.stdout.contains("\n  snips ") && !run.stdout.contains("\n  dm "))
    }

    @Test(arguments: [
        (["--target", "item = Normal(0, 1)"], "whatif: error: --target: its action probabilities must be known: write "
            + "item ~ Categorical(w1, …, w4), item ~ Bernoulli(p) or item = a rule without noise\n"),
        (["--target", "click = 1"], "whatif: error: --target: gives a mechanism for 'click', not for the action 'item'\n"),
        (["--target", "item = 1", "--rows", "5"], "whatif: error: --rows: 5; need at least 10\n"),
        (["--target", "item = itme"], "whatif: error: --target:1:8: no variable named 'itme' in the model\n"),
    ])
    func modelFormErrorsAreOneLine(options: [String], message: String) throws {
        var arguments = ["ope", "recommender", "--action", "item", "--reward", "click", "--rows", "100", "--replications", "2"]
        if let rows = options.firstIndex(of: "--rows") {
            arguments[arguments.firstIndex(of: "--rows")! + 1] = options[rows + 1]
            arguments += options[..<rows]
        } else {
            arguments += options
        }
        let run = try WhatIf(arguments)
        #expect(run.status == 1)
        #expect(run.stderr == message)
    }
}
