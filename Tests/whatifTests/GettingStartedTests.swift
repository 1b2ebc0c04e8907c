import Foundation
import Testing

/// `docs/getting-started.md` shows one Swift program; the page must print it exactly
/// as `docs/getting-started/main.swift` holds it, and the program must run and print
/// what the page says it prints.
@Suite struct GettingStartedTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func thePageShowsTheProgramTheTestRuns() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/getting-started.md"), encoding: .utf8)
        let program = try String(contentsOf: Self.root.appendingPathComponent("docs/getting-started/main.swift"), encoding: .utf8)
        let blocks = page.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks == [program])
    }

    @Test func theProgramPrintsWhatThePageSays() throws {
        let executable = WhatIf.executable.deletingLastPathComponent().appendingPathComponent("GettingStarted")
        let process = Process()
        process.executableURL = executable
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        func numbers(after prefix: String) -> [Double] {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
            return line.dropFirst(prefix.count).split(whereSeparator: { " [],;()".contains($0) }).compactMap { Double($0) }
        }
        // do(banner = 1) raises the mean by 5 × P(banner = 0) ≈ 2.5 (the same noise in both samples).
        let observed = numbers(after: "mean spend observed:"), intervened = numbers(after: "mean spend under do(banner = 1):")
        #expect(observed.count == 1 && intervened.count == 1 && intervened[0] > observed[0])
        // Abduction pins her noise at 20 − 20 − 0.3·40 = −12; with the banner: 20 + 12 + 5 − 12 = 25, exactly.
        #expect(numbers(after: "her spend had she seen the banner:") == [25])
        #expect(text.contains("(exact inversion)"))
        #expect(text.contains("adjust for: [\"engagement\"]"))
        // The effect is 5 for every unit; AIPW's 95% interval should hold it.
        let scored = numbers(after: "true ATE")
        #expect(scored.count == 4 && abs(scored[0] - 5) < 1e-9 && scored[2] <= 5 && 5 <= scored[3])
        // The lift of 10 lies inside the interval of the average absolute effect.
        let effect = text.split(separator: "\n").drop { !$0.hasPrefix("Absolute effect") }.dropFirst().first
        let interval = effect.map { $0.split(whereSeparator: { " [],".contains($0) }).compactMap { Double($0) } } ?? []
        #expect(interval.count == 4 && interval[0] <= 10 && 10 <= interval[1])
        let picture = try #require(text.split(separator: "\n").last?.components(separatedBy: "plot written to ").last)
        #expect(try String(contentsOfFile: picture, encoding: .utf8).hasPrefix("<svg"))
    }
}
