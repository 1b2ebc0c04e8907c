import Foundation
import Testing

/// `whatif impact --trend student`: it runs with Gaussian and with Student-t observation errors
/// (bsts allows both at once), and a pre-period too short for it is one line naming the option.
@Suite struct ImpactStudentTrendTests {
    @Test func runsWithEitherObservationErrors() throws {
        for errors in ["gaussian", "student"] {
            let run = try ImpactComponentOptionsTests.run("--trend", "student", "--errors", errors, "--json", "-")
            #expect(run.status == 0, "\(run.stderr)")
            let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let parameters = (document?["model"] as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
            let names = parameters.compactMap { $0["name"] as? String }
            #expect(Array(names.prefix(5)) == ["sigma.obs", "sigma.trend.level", "sigma.trend.slope", "nu.trend.level",
                                               "nu.trend.slope"], "\(names)")
            #expect(names.contains("observation.df") == (errors == "student"), "\(names)")
        }
    }

    @Test func aShortPreperiodIsRefused() throws {
        let json = CommandLineTests.temporaryPath("out.json")
        let run = try WhatIf(["impact", ImpactComponentOptionsTests.daily, "--pre", "2024-01-01:2024-01-09",
                              "--post", "2024-01-10:2024-01-14", "--trend", "student", "--json", json])
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("whatif: error: ") && run.stderr.contains("trend")
                && run.stderr.contains("student: needs a pre-period of at least 10 points"), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1 && run.stdout.isEmpty, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: json))
    }
}
