import Foundation
import Testing

/// `whatif fit` with the trees family end to end: the fitted model and every draw get their
/// sidecar of trees, every command runs on the fitted file, and a missing sidecar or too few
/// rows is one line on stderr with nothing written.
@Suite struct FitTreesCommandTests {
    @Test func treesFitWritesSidecarsAndEveryCommandRunsOnIt() throws {
        let dir = try FitCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x = Uniform(-2, 2)\ny = sin(2 * x) + x ^ 2 + Normal(0, 0.5)\n"
            .write(to: dir.appendingPathComponent("truth.scm"), atomically: true, encoding: .utf8)
        try "x = Uniform(-2, 2)\ny = auto(x; family = trees)\n"
            .write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        #expect(try WhatIf(["sample", "truth.scm", "--rows", "1000", "--seed", "4", "--output", "d.csv"], in: dir).status == 0)
        let run = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm", "--json", "fit.json", "--draws", "2"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["fitted.trees.json", "fitted-draws/draw-1.scm", "fitted-draws/draw-1.trees.json", "fitted-draws/draw-2.trees.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) missing")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("fit.json"))) as? [String: Any]
        let y = (json?["variables"] as? [String: Any])?["y"] as? [String: Any]
        #expect(y?["family"] as? String == "boosted-trees")
        #expect((y?["method"] as? String)?.contains("repeated in every posterior draw") == true)
        #expect(try WhatIf(["sample", "fitted.scm", "--rows", "3", "--do", "x=1"], in: dir).status == 0)
        #expect(try WhatIf(["sample", "fitted-draws/draw-2.scm", "--rows", "3"], in: dir).status == 0)
        #expect(try WhatIf(["graph", "fitted.scm"], in: dir).stdout.contains("x  → y"))
        let counterfactual = try WhatIf(["counterfactual", "fitted.scm", "--observe", "x=1,y=3", "--do", "x=1", "--query", "y"], in: dir)
        #expect(counterfactual.stdout.contains("exact inversion") && counterfactual.stdout.contains("expectation     3\n"),
                "\(counterfactual.stdout)\(counterfactual.stderr)")

        try FileManager.default.removeItem(at: dir.appendingPathComponent("fitted.trees.json"))
        let lost = try WhatIf(["sample", "fitted.scm", "--rows", "3"], in: dir)
        #expect(lost.status != 0)
        #expect(lost.stderr.hasPrefix("whatif: error: fitted.scm:3:5: cannot read the tree ensembles' file 'fitted.trees.json'"),
                "\(lost.stderr)")
        #expect(lost.stderr.split(separator: "\n").count == 1)
    }

    @Test func tooFewRowsForTheFoldsIsAnErrorAndWritesNothing() throws {
        let dir = try FitCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x = Uniform(-2, 2)\ny = auto(x; family = trees)\n"
            .write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        try ("x,y\n" + (0..<50).map { "\($0),\($0 % 7)\n" }.joined()).write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let run = try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "fitted.scm"], in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("'y'") && run.stderr.contains("needs at least 200 rows"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fitted.scm").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fitted.trees.json").path))
    }
}
