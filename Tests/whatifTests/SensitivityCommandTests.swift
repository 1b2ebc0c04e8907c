import Foundation
import Testing

/// `whatif sensitivity` on the reference data of the Trust tests: the contract's JSON keys,
/// the table, the picture and one-line errors.
@Suite struct SensitivityCommandTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TrustTests/Reference/ols_data.csv").path

    @Test func jsonFollowsTheContract() throws {
        let run = try WhatIf("sensitivity", Self.data, "--treatment", "d", "--outcome", "y", "--benchmark", "x1", "--kd", "1,2,3", "--json", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["estimate", "standardError", "tValue", "partialR2", "robustnessValue", "robustnessValueAlpha", "alpha", "bounds"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(abs((json["robustnessValue"] as! Double) - 0.18852021441654584) < 1e-12)
        let bounds = try #require(json["bounds"] as? [[String: Any]])
        #expect(bounds.count == 3)
        #expect(bounds.map { $0["kd"] as! Double } == [1, 2, 3])
        for key in ["adjustedEstimate", "adjustedStandardError", "adjustedLower", "adjustedUpper"] { #expect(bounds[0][key] is Double) }
        #expect(run.stdout.hasPrefix("{\n  \"estimate\": "))
    }

    @Test func tableAndPicture() throws {
        let svg = CommandLineTests.temporaryPath("contour.svg")
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let run = try WhatIf("sensitivity", Self.data, "--treatment", "d", "--outcome", "y", "--benchmark", "x1", "--plot", svg)
        #expect(run.status == 0)
        #expect(run.stdout.contains("robustness value RV (q = 1)                       18.9%"))
        #expect(run.stdout.contains("Verdict: robust"))
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg") && picture.contains("1× x1: 0.263"))
    }

    @Test func badInputIsOneClearLine() throws {
        let nonlinear = try WhatIf("sensitivity", Self.data, "--treatment", "d", "--outcome", "y", "--estimator", "ipw")
        #expect(nonlinear.status != 0)
        #expect(nonlinear.stderr == "whatif: error: the robustness value and its bounds need a linear regression (ols) estimate; "
            + "'ipw' is not linear: use --estimator ols, or E-values on a risk ratio for other estimators\n")
        let csv = CommandLineTests.temporaryPath("constant.csv")
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try "y,d,x,c\n1,0,3,7\n2,1,1,7\n4,1,2,7\n3,0,5,7\n5,1,4,7\n6,0,6,7\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let constant = try WhatIf("sensitivity", csv, "--treatment", "d", "--outcome", "y")
        #expect(constant.status == 1)
        #expect(constant.stderr == "whatif: error: covariate 'c' has zero variance (every value is 7): it cannot be in the regression; drop it\n")
        let benchmark = try WhatIf("sensitivity", csv, "--treatment", "d", "--outcome", "y", "--covariates", "x", "--benchmark", "z")
        #expect(benchmark.stderr == "whatif: error: benchmark 'z' is not a covariate of the regression (covariates: x)\n")
    }
}
