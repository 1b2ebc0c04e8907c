import Foundation
import Testing

/// Runs the built `whatif` executable and checks its output and errors verbatim.
struct WhatIf {
    let stdout: String
    let stderr: String
    let status: Int32

    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("whatif")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/whatif")
    }

    init(_ arguments: String...) throws {
        try self.init(arguments)
    }

    /// Runs whatif with `arguments`, in `folder` when given.
    init(_ arguments: [String], in folder: URL? = nil) throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
        status = process.terminationStatus
    }
}

@Suite struct CommandLineTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("whatif-cli-\(UUID().uuidString)-\(name)").path
    }

    @Test func sampleWritesAHeaderAndRows() throws {
        let run = try WhatIf("sample", "confounding", "--rows", "3", "--seed", "5")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "temperature,price,bookings")
        #expect(run.stderr.isEmpty)
    }

    @Test func sameSeedSameOutputAcrossThreadCounts() throws {
        let one = try WhatIf("sample", "banner", "--rows", "9000", "--seed", "3", "--threads", "1")
        let two = try WhatIf("sample", "banner", "--rows", "9000", "--seed", "3", "--threads", "2")
        #expect(one.status == 0 && one.stdout == two.stdout)
    }

    @Test func potentialOutcomeColumns() throws {
        let run = try WhatIf("sample", "banner", "--rows", "2", "--potential-outcomes", "banner:spend")
        #expect(run.stdout.hasPrefix("engagement,banner,spend,spend_0,spend_1,banner_propensity\n"))
    }

    @Test func errorsAreOneLineAndExitNonZero() throws {
        let unknown = try WhatIf("sample", "banner", "--rows", "3", "--do", "bannr=1")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "whatif: error: no variable named 'bannr' in the model (did you mean 'banner'?)\n")
        #expect(unknown.stdout.isEmpty)
        let missing = try WhatIf("sample", "no_such_model", "--rows", "3")
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("whatif: error: 'no_such_model' is neither a catalog model nor a file"))
        #expect(missing.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func aFailedRunLeavesNoFileBehind() throws {
        let model = Self.temporaryPath("bad.scm"), output = Self.temporaryPath("out.csv")
        defer { try? FileManager.default.removeItem(atPath: model) }
        try "x = Normal(0, 1)\ny = log(x)\n".write(toFile: model, atomically: true, encoding: .utf8)
        let run = try WhatIf("sample", model, "--rows", "100000", "--output", output)
        #expect(run.status == 1)
        #expect(run.stderr.contains("variable 'y': row "))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A catchable signal part-way through writing a file (an interrupt, a broken pipe,
    /// SIGQUIT, a timer, a user signal) removes the temporary file and ends the process
    /// by that signal.
    @Test(arguments: [SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGUSR1, SIGALRM])
    func anInterruptedRunLeavesNoFileBehind(signal: Int32) throws {
        let folder = Self.temporaryPath("interrupted")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Started with every signal at its default action: the test process may ignore
        // SIGPIPE (Foundation's pipes do), and a signal the parent ignores stays ignored.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal", WhatIf.executable.path,
                             "sample", "banner", "--rows", "1000000000", "--output", folder + "/out.csv"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).first?.hasPrefix(".out.csv.tmp-") == true)
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, signal)
        let stop = Date().addingTimeInterval(30)
        while process.isRunning && Date() < stop { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            Issue.record("still running 30 s after signal \(signal)")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// SIGKILL cannot be caught, so its temporary file stays; the next run that writes
    /// the same file removes it (its process is gone), and a 250-byte name still works.
    @Test func theNextRunRemovesWhatAKilledRunLeft() throws {
        let folder = Self.temporaryPath("killed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = String(repeating: "n", count: 246) + ".csv"
        let process = Process()
        process.executableURL = WhatIf.executable
        process.arguments = ["sample", "banner", "--rows", "1000000000", "--output", folder + "/" + name]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(left.count == 1 && left[0].hasPrefix("." + String(repeating: "n", count: 200) + ".tmp-\(process.processIdentifier)-"))
        let next = try WhatIf(["sample", "banner", "--rows", "5", "--output", folder + "/" + name])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [name])
    }

    /// Under nohup, SIGHUP stays ignored (the run goes on); SIGTERM still cleans up.
    @Test func aSignalTheParentIgnoresStaysIgnored() throws {
        let folder = Self.temporaryPath("nohup")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nohup")
        process.arguments = [WhatIf.executable.path, "sample", "banner", "--rows", "1000000000", "--output", folder + "/out.csv"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(process.isRunning, "SIGHUP ended a run started under nohup")
        kill(process.processIdentifier, SIGTERM)
        let stop = Date().addingTimeInterval(30)
        while process.isRunning && Date() < stop { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func modelFileErrorsGiveLineAndColumn() throws {
        let model = Self.temporaryPath("typo.scm")
        defer { try? FileManager.default.removeItem(atPath: model) }
        try "x = Normal(0, 1)\ny = 2 * xx\n".write(toFile: model, atomically: true, encoding: .utf8)
        let run = try WhatIf("sample", model, "--rows", "1")
        #expect(run.stderr == "whatif: error: \(model):2:9: variable 'y': unknown variable 'xx' (did you mean 'x'?)\n")
    }

    @Test func graphJSONFollowsTheContract() throws {
        let run = try WhatIf("graph", "confounding", "--format", "json", "--adjustment-sets", "price", "bookings")
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(json["variables"] as? [String] == ["temperature", "price", "bookings"])
        #expect(json["edges"] as? [[String]] == [["temperature", "price"], ["price", "bookings"], ["temperature", "bookings"]])
        #expect(json["adjustmentSets"] as? [[String]] == [["temperature"]])
    }

    /// Each back-door path says what blocks it: the adjustment set, a collider, or, with a
    /// latent confounder (no adjustment set), the observed variables on it that would.
    @Test func graphTextSaysWhatBlocksEachBackDoorPath() throws {
        let model = Self.temporaryPath("paths.scm")
        defer { try? FileManager.default.removeItem(atPath: model) }
        try "latent u = Normal(0, 1)\nz = Normal(0, 1)\nc = Normal(0, 1)\nx = z + u + Normal(0, 1)\n"
            .appending("y = x + z + u + c + Normal(0, 1)\nw = x + c + Normal(0, 1)\n")
            .write(toFile: model, atomically: true, encoding: .utf8)
        let latent = try WhatIf("graph", model, "--adjustment-sets", "x", "y")
        #expect(latent.stdout.contains("    x ← z → y   [open; adjusting for z would block it]\n"))
        #expect(latent.stdout.contains("    x ← u → y   [open: every variable on it is latent]\n"))
        #expect(latent.stdout.contains("minimal back-door adjustment sets: none"))
        let confounded = try WhatIf("graph", "confounding", "--adjustment-sets", "price", "bookings")
        #expect(confounded.stdout.contains("    price ← temperature → bookings   [blocked by {temperature}]\n"))
        let mBias = Self.temporaryPath("m-bias.scm")
        defer { try? FileManager.default.removeItem(atPath: mBias) }
        try "a = Normal(0, 1)\nb = Normal(0, 1)\nk = a + b + Normal(0, 1)\nx = a + Normal(0, 1)\ny = x + b + Normal(0, 1)\n"
            .write(toFile: mBias, atomically: true, encoding: .utf8)
        let collider = try WhatIf("graph", mBias, "--adjustment-sets", "x", "y")
        #expect(collider.stdout.contains("    x ← a → k ← b → y   [blocked by a collider]\n"), "\(collider.stdout)")
        // Reverse causation: a direct arrow; a mediator on a confounded path is no adjustment.
        let other = Self.temporaryPath("other.scm")
        defer { try? FileManager.default.removeItem(atPath: other) }
        try "latent l = Normal(0, 1)\nx = l + Normal(0, 1)\nm = x + l + Normal(0, 1)\ny = m + x + Normal(0, 1)\n"
            .write(toFile: other, atomically: true, encoding: .utf8)
        let reverse = try WhatIf("graph", other, "--adjustment-sets", "m", "x")
        #expect(reverse.stdout.contains("    m ← x   [open: a direct arrow from x into m]\n"), "\(reverse.stdout)")
        let mediator = try WhatIf("graph", other, "--adjustment-sets", "x", "y")
        #expect(mediator.stdout.contains("    x ← l → m → y   [open: m on it descends from the treatment and may not be adjusted for]\n"),
                "\(mediator.stdout)")
        let hidden = try WhatIf("graph", other, "--adjustment-sets", "l", "y")
        #expect(hidden.status == 1 && hidden.stderr.contains("'l' is latent"))
    }

    /// w confounds z and y; z is an instrument for x once w is held fixed.
    @Test func graphNamesConditionalInstruments() throws {
        let model = Self.temporaryPath("conditional-iv.scm")
        defer { try? FileManager.default.removeItem(atPath: model) }
        try "w = Normal(0, 1)\nz = w + Normal(0, 1)\nlatent u = Normal(0, 1)\nx = z + u + Normal(0, 1)\ny = 2 * x + w + u + Normal(0, 1)\n"
            .write(toFile: model, atomically: true, encoding: .utf8)
        let text = try WhatIf("graph", model, "--adjustment-sets", "x", "y")
        #expect(text.stdout.contains("  instruments: z given {w}\n"))
        let json = try WhatIf("graph", model, "--format", "json", "--adjustment-sets", "x", "y")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let instruments = object["instruments"] as? [[String: Any]]
        #expect(instruments?.count == 1)
        #expect(instruments?.first?["instrument"] as? String == "z" && instruments?.first?["given"] as? [String] == ["w"])
        let iv = try WhatIf("graph", "instrumental_variable", "--adjustment-sets", "attendance", "happiness")
        #expect(iv.stdout.contains("  instruments: rain\n"))
    }

    @Test func modelsListsTheCatalog() throws {
        let run = try WhatIf("models")
        #expect(run.stdout.split(separator: "\n").count == 17)
        #expect(run.stdout.contains("banner "))
    }
}

@Suite struct TruthSidecarTests {
    @Test func sidecarHoldsTheSamplesEffectsAndHowToRepeatIt() throws {
        let data = CommandLineTests.temporaryPath("data.csv"), truth = CommandLineTests.temporaryPath("truth.json")
        defer { for p in [data, truth] { try? FileManager.default.removeItem(atPath: p) } }
        let run = try WhatIf("sample", "self_selection", "--rows", "5000", "--seed", "4",
                             "--potential-outcomes", "uses_feature:retention_days", "--truth", truth, "--output", data)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: truth))) as! [String: Any]
        let effects = json["truth"] as! [String: Any]
        // The model's effect is exactly 2 for every unit.
        #expect(abs((effects["ate"] as! Double) - 2) < 1e-12)
        #expect(abs((effects["att"] as! Double) - 2) < 1e-12)
        #expect(json["seed"] as? Int == 4 && json["rows"] as? Int == 5000)
        #expect((json["modelText"] as? String)?.contains("retention_days") == true)
    }

    /// The sidecar is opened before sampling, written after the data set, never into
    /// the data set's file or its standard output.
    @Test func theSidecarNeverStandsAlone() throws {
        let truth = CommandLineTests.temporaryPath("truth.json"), data = CommandLineTests.temporaryPath("data.csv")
        defer { for p in [truth, data] { try? FileManager.default.removeItem(atPath: p) } }
        let full = try WhatIf("sample", "banner", "--rows", "5", "--potential-outcomes", "banner:spend", "--truth", truth,
                              "--output", "/dev/full")
        #expect(full.status == 1 && !FileManager.default.fileExists(atPath: truth))
        let badFolder = try WhatIf("sample", "banner", "--rows", "5", "--potential-outcomes", "banner:spend",
                                   "--truth", "/no/such/folder/t.json", "--output", data)
        #expect(badFolder.stderr == "whatif: error: /no/such/folder/t.json: cannot create the file (No such file or directory)\n")
        #expect(!FileManager.default.fileExists(atPath: data))
        let same = try WhatIf("sample", "banner", "--rows", "5", "--potential-outcomes", "banner:spend", "--truth", data, "--output", data)
        #expect(same.stderr.contains("--output and --truth reach the same place"))
        let mixed = try WhatIf("sample", "banner", "--rows", "5", "--potential-outcomes", "banner:spend", "--truth", "-")
        #expect(mixed.status != 0 && mixed.stdout.isEmpty)
        let link = CommandLineTests.temporaryPath("link.json")
        defer { try? FileManager.default.removeItem(atPath: link) }
        try "".write(toFile: data, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: data)
        let linked = try WhatIf("sample", "banner", "--rows", "5", "--potential-outcomes", "banner:spend", "--truth", link, "--output", data)
        #expect(linked.status != 0 && linked.stderr.contains("reach the same place"))
        let folder = try WhatIf("sample", "banner", "--rows", "5", "--potential-outcomes", "banner:spend",
                                "--truth", FileManager.default.temporaryDirectory.path, "--output", "/dev/null")
        #expect(folder.status == 1 && folder.stderr.contains("is a folder, not a file"), "\(folder.stderr)")
    }

    /// Every command with two outputs refuses to send them to one place, by any spelling.
    @Test func twoOutputsNeverShareAPlace() throws {
        let svg = CommandLineTests.temporaryPath("twice.svg")
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let benchmark = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "1", "--json", svg, "--plot", svg)
        #expect(benchmark.stderr.contains("--json and --plot reach the same place"), "\(benchmark.stderr)")
        let table = try WhatIf("benchmark", "banner", "--rows", "100", "--replications", "1", "--json", "/dev/stdout")
        #expect(table.stderr.contains("--json and the table on standard output reach the same place"), "\(table.stderr)")
        let twin = try WhatIf("counterfactual", "banner", "--observe", "banner=0,spend=20", "--do", "banner=1",
                              "--query", "spend", "--twin-network", "-")
        #expect(twin.stderr.contains("--output and --twin-network reach the same place"), "\(twin.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg))
    }

    @Test func emptyGroupsAreNull() throws {
        let truth = CommandLineTests.temporaryPath("truth.json")
        defer { try? FileManager.default.removeItem(atPath: truth) }
        let run = try WhatIf("sample", "banner", "--rows", "10", "--do", "banner=1",
                             "--potential-outcomes", "banner:spend", "--truth", truth, "--output", "/dev/null")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: truth))) as! [String: Any]
        let effects = json["truth"] as! [String: Any]
        #expect(effects["atu"] is NSNull)
        #expect(json["interventions"] as? [String] == ["--do banner=1"])
    }
}

/// Potential outcomes over a grid of treatment values for a continuous treatment.
@Suite struct TreatmentGridTests {
    /// y = 1 + 2t + z·t + ε with E[z] = 0: every unit's Y(t) − Y(0) is (2 + z)·t, and the
    /// population's E[Y(t)] is 1 + 2t.
    static let model = "z ~ Normal(0, 1)\nt = z + Normal(0, 1)\ny = 1 + 2 * t + z * t + Normal(0, 1)\n"

    @Test func eachUnitsPotentialOutcomesFollowItsOwnNoise() throws {
        let path = CommandLineTests.temporaryPath("grid.scm")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.model.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try WhatIf("sample", path, "--rows", "200", "--potential-outcomes", "t:y", "--treatment-values=-1, 0,2.5")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "z,t,y,y_-1,y_0,y_2.5" && lines.count == 201)
        for line in lines.dropFirst() {
            let v = line.split(separator: ",").map { Double($0)! }
            let (z, t, y, yMinus1, y0, y25) = (v[0], v[1], v[2], v[3], v[4], v[5])
            #expect(abs((yMinus1 - y0) - (2 + z) * -1) < 1e-9)
            #expect(abs((y25 - y0) - (2 + z) * 2.5) < 1e-9)
            #expect(abs((y - y0) - (2 + z) * t) < 1e-9)
        }
    }

    @Test func theSidecarGivesTheDoseResponseAndNoBinaryEffects() throws {
        let path = CommandLineTests.temporaryPath("grid.scm"), truth = CommandLineTests.temporaryPath("grid.json")
        defer { for p in [path, truth] { try? FileManager.default.removeItem(atPath: p) } }
        try Self.model.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try WhatIf("sample", path, "--rows", "20000", "--seed", "8", "--potential-outcomes", "t:y",
                             "--treatment-values", "0,1,3", "--truth", truth, "--output", "/dev/null")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: truth))) as! [String: Any]
        let effects = json["truth"] as! [String: Any]
        #expect(effects["ate"] is NSNull && effects["att"] is NSNull)
        #expect((effects["note"] as? String)?.contains("t is not binary (row 1 has ") == true)
        let curve = effects["averagePotentialOutcomes"] as! [[String: Any]]
        #expect(curve.map { $0["treatment"] as! Double } == [0, 1, 3])
        for point in curve {
            let t = point["treatment"] as! Double, mean = point["mean"] as! Double, se = point["standardError"] as! Double
            #expect(abs(mean - (1 + 2 * t)) < 4.5 * se, "E[Y(\(t))]: \(mean) ± \(se)")
        }
    }

    @Test func badGridsAreNamed() throws {
        let cases = [("0,,1", "--treatment-values: value 2 of 3 is empty"), ("0,a", "--treatment-values: 'a' is not a finite number"),
                     ("1,0,1.0", "--treatment-values: 1.0 is given twice"), ("0,inf", "--treatment-values: 'inf' is not a finite number")]
        for (grid, message) in cases {
            let run = try WhatIf("sample", "banner", "--rows", "2", "--potential-outcomes", "banner:spend", "--treatment-values", grid)
            #expect(run.status != 0)
            #expect(run.stderr == "whatif: error: \(message)\n")
        }
        let alone = try WhatIf("sample", "banner", "--rows", "2", "--treatment-values", "0,1")
        #expect(alone.stderr.contains("--treatment-values needs --potential-outcomes"))
    }
}

@Suite struct ShardTests {
    /// Invariant 4: a run split into shards at any rows gives, concatenated, the same bytes.
    @Test func shardsConcatenateToTheWholeRun() throws {
        let whole = try WhatIf("sample", "collider", "--rows", "10000", "--seed", "5", "--threads", "2")
        let first = try WhatIf("sample", "collider", "--rows", "4100", "--seed", "5", "--threads", "1")
        let second = try WhatIf("sample", "collider", "--rows", "3000", "--seed", "5", "--first-row", "4101", "--no-header")
        let third = try WhatIf("sample", "collider", "--rows", "2900", "--seed", "5", "--first-row", "7101", "--no-header")
        #expect(whole.status == 0 && first.status == 0 && second.status == 0 && third.status == 0)
        #expect(first.stdout + second.stdout + third.stdout == whole.stdout)
    }
}
