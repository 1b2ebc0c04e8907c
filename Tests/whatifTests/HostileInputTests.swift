import Foundation
import Testing

/// Issue 15's unclear errors and unbounded requests, each now one clear line.
@Suite struct HostileInputTests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-hostile-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aModelFromAPipeIsRead() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf 'x = Normal(0, 1)\\n' | '\(WhatIf.executable.path)' sample /dev/stdin --rows 3 --seed 2"]
        let out = Pipe()
        shell.standardOutput = out
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(text.split(separator: "\n").count == 4 && text.hasPrefix("x\n"))
    }

    @Test func invalidUTF8IsPlacedAndAFolderIsNamed() throws {
        let path = try Self.file("bad.scm", Array("x = Normal(0, 1)\ny = x + ".utf8) + [0xFF, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("sample", path, "--rows", "2")
        #expect(run.status == 1)
        #expect(run.stderr == "whatif: error: \(path):2:9: not UTF-8 text (byte 0xFF); save the model file as UTF-8\n")
        // A folder is read as posterior draws (whatif fit --draws); one without model files is named as such.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let folder = try WhatIf("sample", empty.path, "--rows", "2")
        #expect(folder.stderr == "whatif: error: \(empty.path): holds no .scm files to read as posterior draws, "
                + "and is a directory, not a model file\n")
    }

    @Test func aVariableNamedLikeGeneratedNoiseIsFine() throws {
        let path = try Self.file("clash.scm", Array("U_y = Normal(0, 1)\ny = U_y + Normal(0, 1)\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try WhatIf("sample", path, "--rows", "2000", "--seed", "3")
        #expect(run.status == 0, "\(run.stderr)")
        // y = U_y + its own noise: var(y − U_y) is 1, not 0 (the two noises stayed apart).
        let rows = run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        let d = rows.map { $0[1] - $0[0] }
        let mean = d.reduce(0, +) / Double(d.count)
        let variance = d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count - 1)
        #expect(abs(variance - 1) < 5 * (2.0 / Double(d.count)).squareRoot())
    }

    @Test func bootstrapHasAnUpperBound() throws {
        let run = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "1", "--bootstrap", "1000000000000")
        #expect(run.status == 64)   // a usage error, as every invalid benchmark option
        #expect(run.stderr.hasPrefix("whatif: error: --bootstrap: must be at most 100000 resamples"))
    }

    /// Runs `whatif arguments` under `ulimit limit` (e.g. "-v 700000", "-n 40"), in `folder`
    /// if given; returns status, stdout and stderr.
    static func underLimit(_ limit: String, _ arguments: String,
                           in folder: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "ulimit \(limit) && exec '\(WhatIf.executable.path)' \(arguments)"]
        if let folder { shell.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        shell.standardOutput = out
        shell.standardError = err
        try shell.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, text, error)
    }

    /// `fit --draws K` closes each draw's file once written, so K may exceed the descriptors
    /// the process may hold (K = 200 under `ulimit -n 40`, which held every file open and
    /// failed with "Too many open files" at the 35th); the draws are those of a smaller K.
    @Test func fitWritesMoreDrawsThanItMayHoldFilesOpen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x = Normal(0, 1)\ny = 1 + 2 * x + Normal(0, 1)\n".write(to: dir.appendingPathComponent("truth.scm"), atomically: true, encoding: .utf8)
        try "param a\nparam b\nx = Normal(0, 1)\ny = a + b * x + Normal(0, 1)\n"
            .write(to: dir.appendingPathComponent("skeleton.scm"), atomically: true, encoding: .utf8)
        #expect(try WhatIf(["sample", "truth.scm", "--rows", "50", "--seed", "1", "--output", "d.csv"], in: dir).status == 0)
        let many = try Self.underLimit("-n 40", "fit skeleton.scm d.csv --output f.scm --draws 200 --seed 3", in: dir)
        #expect(many.status == 0, "\(many.stderr)")
        let folder = dir.appendingPathComponent("f-draws")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 200)
        #expect(try WhatIf(["fit", "skeleton.scm", "d.csv", "--output", "g.scm", "--draws", "2", "--seed", "3"], in: dir).status == 0)
        let draw = { (name: String) in try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        #expect(try draw("f-draws/draw-002.scm").split(separator: "\n").dropFirst() == draw("g-draws/draw-2.scm").split(separator: "\n").dropFirst())
    }

    /// A few rows of a 10⁴-variable chain hold blocks of those few rows, not of 4,096 (which
    /// took 650 MB and aborted under a 700 MB limit); a block that cannot fit is one line
    /// naming what it needs and what there is, never an abort.
    @Test func aLargeModelWorksWithinTheMemoryItHas() throws {
        let equations = ["x0 = Normal(0, 1)"] + (1..<10_000).map { "x\($0) = 0.5 * x\($0 - 1) + Normal(0, 1)" }
        let path = try Self.file("chain.scm", Array((equations.joined(separator: "\n") + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let few = try Self.underLimit("-v 700000", "sample '\(path)' --rows 10 --seed 5")
        #expect(few.status == 0, "\(few.stderr)")
        let lines = few.stdout.split(separator: "\n")
        #expect(lines.count == 11 && lines.allSatisfy { $0.split(separator: ",").count == 10_000 })
        let many = try Self.underLimit("-v 700000", "sample '\(path)' --rows 100000 --seed 5")
        #expect(many.status == 1 && many.stdout.isEmpty)
        #expect(many.stderr.hasPrefix("whatif: error: a block of 4096 rows of a model of 10000 variables and 10000 noise terms needs about "),
                "\(many.stderr)")
        #expect(many.stderr.filter { $0 == "\n" }.count == 1)
    }
}
