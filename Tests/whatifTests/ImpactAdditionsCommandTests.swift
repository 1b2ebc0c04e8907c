import Foundation
import Testing

/// `whatif impact` with issue 17's additions: --placebo, --stock, --window, --threshold, --draws.
@Suite struct ImpactAdditionsCommandTests {
    static let example = ImpactCommandTests.example
    static let periods = ["impact", example, "--pre", "1:70", "--post", "71:100", "--niter", "200"]

    static func document(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(object as? [String: Any])
    }

    @Test func placeboReportsRatesAndTheCalibratedInterval() throws {
        let json = CommandLineTests.temporaryPath("placebo.json")
        defer { try? FileManager.default.removeItem(atPath: json) }
        let run = try WhatIf(Self.periods + ["--placebo", "20", "--threads", "2", "--json", json, "--report"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nPlacebo backtest: 20 windows of 30 points inside the pre-period"))
        #expect(run.stdout.contains("\nCalibrated 95% CI"))
        let document = try Self.document(json)
        let placebo = try #require(document["placebo"] as? [String: Any])
        #expect(placebo["windows"] as? Int == 20)
        let windows = try #require(placebo["windowResults"] as? [[String: Double]])
        #expect(windows.count == 20)
        let flagged = windows.filter { ($0["lower"] ?? 0) > 0 || ($0["upper"] ?? 0) < 0 }.count
        #expect(placebo["falsePositiveRate"] as? Double == Double(flagged) / 20)
        // The calibrated interval stretches each arm of the model's by the factor.
        let c = try #require(placebo["calibrationFactor"] as? Double)
        let model = try #require(((document["average"] as? [String: Any])?["absoluteEffect"]) as? [String: Double])
        let calibrated = try #require((((placebo["calibrated"] as? [String: Any])?["average"] as? [String: Any])?["absoluteEffect"])
                                      as? [String: Double])
        let m = try #require(model["mean"]), l = try #require(model["lower"]), u = try #require(model["upper"])
        #expect(abs((calibrated["lower"] ?? .nan) - (m - c * (m - l))) < 1e-9)
        #expect(abs((calibrated["upper"] ?? .nan) - (m + c * (u - m))) < 1e-9)
        // The summary and the report say in words whether the conclusion changes, as the numbers do.
        let excludes = l > 0 || u < 0, calibratedExcludes = (calibrated["lower"] ?? 0) > 0 || (calibrated["upper"] ?? 0) < 0
        let verdict = excludes == calibratedExcludes ? "The conclusion stands" : "The conclusion changes"
        #expect(placebo["calibratedExcludesZero"] as? Bool == calibratedExcludes)
        #expect(placebo["conclusionChanges"] as? Bool == (excludes != calibratedExcludes))
        let said = run.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(said.components(separatedBy: verdict).count == 3, "\(run.stdout)")
        #expect(said.contains("Placebo check. In 20 placebo windows inside the pre-period, where nothing happened, the model's "
            + "95% interval excluded zero in \(flagged) of them ("))
        #expect(said.contains(c == 1 ? "The placebo errors find the model's 95% interval wide enough"
                                     : "Calibrated by the placebo errors, the 95% interval of the average effect is "))
    }

    @Test func placeboWindowsThatDoNotFitAreAOneLineError() throws {
        let json = CommandLineTests.temporaryPath("never-placebo.json")
        let run = try WhatIf(Self.periods + ["--placebo", "30", "--json", json])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("whatif: error: --placebo 30: placebo windows of the post-period's length (30 points)"))
        #expect(run.stderr.hasSuffix("only 23 fit: ask for fewer windows, or lengthen the pre-period\n"))
        #expect(!FileManager.default.fileExists(atPath: json))
    }

    @Test func stockRemovesEveryCumulativeFigure() throws {
        let json = CommandLineTests.temporaryPath("stock.json")
        defer { try? FileManager.default.removeItem(atPath: json) }
        let run = try WhatIf(Self.periods + ["--stock", "--report", "--window", "71:80", "--json", json])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("Cumulative") && !run.stdout.contains("Added up"))
        let document = try Self.document(json)
        #expect(document["cumulative"] is NSNull)
        let series = try #require(document["series"] as? [String: Any])
        #expect(series.keys.allSatisfy { !$0.hasPrefix("cumulative") } && series["pointEffect"] != nil)
        let window = try #require((document["windows"] as? [[String: Any]])?.first)
        #expect(window["period"] as? String == "71:80" && window["cumulativeEffect"] == nil)
    }

    @Test func covariateChecksListInclusionAndOwnEffects() throws {
        let json = CommandLineTests.temporaryPath("covariates.json"), svg = CommandLineTests.temporaryPath("covariates.svg")
        defer {
            try? FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: svg)
        }
        let run = try WhatIf(Self.periods + ["--check-covariates", "--covariate-plot", svg, "--json", json])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nCovariate  inclusion  mean coef."))
        let document = try Self.document(json)
        let inclusion = try #require(document["inclusionProbabilities"] as? [String: Double])
        let model = try #require((document["model"] as? [String: Any])?["coefficients"] as? [[String: Any]])
        #expect(inclusion["x1"] == model.first?["inclusionProbability"] as? Double)
        let checks = try #require(document["covariateChecks"] as? [[String: Any]])
        #expect(checks.first?["name"] as? String == "x1" && checks.first?["moved"] is Bool)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg "))
    }

    @Test func windowsThresholdAndDraws() throws {
        let json = CommandLineTests.temporaryPath("windows.json"), csv = CommandLineTests.temporaryPath("draws.csv")
        defer {
            try? FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: csv)
        }
        let run = try WhatIf(Self.periods + ["--window", "71:80", "--window", "81:100", "--threshold", "5",
                                             "--draws", csv, "--json", json])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n71:80 (10 points)") && run.stdout.contains("\nP(average effect > 5):"))
        let document = try Self.document(json)
        #expect((document["windows"] as? [Any])?.count == 2)
        let positive = try #require(document["probabilityPositive"] as? Double)
        let negative = try #require(document["probabilityNegative"] as? Double)
        #expect(positive + negative <= 1 + 1e-12 && positive >= 0 && negative >= 0)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        let model = try #require(document["model"] as? [String: Any])
        #expect(lines.count == (model["draws"] as? Int ?? -1) + 1)
        #expect(lines[0].split(separator: ",").count == 31)
        let outside = try WhatIf(Self.periods + ["--window", "60:80"])
        #expect(outside.status == 1)
        #expect(outside.stderr == "whatif: error: --window '60:80': it must lie inside the post-period (rows 71 to 100)\n")
    }
}

/// Bad values of the new options: one line naming the option, nothing written.
@Suite struct ImpactAdditionsBadInputTests {
    @Test func badValuesNameTheirOption() throws {
        let cases: [([String], String)] = [
            (["--placebo", "0"], "--placebo must be at least 1"),
            (["--threads", "0"], "--threads must be at least 1"),
            (["--threshold", "nan"], "--threshold must be a finite number"),
            (["--expected-model-size", "0"], "--expected-model-size 0.0: must be a positive number"),
            (["--power-plot", "p.svg"], "--power-plot needs --placebo K"),
        ]
        for (options, message) in cases {
            let run = try WhatIf(ImpactAdditionsCommandTests.periods + options)
            #expect(run.status != 0, "\(options)")
            #expect(run.stderr.contains(message), "\(options): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1 || run.stderr.hasPrefix("Error: "), "\(options): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(options)")
        }
    }
}
