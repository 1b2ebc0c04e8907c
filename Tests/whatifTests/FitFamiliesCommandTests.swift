import Foundation
import Testing

/// `whatif fit` on logistic and Poisson mechanisms: the families in the JSON, and chains
/// too short to converge named with their R-hat on stderr and in the JSON warnings.
@Suite struct FitFamiliesCommandTests {
    @Test func shortChainsAreWarnedAboutWithTheirRHat() throws {
        let dir = try FitCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x = Normal(0, 1)\ny ~ Bernoulli(logistic(-0.5 + 1.5 * x))\nn ~ Poisson(exp(1 + 0.5 * x))\n"
            .write(to: dir.appendingPathComponent("truth.scm"), atomically: true, encoding: .utf8)
        try "x = Normal(0, 1)\ny = auto(x)\nn = auto(x)\n".write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        #expect(try WhatIf(["sample", "truth.scm", "--rows", "300", "--seed", "4", "--output", "d.csv"], in: dir).status == 0)
        let short = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm", "--json", "fit.json", "--mcmc-draws", "12"], in: dir)
        #expect(short.status == 0, "\(short.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("fit.json"))) as? [String: Any]
        let warnings = json?["warnings"] as? [String] ?? []
        #expect(!warnings.isEmpty)
        for warning in warnings {
            #expect(warning.contains("has not converged: R-hat"), "\(warning)")
            #expect(short.stderr.contains("whatif: warning: \(warning)"))
        }
        let variables = json?["variables"] as? [String: Any]
        #expect((variables?["y"] as? [String: Any])?["family"] as? String == "logistic")
        #expect((variables?["n"] as? [String: Any])?["family"] as? String == "poisson")
        let standard = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm"], in: dir)
        #expect(standard.status == 0 && standard.stderr.isEmpty, "\(standard.stderr)")
        #expect(try WhatIf(["sample", "fitted.scm", "--rows", "3"], in: dir).status == 0)
        #expect(try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "f.scm", "--mcmc-draws", "2"], in: dir).stderr
                == "whatif: error: --mcmc-draws must be at least 4 (got 2)\n")
    }
}
