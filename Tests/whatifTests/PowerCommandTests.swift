import Foundation
import Testing

/// `whatif power` on catalog models and on a CSV: the contract's JSON, the curve, one-line errors.
@Suite struct PowerCommandTests {
    @Test func jsonFollowsTheContract() throws {
        let svg = CommandLineTests.temporaryPath("power.svg")
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let run = try WhatIf("power", "banner", "--treatment", "banner", "--outcome", "spend", "--rows", "40,80", "--effect", "0,5",
                             "--replications", "200", "--alpha", "0.05", "--seed", "3", "--json", "-", "--plot", svg)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["test"] as? String == "t")
        #expect(json["alpha"] as? Double == 0.05)
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.map { $0["rows"] as! Int } == [40, 40, 80, 80])
        #expect(points.map { $0["effect"] as! Double } == [0, 5, 0, 5])
        for point in points {
            for key in ["rejectionRate", "lower", "upper", "analyticPower"] { #expect(point[key] is Double, "\(key)") }
        }
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
    }

    @Test func aCSVIsResampled() throws {
        let csv = CommandLineTests.temporaryPath("history.csv")
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try ("arm,y\n" + (0..<300).map { "\($0 % 3 == 0 ? 1 : 0),\(Double($0 % 11) * 1.5)" }.joined(separator: "\n") + "\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let run = try WhatIf("power", csv, "--outcome", "y", "--treatment", "arm", "--rows", "100", "--effect", "0,2", "--replications", "100")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("A/A: false-positive rate"))
        let missing = try WhatIf("power", csv, "--outcome", "y", "--rows", "100")
        #expect(missing.stderr == "whatif: error: effect: data carry no treatment effect of their own: give the effects to detect\n")
    }

    @Test func badInputIsOneClearLine() throws {
        let target = try WhatIf("power", "banner", "--rows", "100", "--effect", "5", "--target-power", "1.2")
        #expect(target.status != 0)
        #expect(target.stderr == "whatif: error: the target power must lie strictly between 0 and 1 (got 1.2)\n")
        let grid = try WhatIf("power", "banner", "--rows", "50,100", "--effect", "2", "--target-power", "0.8")
        #expect(grid.status == 1)
        #expect(grid.stderr.hasPrefix("whatif: error: the sample sizes cannot reach power 0.8 for effect 2: the largest, 100 rows, gives "))
        #expect(grid.stderr.hasSuffix("rows are needed\n") && grid.stderr.filter { $0 == "\n" }.count == 1)
        let rows = try WhatIf("power", "banner", "--rows", "2")
        #expect(rows.stderr == "whatif: error: rows: each sample size must be at least 4, two units an arm (got 2)\n")
    }
}
