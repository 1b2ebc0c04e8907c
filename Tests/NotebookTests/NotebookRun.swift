import Foundation
import Testing

/// One run of a built notebook executable with `--quick --output <a new temporary
/// folder>`, and the key numbers it printed (`truth KEY: v [se s]`,
/// `estimate KEY: v [lower, upper] se s`, `value KEY: v`).
struct NotebookRun {
    /// An estimate as printed.
    struct Estimate {
        let value: Double, lower: Double, upper: Double, standardError: Double
    }

    let name: String
    let stdout: String
    let stderr: String
    let status: Int32
    let folder: URL
    let truths: [String: (value: Double, standardError: Double)]
    let estimates: [String: Estimate]
    let values: [String: Double]

    /// The failure budget of every statistical check: |z| ≤ 4.4 fails a correct
    /// method with probability about 1e-5 (STYLE.md, item 12).
    static let z = 4.4

    /// The built executable `name`, beside the test bundle (as `whatif` is for whatifTests).
    static func executable(_ name: String) -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/\(name)")
    }

    /// Runs notebook `name` quickly into a new temporary folder and expects a clean run that
    /// wrote at least `figures` pictures (`expectCleanRunWithFigures`).
    init(_ name: String, figures: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        self.name = name
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-test-\(name)-\(UUID().uuidString)")
        // Output goes to files, not pipes: a notebook's long page can never block on a full pipe.
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let transcript = manager.temporaryDirectory.appendingPathComponent("notebook-test-\(name)-\(UUID().uuidString).txt")
        let errors = transcript.appendingPathExtension("stderr")
        defer { for file in [transcript, errors] { try? manager.removeItem(at: file) } }
        for file in [transcript, errors] { _ = manager.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = Self.executable(name)
        process.arguments = ["--quick", "--output", folder.path]
        process.standardOutput = try FileHandle(forWritingTo: transcript)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = try String(contentsOf: transcript, encoding: .utf8)
        stderr = try String(contentsOf: errors, encoding: .utf8)
        var truths: [String: (Double, Double)] = [:], estimates: [String: Estimate] = [:], values: [String: Double] = [:]
        for line in stdout.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 1)
            guard words.count == 2, let colon = words[1].firstIndex(of: ":") else { continue }
            let key = String(words[1][..<colon])
            let numbers = words[1][words[1].index(after: colon)...]
                .split(whereSeparator: { " [],".contains($0) }).filter { $0 != "se" }.compactMap { Double($0) }
            switch (words[0], numbers.count) {
            case ("truth", 1): truths[key] = (numbers[0], 0)
            case ("truth", 2): truths[key] = (numbers[0], numbers[1])
            case ("estimate", 4): estimates[key] = Estimate(value: numbers[0], lower: numbers[1], upper: numbers[2],
                                                           standardError: numbers[3])
            case ("value", 1): values[key] = numbers[0]
            default: continue
            }
        }
        self.truths = truths
        self.estimates = estimates
        self.values = values
        expectCleanRunWithFigures(figures, sourceLocation: sourceLocation)
    }

    /// The estimate `key`, recording a failure when it was not printed.
    func estimate(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> Estimate? {
        let found = estimates[key]
        if found == nil { Issue.record("\(name) printed no 'estimate \(key): …' line", sourceLocation: sourceLocation) }
        return found
    }

    /// The truth `key`, recording a failure when it was not printed.
    func truth(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double? {
        let found = truths[key]?.value
        if found == nil { Issue.record("\(name) printed no 'truth \(key): …' line", sourceLocation: sourceLocation) }
        return found
    }

    /// The value `key`, recording a failure when it was not printed.
    func value(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double? {
        let found = values[key]
        if found == nil { Issue.record("\(name) printed no 'value \(key): …' line", sourceLocation: sourceLocation) }
        return found
    }

    /// The z-score of estimate `key` against `target`, combining the estimate's
    /// standard error with the target's Monte Carlo standard error.
    func zScore(_ key: String, against target: Double, targetStandardError: Double = 0) -> Double? {
        guard let e = estimates[key] else { return nil }
        return (e.value - target) / (e.standardError * e.standardError + targetStandardError * targetStandardError).squareRoot()
    }

    /// Expects estimate `key` within z standard errors of `target` (the story says the method works).
    func expectRecovers(_ key: String, _ target: Double, targetStandardError: Double = 0,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        guard estimate(key, sourceLocation: sourceLocation) != nil,
              let z = zScore(key, against: target, targetStandardError: targetStandardError) else { return }
        #expect(abs(z) <= Self.z, "\(name): \(key) is \(z) standard errors from \(target)", sourceLocation: sourceLocation)
    }

    /// Expects estimate `key` more than z standard errors above (`direction` +1) or
    /// below (−1) `target` (the story says the method is biased that way).
    func expectBiased(_ key: String, _ direction: Double, from target: Double, targetStandardError: Double = 0,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        guard estimate(key, sourceLocation: sourceLocation) != nil,
              let z = zScore(key, against: target, targetStandardError: targetStandardError) else { return }
        let side = direction > 0 ? "above" : "below"
        #expect(z * direction > Self.z, "\(name): \(key) is \(z) standard errors from \(target), not beyond \(Self.z) \(side)",
                sourceLocation: sourceLocation)
    }

    /// Expects the run to have succeeded and every figure it named to exist as SVG
    /// (or DOT, without Graphviz) in the folder.
    func expectCleanRunWithFigures(_ minimum: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "\(name) exited with \(status): \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.isEmpty, "\(name) wrote to standard error: \(stderr)", sourceLocation: sourceLocation)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(files.count >= minimum, "\(name) wrote \(files) to \(folder.path)", sourceLocation: sourceLocation)
        for file in files {
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            let ok = file.hasSuffix(".svg") ? text.contains("<svg") && text.contains("</svg>") : file.hasSuffix(".dot")
            #expect(ok, "\(name): \(file) is not a complete SVG picture", sourceLocation: sourceLocation)
        }
    }
}
